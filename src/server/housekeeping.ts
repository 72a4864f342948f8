/** Hourly clean-up (expired sessions, drafts, rate-limit windows, one-time-code challenges) and the scheduled decisions. */
import { and, isNotNull, lt, or } from 'drizzle-orm';
import { db, schema } from './db';
import { config } from './config';
import { now } from './clock';
import { pruneRateLimits, DAY } from './auth/rate-limit';
import { pruneDrafts } from './accounts/drafts';
import { runScheduledDecisions } from './applications';
import { isoDateInBangkok } from '$lib/format/date';
import { disableDormant } from './staff/accounts';
import { prunePending } from './employers/submissions';
import { pruneDevices } from './limits';

export function housekeeping(t = now()): void {
	const idleMs = config().SESSION_IDLE_MINUTES * 60_000;
	db()
		.delete(schema.sessions)
		.where(or(lt(schema.sessions.expiresAt, t), lt(schema.sessions.lastSeenAt, t - idleMs)))
		.run();
	pruneDrafts();
	pruneRateLimits(t);
	pruneDevices(t);
	// a challenge's payload (for registrations, an argon2 hash) is useless once it can no longer be used
	db()
		.update(schema.otpChallenges)
		.set({ payload: null })
		.where(and(lt(schema.otpChallenges.expiresAt, t), isNotNull(schema.otpChallenges.payload)))
		.run();
	db()
		.delete(schema.otpChallenges)
		.where(lt(schema.otpChallenges.expiresAt, t - 7 * DAY))
		.run();
	db()
		.delete(schema.staffSessions)
		.where(or(lt(schema.staffSessions.expiresAt, t), lt(schema.staffSessions.lastSeenAt, t - config().STAFF_IDLE_MINUTES * 60_000)))
		.run();
	db()
		.delete(schema.staffSessionEnds)
		.where(lt(schema.staffSessionEnds.at, t - DAY))
		.run();
	// seed 003 note 5: hospital accounts unused for six months are disabled
	disableDormant(t);
	// employers' uploads checked but never confirmed (issue 9)
	prunePending(t);
	runScheduledDecisions(isoDateInBangkok(t));
}

let timer: ReturnType<typeof setInterval> | undefined;

export function startHousekeeping(): void {
	housekeeping();
	timer ??= setInterval(() => housekeeping(), 3_600_000);
	timer.unref?.();
}
