/**
 * The daily reminder run: once a day, from 08:00 Bangkok time, every open account's reminders (src/lib/rules/
 * reminders.ts) are computed from its records and queued under their keys; the queue sends each key once. The hourly
 * housekeeping calls it in the one process that holds the housekeeping lease. A run is cut into batches of accounts
 * with its place saved after each, and into calls of at most RUN_MS: a run cut short (a restart, a very large
 * registry) goes on from its place at the next hour, and a reminder computed twice is still queued once.
 */
import { and, asc, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';
import { log } from '../log';
import { isoDateInBangkok } from '$lib/format/date';
import { afterQuietHours } from '$lib/notices';
import { loadRecords } from '../registry/records';
import { remindersFor } from '../applications/actions';
import { deliverDue, enqueue } from './notices';
import type { NoticeParams } from './render';

export const REMINDER_BATCH = 200;
/** One call's share of a run; the rest waits for the next hour. */
const RUN_MS = 40 * 60_000;
const KEEP_NOTICES_MS = 400 * 86_400_000;
/** a notice still being sent after this was lost with its process */
const LOST_AFTER_MS = 3_600_000;

let running = false;

export interface RunResult {
	day: string;
	accounts: number;
	queued: number;
	done: boolean;
}

/** Queue today's reminders for every open account (or go on with today's run); null during quiet hours, or when today's run is done. */
export async function runReminders(t = now(), opts: { batch?: number; budgetMs?: number } = {}): Promise<RunResult | null> {
	// the run waits for 08:00: reminders queued at night would only wait there
	if (afterQuietHours(t) !== t || running) return null;
	running = true;
	try {
		const day = isoDateInBangkok(t);
		const made = await transaction((tx) => tx.insert(schema.reminderRuns).values({ day }).onConflictDoNothing().returning({ day: schema.reminderRuns.day }));
		if (made.length) {
			// a day's run that never finished: its last accounts missed that day's reminders (the run cannot keep up, or was stopped)
			const before = await one(db().select().from(schema.reminderRuns).where(lt(schema.reminderRuns.day, day)).orderBy(desc(schema.reminderRuns.day)).limit(1));
			if (before && before.doneAt === null)
				log.error({ day: before.day }, 'ALERT: the reminder run of that day did not finish; accounts after its place were not reminded that day');
		}
		const run = await one(db().select().from(schema.reminderRuns).where(eq(schema.reminderRuns.day, day)));
		if (!run || run.doneAt !== null) return null;
		const started = Date.now();
		const batch = opts.batch ?? REMINDER_BATCH;
		let cursor = run.cursor ?? '';
		let accounts = 0;
		let queued = 0;
		const failed: { id: string; nationalId: string }[] = [];
		const remind = async (u: { id: string; nationalId: string }) => {
			const r = await loadRecords(u.nationalId, day, { applications: true });
			for (const { kind, key, ...body } of await remindersFor(u.nationalId, r, day))
				if ((await enqueue({ userId: u.id, kind, key, params: body as NoticeParams }, t)) !== null) queued++;
		};
		for (;;) {
			const users = await db()
				.select({ id: schema.users.id, nationalId: schema.users.nationalId })
				.from(schema.users)
				.where(and(isNull(schema.users.closedAt), gt(schema.users.id, cursor)))
				.orderBy(asc(schema.users.id))
				.limit(batch);
			for (const u of users) {
				try {
					await remind(u);
				} catch {
					// one account's records that cannot be read must not stop everyone else's reminders: tried again below
					failed.push(u);
				}
				accounts++;
			}
			const done = users.length < batch;
			if (users.length) cursor = users[users.length - 1]!.id;
			await transaction((tx) =>
				tx
					.update(schema.reminderRuns)
					.set({ cursor, doneAt: done ? now() : null })
					.where(eq(schema.reminderRuns.day, day))
			);
			if (done || Date.now() - started > (opts.budgetMs ?? RUN_MS)) {
				// the accounts that failed, once more (a passing database fault); what fails again is logged, not lost silently
				for (const u of failed.splice(0))
					await remind(u).catch((err: unknown) => log.error({ err, userId: u.id }, 'reminders for an account failed twice; it misses today’s'));
				log.info({ day, accounts, queued, done }, done ? 'reminder run finished' : 'reminder run paused; it goes on at the next hour');
				return { day, accounts, queued, done };
			}
		}
	} finally {
		running = false;
	}
}

/** The hourly part: today's run (while it lasts), then whatever is due in the queue; old records go. */
export async function reminderHousekeeping(t = now()): Promise<void> {
	await runReminders(t);
	await deliverDue(t);
	// a notice claimed by a process that died before it finished: not sent again (it may have gone), but said
	const lost = await transaction((tx) =>
		tx
			.update(schema.notices)
			.set({ state: 'dropped', sms: 'lost' })
			.where(and(eq(schema.notices.state, 'sending'), lt(schema.notices.dueAt, t - LOST_AFTER_MS)))
			.returning({ id: schema.notices.id })
	);
	if (lost.length)
		log.error({ count: lost.length }, 'ALERT: notices were claimed by a process that stopped while sending them; they may not have reached the citizen');
	await transaction((tx) => tx.delete(schema.notices).where(lt(schema.notices.createdAt, t - KEEP_NOTICES_MS)));
	await transaction((tx) => tx.delete(schema.reminderRuns).where(lt(schema.reminderRuns.day, isoDateInBangkok(t - 30 * 86_400_000))));
}
