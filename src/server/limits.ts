/**
 * Every abuse limit of the portal, in one place. Routes and services ask `take(policy, who)`; nobody builds
 * limit keys or windows anywhere else. The counters are rows in the database (src/server/auth/rate-limit.ts),
 * so a limit survives a restart and holds across server processes sharing the database.
 *
 * | policy               | per                          | default (env)                                   |
 * |----------------------|------------------------------|-------------------------------------------------|
 * | login                | IP (/64 for IPv6)            | 60 an hour (LOGIN_IP_PER_HOUR)                   |
 * | login_failure        | IP                           | 20 wrong passwords an hour (LOGIN_FAIL_IP_…)     |
 * | login (lockout)      | national ID, known or not;   | 5 wrong in a row → 15 min, doubling, ≤ 24 h;    |
 * |                      | apart: each device that      | 100 in a row → until a password reset           |
 * |                      | signed in to it before       | (the per-IP caps do not apply to such a device) |
 * | code_send            | phone + requester, ID, IP    | 5/h 10/day, 5/h 10/day, 20/h 50/day (OTP_*)      |
 * |                      | a number not yet proven      | 10/h 20/day from all requesters (OTP_NEW_PHONE_…)|
 * |                      |                              | (per ID: public flows and signed-in ones apart) |
 * | sms                  | the whole portal             | 2000 texts an hour (SMS_PER_HOUR), then alert   |
 * | notice (cooldown)    | account and kind of notice   | one text in 10 minutes                          |
 * | notice_sms           | account                      | 4 reminder and news texts a day (NOTICE_SMS_…)   |
 * |                      | the whole portal             | half of SMS_PER_HOUR for reminders and news     |
 * | code_verify          | challenge                    | 5 wrong codes, then the challenge is dead       |
 * | registration_start   | IP                           | 30 registry look-ups an hour (REGISTER_IP_…)     |
 * | reset_start          | IP                           | 20 an hour (RESET_IP_PER_HOUR)                   |
 * | application_submit   | account                      | 10 an hour, 20 a day (APPLY_USER_PER_…)          |
 * | staff_lookup         | staff account                | 120 persons an hour (STAFF_LOOKUPS_PER_HOUR)     |
 * | hospital_request     | IP; the whole portal         | 30 sends of the request form a day; 1000 in all  |
 *
 * A refused request is answered HTTP 429 with a message that says when to try again (`retryAt`).
 */
import type { Locale } from '$lib/i18n';
import { and, eq, gt, lt } from 'drizzle-orm';
import { db, one, schema, transaction, type Db } from './db';
import { config } from './config';
import { now } from './clock';
import { DAY, HOUR, firstExceeded, ipKey, takeAll, unhit, type Limit } from './auth/rate-limit';
import { hashToken } from './auth/tokens';
import { formatDateShort, isoDateInBangkok, timeInBangkok } from '$lib/format/date';
import type { MessageKey, Msg } from '$lib/validation/messages';

export type Policy =
	| 'login'
	| 'login_failure'
	| 'code_send'
	| 'sms'
	| 'notice_sms'
	| 'registration_start'
	| 'reset_start'
	| 'application_submit'
	| 'staff_lookup'
	| 'hospital_request';

export interface Who {
	ip?: string | null;
	phone?: string;
	nationalId?: string;
	userId?: string;
	/**
	 * code sends: the flows anyone can start with an ID and a birth date (registration, password reset) count apart
	 * from those of a signed-in citizen (phone change, confirmations), so strangers cannot use up the citizen's codes
	 */
	scope?: 'public' | 'account';
	/**
	 * code sends: whether the number is on file (an account's or a staff member's own) or typed by the requester and not
	 * yet proven (registration, phone change, staff activation). Each counts apart, per requester, so codes anyone asks
	 * for a stranger's number never use up the codes that number's owner needs to sign in or reset a password.
	 */
	phoneIs?: 'on_file' | 'unproven';
	/** texts: a reminder or news of an application (at most half the hour's budget, so codes always keep the rest) */
	notice?: boolean;
}

/** The windows a request of this policy counts against. A missing part of `who` (no IP in a CLI) is not limited on. */
export function limitsOf(policy: Policy, who: Who): Limit[] {
	const c = config();
	const ip = who.ip ? ipKey(who.ip) : null;
	const l: Limit[] = [];
	switch (policy) {
		case 'login':
			if (ip) l.push({ key: `login:ip:${ip}`, max: c.LOGIN_IP_PER_HOUR, windowMs: HOUR });
			break;
		case 'login_failure':
			if (ip) l.push({ key: `login:fail:${ip}`, max: c.LOGIN_FAIL_IP_PER_HOUR, windowMs: HOUR });
			break;
		case 'sms':
			l.push({ key: 'sms:all', max: c.SMS_PER_HOUR, windowMs: HOUR });
			// codes to numbers nobody has proven yet (what a flood of registrations sends) may use 80 % of the budget: the
			// rest stays for sign-in and reset codes to numbers on file and for notices
			if (who.phoneIs === 'unproven') l.push({ key: 'sms:unproven', max: Math.max(1, Math.floor(c.SMS_PER_HOUR * 0.8)), windowMs: HOUR });
			// reminders and news (a morning's reminders for every member due that day) may use half: sign-in and reset
			// codes keep the other half whatever the queue holds
			if (who.notice) l.push({ key: 'sms:notice', max: Math.max(1, Math.floor(c.SMS_PER_HOUR * 0.5)), windowMs: HOUR });
			break;
		case 'code_send': {
			const id = who.nationalId ? (who.scope === 'account' ? `account:${who.nationalId}` : who.nationalId) : null;
			if (who.phone) {
				// per number and requester, numbers on file and unproven ones apart
				const phone = `otp:phone:${who.phoneIs === 'unproven' ? 'new:' : ''}${who.phone}${id ? `:by:${id}` : ''}`;
				l.push({ key: `${phone}:h`, max: c.OTP_PHONE_PER_HOUR, windowMs: HOUR }, { key: `${phone}:d`, max: c.OTP_PHONE_PER_DAY, windowMs: DAY });
				// texts to a stranger's number from many requesters: bounded, and never counted against the owner's own codes
				if (who.phoneIs === 'unproven')
					l.push(
						{ key: `otp:phone:new:${who.phone}:h`, max: c.OTP_NEW_PHONE_PER_HOUR, windowMs: HOUR },
						{ key: `otp:phone:new:${who.phone}:d`, max: c.OTP_NEW_PHONE_PER_DAY, windowMs: DAY }
					);
			}
			if (id) l.push({ key: `otp:id:${id}:h`, max: c.OTP_ID_PER_HOUR, windowMs: HOUR }, { key: `otp:id:${id}:d`, max: c.OTP_ID_PER_DAY, windowMs: DAY });
			if (ip) l.push({ key: `otp:ip:${ip}:h`, max: c.OTP_IP_PER_HOUR, windowMs: HOUR }, { key: `otp:ip:${ip}:d`, max: c.OTP_IP_PER_DAY, windowMs: DAY });
			break;
		}
		case 'registration_start':
			if (ip) l.push({ key: `reg:lookup:${ip}`, max: c.REGISTER_IP_PER_HOUR, windowMs: HOUR });
			break;
		case 'reset_start':
			if (ip) l.push({ key: `reset:lookup:${ip}`, max: c.RESET_IP_PER_HOUR, windowMs: HOUR });
			break;
		case 'notice_sms':
			// reminders and news of applications by text: a bad day's worth, not a flood, whatever the queue holds
			if (who.userId) l.push({ key: `notice:sms:${who.userId}`, max: c.NOTICE_SMS_PER_DAY, windowMs: DAY });
			break;
		case 'hospital_request':
			// the public form of seed 003: a hospital sends a few (a mistake or two included), each with a letter to check and
			// keep; and the letters kept a day are bounded whoever sends them
			if (ip) l.push({ key: `hospital:request:${ip}`, max: 30, windowMs: DAY });
			l.push({ key: 'hospital:request:all', max: 1000, windowMs: DAY });
			break;
		case 'staff_lookup':
			// a staff member looking up person after person beyond any counter's pace
			if (who.userId) l.push({ key: `staff:lookup:${who.userId}`, max: c.STAFF_LOOKUPS_PER_HOUR, windowMs: HOUR });
			break;
		case 'application_submit':
			if (who.userId)
				l.push(
					{ key: `apply:user:${who.userId}:h`, max: c.APPLY_USER_PER_HOUR, windowMs: HOUR },
					{ key: `apply:user:${who.userId}:d`, max: c.APPLY_USER_PER_DAY, windowMs: DAY }
				);
			break;
	}
	return l;
}

export type Taken = { ok: true } | { ok: false; retryAt: number };

/**
 * Count one request against every window of the policy, or refuse it (counting nothing) when one is full.
 * Checking and counting happen in one write transaction, so two processes cannot both take the last slot.
 */
export async function take(policy: Policy, who: Who, t = now()): Promise<Taken> {
	const limits = limitsOf(policy, who);
	if (limits.length === 0) return { ok: true };
	const full = await takeAll(limits, t);
	return full === null ? { ok: true } : { ok: false, retryAt: full };
}

/** Whether a policy's windows are all full for `who` now, without counting: the end of the first full one, or null. */
export async function fullUntil(policy: Policy, who: Who, t = now()): Promise<number | null> {
	return (await firstExceeded(limitsOf(policy, who), t))?.retryAt ?? null;
}

/**
 * At most one of a kind in `ms` (a sliding window, unlike the clock-aligned ones of `take`): true, and counted, when the
 * last one of `key` is at least `ms` old. The notices texted after a change of password or phone use it, so a burst of
 * changes sends one text.
 */
export async function cooldown(key: string, ms: number, t = now()): Promise<boolean> {
	return transaction(async (tx) => {
		const recent = await one(
			tx
				.select({ at: schema.rateLimits.windowStart })
				.from(schema.rateLimits)
				.where(and(eq(schema.rateLimits.key, key), gt(schema.rateLimits.windowStart, t - ms)))
		);
		if (recent) return false;
		await tx.delete(schema.rateLimits).where(eq(schema.rateLimits.key, key));
		await tx.insert(schema.rateLimits).values({ key, windowStart: t, count: 1 });
		return true;
	});
}

// ── Login lockout: consecutive wrong passwords per national ID ──────────────
// Counted whether or not an account exists, so the lockout behaves the same for unknown IDs and never tells
// who is registered. Each attempt is counted before the password is checked, so parallel guesses get no more.

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;
/** Each further lock of a run of failures lasts twice as long as the last, up to a day. */
export const MAX_LOCK_MS = 24 * 3_600_000;
/** NIST SP 800-63B §5.2.2: at most 100 consecutive failures; then only a password reset (a code to the phone) unlocks. */
export const MAX_CONSECUTIVE_FAILURES = 100;

/** How long the lock after `failed` consecutive wrong passwords lasts (a multiple of MAX_FAILED_LOGINS). */
export function lockFor(failed: number): number {
	if (failed >= MAX_CONSECUTIVE_FAILURES) return 100 * 365 * 86_400_000;
	return Math.min(LOCK_MS * 2 ** (Math.floor(failed / MAX_FAILED_LOGINS) - 1), MAX_LOCK_MS);
}
/** Wrong codes a one-time-code challenge takes before it is dead (the right code after that is refused too). */
export const OTP_MAX_ATTEMPTS = 5;

export type LoginReservation = { locked: true; until: number } | { locked: false; attempt: number };

/** One run of wrong passwords: an account's (every client without a device of its own) or one device's for an account. */
interface Counter {
	read(tx: Db): Promise<{ failed: number; lockedUntil: number | null } | undefined>;
	write(tx: Db, failed: number, lockedUntil: number | null): Promise<void>;
}

function accountCounter(key: string): Counter {
	const where = eq(schema.loginThrottle.nationalId, key);
	return {
		read: async (tx) => await one(tx.select().from(schema.loginThrottle).where(where)),
		write: async (tx, failed, lockedUntil) =>
			void (await tx
				.insert(schema.loginThrottle)
				.values({ nationalId: key, failed, lockedUntil })
				.onConflictDoUpdate({ target: schema.loginThrottle.nationalId, set: { failed, lockedUntil } }))
	};
}

function deviceCounter(key: string, device: string): Counter {
	const where = and(eq(schema.loginDevices.key, key), eq(schema.loginDevices.device, device));
	return {
		read: async (tx) => await one(tx.select().from(schema.loginDevices).where(where)),
		write: async (tx, failed, lockedUntil) => void (await tx.update(schema.loginDevices).set({ failed, lockedUntil }).where(where))
	};
}

async function reserve(c: Counter, t: number): Promise<LoginReservation> {
	return transaction(async (tx) => {
		const row = await c.read(tx);
		if (row?.lockedUntil && row.lockedUntil > t) return { locked: true, until: row.lockedUntil };
		const failed = row?.failed ?? 0;
		if (failed > 0 && failed % MAX_FAILED_LOGINS === 0 && !row?.lockedUntil) {
			// only reachable by attempts running in parallel with the one that ended a run of five: lock now
			const until = t + lockFor(failed);
			await c.write(tx, failed, until);
			return { locked: true, until };
		}
		const attempt = failed + 1;
		await c.write(tx, attempt, null);
		return { locked: false, attempt };
	});
}

async function failed(c: Counter, r: { attempt: number }, t: number): Promise<number | null> {
	if (r.attempt % MAX_FAILED_LOGINS !== 0) return null;
	const until = t + lockFor(r.attempt);
	await transaction((tx) => c.write(tx, r.attempt, until));
	return until;
}

/**
 * Count this login attempt for the ID, or refuse it while the ID is locked. `failed` counts the whole run of wrong
 * passwords (a right one, or a password reset, ends it), so each lock is longer than the last instead of starting over.
 */
export function reserveLoginAttempt(nationalId: string, t = now()): Promise<LoginReservation> {
	return reserve(accountCounter(nationalId), t);
}

/** After a wrong password: lock the ID when this attempt ends a run of five. Returns the lock's end, if any. */
export function loginFailed(nationalId: string, r: { attempt: number }, t = now()): Promise<number | null> {
	return failed(accountCounter(nationalId), r, t);
}

/** "Until 14:05", or "until 27 Nov 2569 at 03:00" when that is not today (Bangkok): one of two messages. */
function untilMessage(until: number, locale: Locale, today: MessageKey, otherDay: MessageKey, t: number): Msg {
	const time = timeInBangkok(until);
	if (isoDateInBangkok(until) === isoDateInBangkok(t)) return { key: today, params: { time } };
	return { key: otherDay, params: { date: formatDateShort(isoDateInBangkok(until), locale), time } };
}

/** The message of a refused (HTTP 429) request: when to try again (a daily cap, or a window ending after midnight). */
export function tryAgainAt(retryAt: number, locale: Locale, t = now()): Msg {
	return untilMessage(retryAt, locale, 'err_rate_limited', 'err_rate_limited_day', t);
}

/** The message of a text refused because the portal's hourly budget of texts is used up (not this person's caps). */
export function smsBudgetMessage(retryAt: number, locale: Locale, t = now()): Msg {
	return untilMessage(retryAt, locale, 'err_sms_budget', 'err_sms_budget_day', t);
}

/** What a locked citizen is told: until when (with the date when not today), or, after 100 failures, to reset. */
export function lockedMessage(until: number, locale: Locale, t = now()): Msg {
	if (until - t > 30 * DAY) return 'err_login_locked_reset';
	return untilMessage(until, locale, 'err_login_locked', 'err_login_locked_day', t);
}

export async function clearLoginFailures(nationalId: string): Promise<void> {
	await transaction((tx) => tx.delete(schema.loginThrottle).where(eq(schema.loginThrottle.nationalId, nationalId)));
}

/**
 * A reset by whoever may reset `key` (a password reset, an administrator's new activation link): every lock of it ends,
 * the account's and each device's (in the reset's own transaction, when it has one).
 */
export async function clearLockouts(key: string): Promise<void> {
	await transaction(async (tx) => {
		await clearLoginFailures(key);
		await tx.update(schema.loginDevices).set({ failed: 0, lockedUntil: null }).where(eq(schema.loginDevices.key, key));
	});
}

// ── Devices that signed in before (NIST SP 800-63B §5.2.2) ──────────────────

/** Who tries a password: the address, and the id of the browser's signed device cookie (src/server/auth/device-cookie.ts). */
export interface Client {
	ip: string | null;
	device?: string | null;
}

/** The stored form of a device id (SHA-256) when that browser signed in to `key` before; null for any other client. */
export async function signedInDevice(key: string, device: string | null | undefined): Promise<string | null> {
	if (!device) return null;
	const h = hashToken(device);
	const row = await one(
		db()
			.select({ key: schema.loginDevices.key })
			.from(schema.loginDevices)
			.where(and(eq(schema.loginDevices.key, key), eq(schema.loginDevices.device, h)))
	);
	return row ? h : null;
}

/** A successful sign-in: this browser now keeps its own count of wrong passwords for `key` (a fresh one). */
export async function rememberDevice(key: string, device: string, t = now()): Promise<void> {
	const h = hashToken(device);
	await transaction((tx) =>
		tx
			.insert(schema.loginDevices)
			.values({ key, device: h, failed: 0, lockedUntil: null, signedInAt: t })
			.onConflictDoUpdate({ target: [schema.loginDevices.key, schema.loginDevices.device], set: { failed: 0, lockedUntil: null, signedInAt: t } })
	);
}

/** Housekeeping: a device not signed in for a year is a stranger again (its cookie has expired too). */
export async function pruneDevices(t = now()): Promise<void> {
	await transaction((tx) => tx.delete(schema.loginDevices).where(lt(schema.loginDevices.signedInAt, t - 366 * DAY)));
}

export type LockedAttempt = { ok: true } | { ok: false; lockedUntil: number | null; counted: boolean; retryAt?: number };

/**
 * One password checked under the lockout of `key` (a national ID, or a staff account's `staff:<username>`): counted
 * before `check` runs, the run of failures cleared when right, the key locked when this attempt ends a run of five.
 * While the key is locked `check` does not run (`counted: false`); `lockedUntil` is set whenever the key is locked.
 *
 * A browser that signed in to `key` before has a run of its own (locked only for itself), so wrong passwords from
 * anywhere else never lock the owner's device. Every other client shares the account's run, and its address counts
 * wrong passwords over all accounts (LOGIN_FAIL_IP_PER_HOUR; `retryAt` when that is full, nothing checked).
 */
export async function lockedAttempt(key: string, check: () => Promise<boolean>, t = now(), client: Client = { ip: null }): Promise<LockedAttempt> {
	const device = await signedInDevice(key, client.device);
	const counter = device ? deviceCounter(key, device) : accountCounter(key);
	// the address's wrong-password slot is taken before the (slow) check, atomically, so parallel guesses cannot all
	// pass a look at a window that is not yet counted; a right password gives it back
	const failSlot = device ? [] : limitsOf('login_failure', { ip: client.ip });
	if (failSlot.length) {
		const taken = await take('login_failure', { ip: client.ip }, t);
		if (!taken.ok) return { ok: false, lockedUntil: null, counted: false, retryAt: taken.retryAt };
	}
	const r = await reserve(counter, t);
	if (r.locked) {
		await unhit(failSlot, t);
		return { ok: false, lockedUntil: r.until, counted: false };
	}
	if (await check()) {
		if (device) await transaction((tx) => counter.write(tx, 0, null));
		else await clearLoginFailures(key);
		await unhit(failSlot, t);
		return { ok: true };
	}
	return { ok: false, lockedUntil: await failed(counter, r, t), counted: true };
}
