/**
 * Hourly clean-up (expired sessions, drafts, rate-limit windows, one-time-code challenges), the scheduled decisions,
 * the daily reminders and the notices held over quiet hours (src/server/notify),
 * and once a day (and at start) the warning about missing holiday data. Every app process runs the timer; the one
 * holding the housekeeping lease does the work.
 */
import { and, isNotNull, lt, or } from 'drizzle-orm';
import { schema, transaction } from './db';
import { config } from './config';
import { now } from './clock';
import { pruneRateLimits, DAY } from './auth/rate-limit';
import { pruneDrafts } from './accounts/drafts';
import { runScheduledDecisions } from './applications/registry';
import { isoDateInBangkok } from '$lib/format/date';
import { disableDormant } from './staff/accounts';
import { prunePending } from './employers/submissions';
import { pruneDevices } from './limits';
import { log } from './log';
import { reminderHousekeeping } from './notify/reminders';
import { takeLease } from './lease';
import { holidayGaps, type HolidayGap } from '$lib/rules/workdays';
import type { HolidayDates } from '$lib/rules/holidays/types';

/**
 * Logs a warning for the current and the next year when their holiday list is missing or provisional: until it is
 * imported, due dates and deadlines that year skip only weekends (and, for a provisional year, the fixed-date holidays).
 */
export function warnHolidayGaps(today: string, years?: readonly HolidayDates[]): HolidayGap[] {
	const gaps = holidayGaps(today, years);
	for (const g of gaps) {
		const what =
			g.problem === 'missing'
				? `Holiday data for ${g.year} is missing: due dates and deadlines in ${g.year} skip weekends only.`
				: `Holiday data for ${g.year} is provisional: only its fixed-date holidays are known (no lunar or substitution days).`;
		log.warn(
			{ holidayYear: g.year, problem: g.problem },
			`${what} Import the Bank of Thailand's financial institutions holiday list for ${g.year} (npm run holidays:import -- <file>, see docs/OPERATIONS.md "Holidays"), then rebuild and restart.`
		);
	}
	return gaps;
}

let holidaysCheckedOn: string | undefined;

/** Held for 90 minutes and renewed each hour: if its process dies, another takes the work over within the next hours' run. */
const LEASE_MS = 90 * 60_000;

/** Runs the hourly work if this process holds (or can take) the lease; false when another process has it. */
export async function housekeeping(t = now()): Promise<boolean> {
	if (!(await takeLease('housekeeping', LEASE_MS, undefined, t))) return false;
	const idleMs = config().SESSION_IDLE_MINUTES * 60_000;
	await transaction((tx) => tx.delete(schema.sessions).where(or(lt(schema.sessions.expiresAt, t), lt(schema.sessions.lastSeenAt, t - idleMs))));
	await pruneDrafts();
	await pruneRateLimits(t);
	await pruneDevices(t);
	// a challenge's payload (for registrations, an argon2 hash) is useless once it can no longer be used
	await transaction((tx) =>
		tx
			.update(schema.otpChallenges)
			.set({ payload: null })
			.where(and(lt(schema.otpChallenges.expiresAt, t), isNotNull(schema.otpChallenges.payload)))
	);
	await transaction((tx) => tx.delete(schema.otpChallenges).where(lt(schema.otpChallenges.expiresAt, t - 7 * DAY)));
	await transaction((tx) =>
		tx
			.delete(schema.staffSessions)
			.where(or(lt(schema.staffSessions.expiresAt, t), lt(schema.staffSessions.lastSeenAt, t - config().STAFF_IDLE_MINUTES * 60_000)))
	);
	await transaction((tx) => tx.delete(schema.staffSessionEnds).where(lt(schema.staffSessionEnds.at, t - DAY)));
	// seed 003 note 5: hospital accounts unused for six months are disabled
	await disableDormant(t);
	// employers' uploads checked but never confirmed
	await prunePending(t);
	const today = isoDateInBangkok(t);
	await runScheduledDecisions(today);
	// reminders once a day from 08:00, and the notices held over quiet hours
	await reminderHousekeeping(t);
	if (holidaysCheckedOn !== today) {
		holidaysCheckedOn = today;
		warnHolidayGaps(today);
	}
	return true;
}

let timer: ReturnType<typeof setInterval> | undefined;

export async function startHousekeeping(): Promise<void> {
	await housekeeping();
	timer ??= setInterval(() => void housekeeping().catch((err: unknown) => log.error({ err }, 'The hourly housekeeping failed')), 3_600_000);
	timer.unref?.();
}
