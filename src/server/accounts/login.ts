/**
 * Log in with national ID + password. One generic error. Five wrong passwords lock the ID for 15 minutes,
 * counted per national ID whether or not an account exists, so the answers never tell who is registered.
 * Each attempt is counted before the password is checked (in one synchronous transaction), so parallel
 * guesses cannot get more than five tries. Attempts and wrong passwords per IP (per /64 for IPv6) are capped as well.
 * A browser that signed in to the account before (its device cookie) keeps its own count and is not held by the
 * per-IP caps, so nobody elsewhere can lock the owner out (NIST SP 800-63B §5.2.2).
 */
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { db, jsonText, one, schema } from '../db';
import { now } from '../clock';
import { audit } from '../audit';
import { verifyDummy, verifyPassword } from '../auth/password';
import { deviceKey } from '../auth/devices';
import { signedInDevice, lockedAttempt, rememberDevice, take, type Client } from '../limits';

export { MAX_FAILED_LOGINS, LOCK_MS } from '../limits';

export type LoginResult =
	| { ok: true; userId: string; passwordHash: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; until: number }
	| { ok: false; reason: 'rate_limited'; retryAt: number };

/** Whether this account signed in (or registered) from this kind of device in the last 180 days. */
async function knownDevice(userId: string, nationalId: string, device: string, t: number): Promise<boolean> {
	const row = await one(
		db()
			.select({ id: schema.auditLog.id })
			.from(schema.auditLog)
			.where(
				and(
					// by subject first: the audit log's index is (subject, at), so this reads this person's entries only
					eq(schema.auditLog.subject, nationalId),
					eq(schema.auditLog.actor, userId),
					inArray(schema.auditLog.action, ['login.ok', 'register.complete']),
					gt(schema.auditLog.at, t - 180 * 86_400_000),
					eq(jsonText(schema.auditLog.detail, 'device'), device)
				)
			)
	);
	return !!row;
}

/**
 * One password attempt against the lockout of a national ID, shared by the login form and the account pages' "current
 * password": counted before the hash is checked, the run of failures cleared when right, the ID locked when it ends a run
 * of five. `lockedUntil` is set when the ID is (now) locked; `known` tells whether an open account has this ID.
 */
export type PasswordAttempt =
	{ ok: true; userId: string; passwordHash: string } | { ok: false; lockedUntil: number | null; known: boolean; counted: boolean; retryAt?: number };

export async function passwordAttempt(nationalId: string, password: string, t = now(), client: Client = { ip: null }): Promise<PasswordAttempt> {
	const seen: { user?: { id: string; passwordHash: string } } = {};
	const a = await lockedAttempt(
		nationalId,
		async () => {
			const user = await one(
				db()
					.select({ id: schema.users.id, passwordHash: schema.users.passwordHash })
					.from(schema.users)
					.where(and(eq(schema.users.nationalId, nationalId), isNull(schema.users.closedAt)))
			);
			seen.user = user;
			// no account, or one opened with ThaID that has no password yet: the same time spent, and no sign-in
			if (!user?.passwordHash) return (await verifyDummy(password), false);
			if (!(await verifyPassword(user.passwordHash, password))) return false;
			// the hash took time to check: a password change or a closing that committed meanwhile wins (a session is made
			// right after this returns, with no wait in between)
			return !!(await one(
				db()
					.select({ id: schema.users.id })
					.from(schema.users)
					.where(and(eq(schema.users.id, user.id), eq(schema.users.passwordHash, user.passwordHash), isNull(schema.users.closedAt)))
			));
		},
		t,
		client
	);
	if (a.ok) return { ok: true, userId: seen.user!.id, passwordHash: seen.user!.passwordHash };
	return { ok: false, lockedUntil: a.lockedUntil, known: !!seen.user, counted: a.counted, retryAt: a.retryAt };
}

/**
 * A sign-in that succeeded, by password or by ThaID (`method`): the browser's device is remembered for the lockout, and
 * the sign-in is audited with its kind of device (one this account has not used shows as such on the profile page).
 */
export async function signedIn(
	userId: string,
	nationalId: string,
	ctx: { ip: string | null; userAgent?: string | null; device?: string | null },
	t = now(),
	method?: 'thaid'
): Promise<void> {
	if (ctx.device) await rememberDevice(nationalId, ctx.device, t);
	const device = deviceKey(ctx.userAgent);
	await audit({
		actor: userId,
		action: 'login.ok',
		subject: nationalId,
		ip: ctx.ip,
		detail: { device, newDevice: !(await knownDevice(userId, nationalId, device, t)), ...(method ? { method } : {}) }
	});
}

/**
 * `device`: the id of the browser's device cookie (checked by the route), or a new one; a successful sign-in makes it
 * this account's device (the route then sets the cookie).
 */
export async function login(
	nationalId: string,
	password: string,
	ctx: { ip: string | null; userAgent?: string | null; device?: string | null }
): Promise<LoginResult> {
	const t = now();
	if (!(await signedInDevice(nationalId, ctx.device))) {
		const taken = await take('login', { ip: ctx.ip }, t);
		if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAt: taken.retryAt };
	}

	const a = await passwordAttempt(nationalId, password, t, { ip: ctx.ip, device: ctx.device });
	if (a.ok) {
		await signedIn(a.userId, nationalId, ctx, t);
		return { ok: true, userId: a.userId, passwordHash: a.passwordHash };
	}
	if (a.counted && a.known) await audit({ actor: 'anonymous', action: a.lockedUntil ? 'login.locked' : 'login.failed', subject: nationalId, ip: ctx.ip });
	if (a.retryAt) return { ok: false, reason: 'rate_limited', retryAt: a.retryAt };
	return a.lockedUntil ? { ok: false, reason: 'locked', until: a.lockedUntil } : { ok: false, reason: 'invalid' };
}
