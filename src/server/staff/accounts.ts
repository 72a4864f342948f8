/**
 * Staff accounts: created by an administrator's command (`npm run staff:create`), activated by a one-time link
 * where the staff member sets a password (the citizens' rules) and the mobile number their sign-in codes go to, verified
 * by a code. Signing in takes the password and then a code by SMS: staff see other people's data.
 *
 * Hospital accounts unused for STAFF_DORMANT_DAYS (seed 003 note 5: six months) are disabled — by the hourly
 * housekeeping and at sign-in — and only `npm run staff:enable` brings them back.
 */
import crypto from 'node:crypto';
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';
import { config } from '../config';
import { audit } from '../audit';
import { generateToken, hashToken } from '../auth/tokens';
import { hashPassword, newPasswordErrors, verifyDummy, verifyPassword } from '../auth/password';
import { checkCode, startChallenge } from '../auth/otp';
import { clearLockouts, signedInDevice, lockedAttempt, rememberDevice, take, lockedMessage, tryAgainAt } from '../limits';
import { createStaffSession, invalidateStaffSessions } from './session';
import { USERNAME_RE } from '$lib/validation/staff';
import type { FieldErrors, Msg } from '$lib/validation/messages';
import type { StaffRole } from '../db/schema';
import type { Locale } from '$lib/i18n';

export type StaffRow = typeof schema.staffUsers.$inferSelect;

export const ACTIVATION_TTL_MS = 72 * 3_600_000;
const DAY_MS = 86_400_000;

export class StaffError extends Error {}

/** The subject of a staff member's codes and lockout: never a national ID, so citizens' counters are untouched. */
export const staffSubject = (username: string) => `staff:${username}`;

export interface NewStaff {
	role: StaffRole;
	username: string;
	firstName: string;
	lastName: string;
	position?: string;
	centre?: string;
	hospitalCode?: string;
	/** employers' staff: the SSO account number and branch they submit for */
	account?: string;
	branch?: string;
}

/** Create an account that is not usable yet; returns the activation token for the one-time link. */
/** `actor`: who made it (the CLI, or the administrator who approved a hospital's request) */
export async function createStaff(n: NewStaff, t = now(), actor = 'cli'): Promise<{ id: string; token: string; expiresAt: number }> {
	const username = n.username.trim().toLowerCase();
	if (!USERNAME_RE.test(username)) throw new StaffError('username: 3–32 characters a–z, 0–9, dot, dash or underscore');
	if (!n.firstName.trim() || !n.lastName.trim()) throw new StaffError('--first and --last (the staff member’s name) are required');
	if (n.role === 'officer' && !n.centre?.trim()) throw new StaffError('an officer needs --centre (the service centre’s name)');
	if (n.role === 'hospital') {
		if (!n.hospitalCode) throw new StaffError('a hospital account needs --hospital (the hospital’s code)');
		if (!(await one(db().select({ c: schema.hospitals.code }).from(schema.hospitals).where(eq(schema.hospitals.code, n.hospitalCode)))))
			throw new StaffError(`no hospital with code ${n.hospitalCode}`);
	}
	let employerId: number | null = null;
	if (n.role === 'employer') {
		if (!n.account || !n.branch) throw new StaffError('an employer account needs --account (10 digits) and --branch (6 digits, 000000 = head office)');
		const e = await one(
			db()
				.select({ id: schema.employers.id })
				.from(schema.employers)
				.where(and(eq(schema.employers.accountNo, n.account), eq(schema.employers.branch, n.branch)))
		);
		if (!e) throw new StaffError(`no employer with account ${n.account} branch ${n.branch}`);
		employerId = e.id;
	}
	if (await one(db().select({ id: schema.staffUsers.id }).from(schema.staffUsers).where(eq(schema.staffUsers.username, username))))
		throw new StaffError(`the username ${username} is taken`);
	const id = crypto.randomUUID();
	const token = generateToken();
	const expiresAt = t + ACTIVATION_TTL_MS;
	await transaction((tx) =>
		tx.insert(schema.staffUsers).values({
			id,
			username,
			role: n.role,
			firstName: n.firstName.trim(),
			lastName: n.lastName.trim(),
			position: n.position?.trim() ?? '',
			centre: n.role === 'officer' ? n.centre!.trim() : null,
			hospitalCode: n.role === 'hospital' ? n.hospitalCode! : null,
			employerId,
			activationHash: hashToken(token),
			activationExpiresAt: expiresAt,
			createdAt: t
		})
	);
	await audit({
		actor,
		action: 'staff.created',
		subject: staffSubject(username),
		detail: { role: n.role, centre: n.centre ?? null, hospital: n.hospitalCode ?? null, employer: employerId }
	});
	return { id, token, expiresAt };
}

/** A new activation link for an account (a lost link, or a reset by the administrator): the old password stops working. */
export async function reissueActivation(username: string, t = now()): Promise<{ token: string; expiresAt: number }> {
	const row = await findStaff(username);
	if (!row) throw new StaffError(`no staff account ${username}`);
	const token = generateToken();
	const expiresAt = t + ACTIVATION_TTL_MS;
	await transaction(async (tx) => {
		await tx
			.update(schema.staffUsers)
			.set({ activationHash: hashToken(token), activationExpiresAt: expiresAt, passwordHash: null })
			.where(eq(schema.staffUsers.id, row.id));
		await invalidateStaffSessions(row.id);
		// the administrator's reset is the way out of a lock (after 100 wrong passwords, only a reset unlocks)
		await clearLockouts(staffSubject(row.username));
	});
	await audit({ actor: 'cli', action: 'staff.activation_reissued', subject: staffSubject(row.username) });
	return { token, expiresAt };
}

export async function findStaff(username: string): Promise<StaffRow | undefined> {
	return await one(db().select().from(schema.staffUsers).where(eq(schema.staffUsers.username, username.trim().toLowerCase())));
}

export async function staffById(id: string): Promise<StaffRow | undefined> {
	return await one(db().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id)));
}

/** The hash of an activation link's token (the draft keeps only this, never the token). */
export function activationHashOf(token: string): string | null {
	return token && token.length <= 64 ? hashToken(token) : null;
}

/** The account a live activation link belongs to, by its token's hash, or null (unknown, used or expired). */
export async function accountForActivation(hash: string | null | undefined, t = now()): Promise<StaffRow | null> {
	if (!hash) return null;
	const row = await one(db().select().from(schema.staffUsers).where(eq(schema.staffUsers.activationHash, hash)));
	if (!row || !row.activationExpiresAt || row.activationExpiresAt <= t || row.disabledAt) return null;
	return row;
}

export interface ActivationDraft {
	/** SHA-256 of the link's token: a copy of the drafts table opens no account */
	hash: string;
	challengeId?: string;
	smsFailed?: boolean;
	smsSending?: boolean;
}

export type BeginActivation =
	| { ok: true; challengeId: string; sending: boolean; smsFailed: boolean }
	| { ok: false; reason: 'gone' }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	| { ok: false; reason: 'rate_limited'; error: Msg };

/** A staff password must not contain the username (the personal-facts rule of the citizens' passwords, for staff). */
function notUsername(password: string, username: string): Msg | null {
	return password.toLowerCase().includes(username) ? 'err_staff_password_username' : null;
}

/** Activation, first step: the password is checked and hashed, and a code goes to the phone to prove it is theirs. */
export async function beginActivation(
	hash: string,
	f: { password: string; passwordConfirm: string; phone: string },
	ip: string | null,
	locale: Locale
): Promise<BeginActivation> {
	const row = await accountForActivation(hash);
	if (!row) return { ok: false, reason: 'gone' };
	const errors = newPasswordErrors(f.password, f.passwordConfirm, { phone: f.phone }, notUsername(f.password, row.username));
	if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
	const passwordHash = await hashPassword(f.password);
	const r = await startChallenge({
		purpose: 'staff_activate',
		phone: f.phone,
		subject: staffSubject(row.username),
		payload: { staffId: row.id, hash: passwordHash },
		ip,
		locale
	});
	if (!r.ok && r.reason === 'rate_limited') return { ok: false, reason: 'rate_limited', error: r.error ?? tryAgainAt(r.retryAt, locale) };
	if (!r.ok) return { ok: true, challengeId: r.challengeId, sending: false, smsFailed: true };
	return { ok: true, challengeId: r.challengeId, sending: r.sending, smsFailed: false };
}

export type CodeOutcome = { ok: true } | { ok: false; reason: 'invalid'; error: Msg } | { ok: false; reason: 'restart' };

/** Activation, second step: the right code sets the password and the phone, and the link is used up. */
export async function completeActivation(hash: string, challengeId: string | undefined, code: string, ip: string | null): Promise<CodeOutcome> {
	const row = await accountForActivation(hash);
	if (!row) return { ok: false, reason: 'restart' };
	const c = await checkCode(challengeId, code, 'staff_activate', ip);
	if (!c.ok) return c;
	const p = c.payload as { staffId: string; hash: string };
	if (p.staffId !== row.id) return { ok: false, reason: 'restart' };
	const t = now();
	const done = await transaction(
		(tx) =>
			tx
				.update(schema.staffUsers)
				.set({ passwordHash: p.hash, phone: c.phone, activatedAt: t, activationHash: null, activationExpiresAt: null })
				// the same link used twice at once: one wins
				.where(and(eq(schema.staffUsers.id, row.id), eq(schema.staffUsers.activationHash, row.activationHash!)))
				.returning({ id: schema.staffUsers.id }),
		{ durable: true }
	);
	if (done.length !== 1) return { ok: false, reason: 'restart' };
	await audit({ actor: row.id, action: 'staff.activated', subject: staffSubject(row.username), ip });
	return { ok: true };
}

/** When a hospital account was last used: its last sign-in, its activation or its re-enabling, whichever is latest. */
function lastUsed(row: Pick<StaffRow, 'lastLoginAt' | 'activatedAt' | 'enabledAt' | 'createdAt'>): number {
	return Math.max(row.lastLoginAt ?? 0, row.activatedAt ?? 0, row.enabledAt ?? 0, row.createdAt);
}

export function isDormant(row: Pick<StaffRow, 'role' | 'lastLoginAt' | 'activatedAt' | 'enabledAt' | 'createdAt'>, t = now()): boolean {
	return row.role === 'hospital' && t - lastUsed(row) >= config().STAFF_DORMANT_DAYS * DAY_MS;
}

/** Disable every hospital account unused for STAFF_DORMANT_DAYS (housekeeping). Returns how many. */
export async function disableDormant(t = now()): Promise<number> {
	const cutoff = t - config().STAFF_DORMANT_DAYS * DAY_MS;
	const rows = await transaction((tx) =>
		tx
			.update(schema.staffUsers)
			.set({ disabledAt: t, disabledReason: 'dormant' })
			.where(
				and(
					eq(schema.staffUsers.role, 'hospital'),
					isNull(schema.staffUsers.disabledAt),
					isNotNull(schema.staffUsers.activatedAt),
					// the latest of the three before the cutoff: each of them before it
					lt(sql`coalesce(${schema.staffUsers.lastLoginAt}, 0)`, cutoff),
					lt(schema.staffUsers.activatedAt, cutoff),
					lt(sql`coalesce(${schema.staffUsers.enabledAt}, 0)`, cutoff)
				)
			)
			.returning({ id: schema.staffUsers.id, username: schema.staffUsers.username })
	);
	for (const r of rows) {
		await invalidateStaffSessions(r.id);
		await audit({ actor: 'system', action: 'staff.disabled', subject: staffSubject(r.username), detail: { reason: 'dormant' } });
	}
	return rows.length;
}

/** Re-enable an account (the CLI): it counts as used from now, so it is not disabled again at once. */
export async function enableStaff(username: string, t = now(), actor = 'cli'): Promise<StaffRow> {
	const row = await findStaff(username);
	if (!row) throw new StaffError(`no staff account ${username}`);
	await transaction((tx) => tx.update(schema.staffUsers).set({ disabledAt: null, disabledReason: null, enabledAt: t }).where(eq(schema.staffUsers.id, row.id)));
	await audit({ actor, action: 'staff.enabled', subject: staffSubject(row.username), detail: { was: row.disabledReason } });
	return { ...row, disabledAt: null, disabledReason: null, enabledAt: t };
}

/** Disable an account by hand (the CLI): someone left (seed 003 note 6). */
export async function disableStaff(username: string, t = now(), actor = 'cli'): Promise<void> {
	const row = await findStaff(username);
	if (!row) throw new StaffError(`no staff account ${username}`);
	await transaction(async (tx) => {
		await tx.update(schema.staffUsers).set({ disabledAt: t, disabledReason: 'admin' }).where(eq(schema.staffUsers.id, row.id));
		await invalidateStaffSessions(row.id);
	});
	await audit({ actor, action: 'staff.disabled', subject: staffSubject(row.username), detail: { reason: 'admin' } });
}

export interface StaffLoginDraft {
	challengeId?: string;
	smsFailed?: boolean;
	smsSending?: boolean;
}

export type PasswordStep =
	| { ok: true; challengeId: string; sending: boolean; smsFailed: boolean }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'disabled' }
	| { ok: false; reason: 'limited'; error: Msg };

/**
 * Sign-in, first factor. One answer for an unknown username, a wrong password and an account not activated yet; the
 * lockout of the citizens' log-in (5 wrong → 15 minutes, doubling) counts per username, and apart for each browser that
 * signed in to the account before (`device`, the id of its device cookie), which the per-IP caps do not hold either.
 * A disabled account is said so only after the right password.
 */
export async function staffPasswordStep(
	username: string,
	password: string,
	ip: string | null,
	locale: Locale,
	t = now(),
	device: string | null = null
): Promise<PasswordStep> {
	const key = staffSubject(username);
	if (!(await signedInDevice(key, device))) {
		const taken = await take('login', { ip }, t);
		if (!taken.ok) return { ok: false, reason: 'limited', error: tryAgainAt(taken.retryAt, locale) };
	}
	const seen: { row?: StaffRow } = {};
	const a = await lockedAttempt(
		key,
		async () => {
			const row = (seen.row = await findStaff(username));
			return row?.passwordHash ? await verifyPassword(row.passwordHash, password) : (await verifyDummy(password), false);
		},
		t,
		{ ip, device }
	);
	if (!a.ok) {
		if (a.counted && seen.row) await audit({ actor: 'anonymous', action: a.lockedUntil ? 'staff.login.locked' : 'staff.login.failed', subject: key, ip });
		if (a.retryAt) return { ok: false, reason: 'limited', error: tryAgainAt(a.retryAt, locale) };
		return a.lockedUntil ? { ok: false, reason: 'limited', error: lockedMessage(a.lockedUntil, locale) } : { ok: false, reason: 'invalid' };
	}
	const row = seen.row!;
	if (!row.disabledAt && isDormant(row, t)) {
		await transaction((tx) => tx.update(schema.staffUsers).set({ disabledAt: t, disabledReason: 'dormant' }).where(eq(schema.staffUsers.id, row.id)));
		await audit({ actor: 'system', action: 'staff.disabled', subject: key, detail: { reason: 'dormant' } });
		row.disabledAt = t;
	}
	if (row.disabledAt || !row.phone) return { ok: false, reason: 'disabled' };
	const s = await startChallenge({ purpose: 'staff_login', phone: row.phone, subject: key, payload: { staffId: row.id }, ip, locale });
	if (!s.ok && s.reason === 'rate_limited') return { ok: false, reason: 'limited', error: s.error ?? tryAgainAt(s.retryAt, locale) };
	if (!s.ok) return { ok: true, challengeId: s.challengeId, sending: false, smsFailed: true };
	return { ok: true, challengeId: s.challengeId, sending: s.sending, smsFailed: false };
}

export type CodeStep =
	{ ok: true; token: string; expiresAt: number; staffId: string } | { ok: false; reason: 'invalid'; error: Msg } | { ok: false; reason: 'restart' };

/**
 * Sign-in, second factor: the right code opens the account's only session (ending the one before, audited), and makes
 * this browser (`device`, the id for its device cookie) one that signed in to the account.
 */
export async function staffCodeStep(
	challengeId: string | undefined,
	code: string,
	ip: string | null,
	userAgent: string | null,
	device: string | null = null
): Promise<CodeStep> {
	const c = await checkCode(challengeId, code, 'staff_login', ip);
	if (!c.ok) return c;
	const { staffId } = c.payload as { staffId: string };
	const row = await staffById(staffId);
	if (!row || row.disabledAt || !row.passwordHash) return { ok: false, reason: 'restart' };
	const s = await createStaffSession(row.id, { ip, userAgent }, row.passwordHash);
	if (!s) return { ok: false, reason: 'restart' };
	await transaction((tx) => tx.update(schema.staffUsers).set({ lastLoginAt: now() }).where(eq(schema.staffUsers.id, row.id)));
	if (device) await rememberDevice(staffSubject(row.username), device);
	if (s.replaced) await audit({ actor: row.id, action: 'staff.session.replaced', subject: staffSubject(row.username), ip });
	await audit({ actor: row.id, action: 'staff.login', subject: staffSubject(row.username), ip, detail: { role: row.role } });
	return { ok: true, token: s.token, expiresAt: s.expiresAt, staffId: row.id };
}

/** Seed 000 §5: change the password (the current one first; wrong answers count towards the lockout). */
export async function changeStaffPassword(
	staffId: string,
	f: { current: string; password: string; passwordConfirm: string },
	ip: string | null,
	locale: Locale
): Promise<{ ok: true; token: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'rate_limited'; errors: FieldErrors }> {
	const row = await staffById(staffId);
	if (!row?.passwordHash) return { ok: false, reason: 'invalid', errors: { current: 'err_current_password' } };
	const key = staffSubject(row.username);
	const hashNow = row.passwordHash;
	const a = await lockedAttempt(key, () => verifyPassword(hashNow, f.current));
	if (!a.ok) {
		if (a.counted)
			await audit({ actor: row.id, action: a.lockedUntil ? 'staff.login.locked' : 'staff.login.failed', subject: key, ip, detail: { where: 'password' } });
		return a.lockedUntil
			? { ok: false, reason: 'rate_limited', errors: { current: lockedMessage(a.lockedUntil, locale) } }
			: { ok: false, reason: 'invalid', errors: { current: 'err_current_password' } };
	}
	const errors = newPasswordErrors(
		f.password,
		f.passwordConfirm,
		{ phone: row.phone ?? undefined },
		notUsername(f.password, row.username) ?? (f.password === f.current ? 'err_password_same' : null)
	);
	if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
	const hash = await hashPassword(f.password);
	await transaction((tx) => tx.update(schema.staffUsers).set({ passwordHash: hash }).where(eq(schema.staffUsers.id, row.id)), { durable: true });
	await audit({ actor: row.id, action: 'staff.password_changed', subject: key, ip });
	// the one session goes on in a new token
	const s = await createStaffSession(row.id, { ip }, hash);
	if (!s) return { ok: false, reason: 'invalid', errors: { current: 'err_current_password' } };
	return { ok: true, token: s.token, expiresAt: s.expiresAt };
}

/** Seed 000 §6: the staff member's own details. */
export async function updateStaffProfile(
	staffId: string,
	f: { firstName: string; lastName: string; position: string; officePhone: string; email: string },
	ip: string | null
): Promise<void> {
	const row = await staffById(staffId);
	if (!row) return;
	await transaction((tx) => tx.update(schema.staffUsers).set(f).where(eq(schema.staffUsers.id, staffId)));
	await audit({ actor: staffId, action: 'staff.profile_changed', subject: staffSubject(row.username), ip });
}
