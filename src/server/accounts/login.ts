/**
 * Log in with national ID + password. One generic error. Five wrong passwords lock the ID for 15 minutes,
 * counted per national ID whether or not an account exists, so the answers never tell who is registered.
 * Each attempt is counted before the password is checked (in one synchronous transaction), so parallel
 * guesses cannot get more than five tries. Attempts per IP (per /64 for IPv6) are capped as well.
 */
import { eq } from 'drizzle-orm';
import { db, schema, IMMEDIATE } from '../db';
import { config } from '../config';
import { now } from '../clock';
import { audit } from '../audit';
import { verifyDummy, verifyPassword } from '../auth/password';
import { firstExceeded, hit, HOUR, ipKey, type Limit } from '../auth/rate-limit';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; kind: 'invalid' }
	| { ok: false; kind: 'locked'; until: number }
	| { ok: false; kind: 'rate_limited'; retryAt: number };

type Reservation = { locked: true; until: number } | { locked: false; attempt: number };

/** Count this attempt, or refuse it while the ID is locked. */
function reserveAttempt(nationalId: string, t: number): Reservation {
	return db().transaction((tx) => {
		const row = tx.select().from(schema.loginThrottle).where(eq(schema.loginThrottle.nationalId, nationalId)).get();
		if (row?.lockedUntil && row.lockedUntil > t) return { locked: true, until: row.lockedUntil };
		const attempt = (row && !row.lockedUntil ? row.failed : 0) + 1;
		if (attempt > MAX_FAILED_LOGINS) {
			// only reachable by attempts running in parallel: lock now
			tx.update(schema.loginThrottle)
				.set({ failed: 0, lockedUntil: t + LOCK_MS })
				.where(eq(schema.loginThrottle.nationalId, nationalId))
				.run();
			return { locked: true, until: t + LOCK_MS };
		}
		tx.insert(schema.loginThrottle)
			.values({ nationalId, failed: attempt, lockedUntil: null })
			.onConflictDoUpdate({ target: schema.loginThrottle.nationalId, set: { failed: attempt, lockedUntil: null } })
			.run();
		return { locked: false, attempt };
	}, IMMEDIATE);
}

export function clearLoginFailures(nationalId: string): void {
	db().delete(schema.loginThrottle).where(eq(schema.loginThrottle.nationalId, nationalId)).run();
}

export async function login(nationalId: string, password: string, ctx: { ip: string | null }): Promise<LoginResult> {
	const t = now();
	const ipLimits: Limit[] = ctx.ip ? [{ key: `login:ip:${ipKey(ctx.ip)}`, max: config().LOGIN_IP_PER_HOUR, windowMs: HOUR }] : [];
	const over = firstExceeded(ipLimits, t);
	if (over) return { ok: false, kind: 'rate_limited', retryAt: over.retryAt };
	hit(ipLimits, t);

	const r = reserveAttempt(nationalId, t);
	if (r.locked) return { ok: false, kind: 'locked', until: r.until };

	const user = db()
		.select({ id: schema.users.id, passwordHash: schema.users.passwordHash })
		.from(schema.users)
		.where(eq(schema.users.nationalId, nationalId))
		.get();
	const right = user ? await verifyPassword(user.passwordHash, password) : (await verifyDummy(password), false);
	if (right && user) {
		clearLoginFailures(nationalId);
		audit({ actor: user.id, action: 'login.ok', subject: nationalId, ip: ctx.ip });
		return { ok: true, userId: user.id };
	}
	if (r.attempt >= MAX_FAILED_LOGINS) {
		const until = t + LOCK_MS;
		db().update(schema.loginThrottle).set({ failed: 0, lockedUntil: until }).where(eq(schema.loginThrottle.nationalId, nationalId)).run();
		if (user) audit({ actor: 'anonymous', action: 'login.locked', subject: nationalId, ip: ctx.ip });
		return { ok: false, kind: 'locked', until };
	}
	if (user) audit({ actor: 'anonymous', action: 'login.failed', subject: nationalId, ip: ctx.ip });
	return { ok: false, kind: 'invalid' };
}
