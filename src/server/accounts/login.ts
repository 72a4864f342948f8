/**
 * Log in with national ID + password. One generic error; 5 wrong passwords lock the account for 15 minutes
 * (unknown IDs are counted the same way, so the answer never tells whether an ID is registered); per-IP limits.
 */
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { config } from '../config';
import { now } from '../clock';
import { audit } from '../audit';
import { verifyDummy, verifyPassword } from '../auth/password';
import { clear, count, firstExceeded, hit, HOUR, type Limit } from '../auth/rate-limit';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; kind: 'invalid' }
	| { ok: false; kind: 'locked'; until: number }
	| { ok: false; kind: 'rate_limited'; retryAt: number };

function unknownIdLimit(nationalId: string): Limit {
	return { key: `login:unknown:${nationalId}`, max: MAX_FAILED_LOGINS, windowMs: LOCK_MS };
}

export async function login(nationalId: string, password: string, ctx: { ip: string | null }): Promise<LoginResult> {
	const t = now();
	const ipLimits: Limit[] = ctx.ip ? [{ key: `login:ip:${ctx.ip}`, max: config().LOGIN_IP_PER_HOUR, windowMs: HOUR }] : [];
	const over = firstExceeded(ipLimits, t);
	if (over) return { ok: false, kind: 'rate_limited', retryAt: over.retryAt };
	hit(ipLimits, t);

	const user = db().select().from(schema.users).where(eq(schema.users.nationalId, nationalId)).get();
	if (!user) {
		const l = unknownIdLimit(nationalId);
		if (count(l, t) >= l.max) return { ok: false, kind: 'locked', until: Math.floor(t / l.windowMs) * l.windowMs + l.windowMs };
		await verifyDummy(password);
		hit([l], t);
		return { ok: false, kind: 'invalid' };
	}
	if (user.lockedUntil && user.lockedUntil > t) return { ok: false, kind: 'locked', until: user.lockedUntil };

	if (!(await verifyPassword(user.passwordHash, password))) {
		const failed = (user.lockedUntil && user.lockedUntil <= t ? 0 : user.failedLogins) + 1;
		const lockedUntil = failed >= MAX_FAILED_LOGINS ? t + LOCK_MS : null;
		db()
			.update(schema.users)
			.set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil })
			.where(eq(schema.users.id, user.id))
			.run();
		audit({ actor: 'anonymous', action: lockedUntil ? 'login.locked' : 'login.failed', subject: nationalId, ip: ctx.ip });
		return lockedUntil ? { ok: false, kind: 'locked', until: lockedUntil } : { ok: false, kind: 'invalid' };
	}
	db().update(schema.users).set({ failedLogins: 0, lockedUntil: null }).where(eq(schema.users.id, user.id)).run();
	audit({ actor: user.id, action: 'login.ok', subject: nationalId, ip: ctx.ip });
	return { ok: true, userId: user.id };
}

/** After a password reset the unknown-ID counter is irrelevant; the user row is reset by the reset service. */
export function clearUnknownLoginCounter(nationalId: string): void {
	clear(unknownIdLimit(nationalId).key);
}
