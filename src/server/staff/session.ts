/**
 * Staff sessions: the citizen sessions' design (a random token in an HttpOnly cookie, its SHA-256 as the id),
 * with the staff rules: one session per account — a new sign-in ends the old one (seed 000 §7.3) — 15 minutes idle and
 * 12 hours at most (STAFF_IDLE_MINUTES, STAFF_ABSOLUTE_HOURS). The cookie is sent to /staff only.
 *
 * The citizen an officer has on screen lives in the session row: set from a card read or a typed ID with a reason, and
 * gone when the card is taken out, the officer presses "next", or two minutes pass without activity on it.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { db, schema, one, transaction } from '../db';
import type { LookupMethod } from '$lib/vocabulary';
import { config } from '../config';
import { now } from '../clock';
import { generateToken, hashToken } from '../auth/tokens';
import type { StaffRole } from '../db/schema';

export const STAFF_COOKIE = 'staff_session';
/** The citizen's data leaves the officer's screen after this long without activity on it. */
export const CITIZEN_IDLE_MS = 2 * 60_000;
const TOUCH_EVERY_MS = 15_000;

export interface StaffMember {
	id: string;
	username: string;
	role: StaffRole;
	firstName: string;
	lastName: string;
	position: string;
	centre: string | null;
	hospitalCode: string | null;
	employerId: number | null;
	lastLoginAt: number | null;
}

export interface StaffSessionInfo {
	id: string;
	createdAt: number;
	expiresAt: number;
	idleExpiresAt: number;
	ip: string | null;
	citizen: OnScreen | null;
}

export interface OnScreen {
	nationalId: string;
	method: LookupMethod;
	reason: string | null;
	at: number;
}

const idleMs = () => config().STAFF_IDLE_MINUTES * 60_000;

type Created = { token: string; expiresAt: number; replaced: boolean };

/**
 * Sign in: the account's other session, if any, ends (reported so it can be audited). Made only while the account is
 * enabled and still has `passwordHash` (the password the sign-in checked, or the one just set), in the same
 * transaction: a new activation link, a disabling or a password change that committed meanwhile wins (null).
 */
export async function createStaffSession(
	staffId: string,
	meta: { ip: string | null; userAgent?: string | null },
	passwordHash: string
): Promise<Created | null> {
	const token = generateToken();
	const t = now();
	const expiresAt = t + config().STAFF_ABSOLUTE_HOURS * 3_600_000;
	const replaced = await transaction(async (tx) => {
		const same = await one(
			tx
				.select({ id: schema.staffUsers.id })
				.from(schema.staffUsers)
				.where(and(eq(schema.staffUsers.id, staffId), eq(schema.staffUsers.passwordHash, passwordHash), isNull(schema.staffUsers.disabledAt)))
		);
		if (!same) return null;
		const old = await tx.delete(schema.staffSessions).where(eq(schema.staffSessions.staffId, staffId)).returning({ id: schema.staffSessions.id });
		// the device signed out this way is told why at its next request
		for (const o of old) await tx.insert(schema.staffSessionEnds).values({ id: o.id, reason: 'replaced', at: t }).onConflictDoNothing();
		await tx
			.insert(schema.staffSessions)
			.values({ id: hashToken(token), staffId, createdAt: t, lastSeenAt: t, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null });
		return old.length > 0;
	});
	return replaced === null ? null : { token, expiresAt, replaced };
}

export type StaffValidation = { session: StaffSessionInfo; staff: StaffMember } | { session: null; staff: null; ended?: 'idle' | 'expired' | 'replaced' };

export async function validateStaffSessionToken(token: string): Promise<StaffValidation> {
	const id = hashToken(token);
	const row = await one(
		db()
			.select({ s: schema.staffSessions, u: schema.staffUsers })
			.from(schema.staffSessions)
			.innerJoin(schema.staffUsers, eq(schema.staffSessions.staffId, schema.staffUsers.id))
			.where(and(eq(schema.staffSessions.id, id), isNull(schema.staffUsers.disabledAt)))
	);
	if (!row) {
		const end = await one(db().select({ reason: schema.staffSessionEnds.reason }).from(schema.staffSessionEnds).where(eq(schema.staffSessionEnds.id, id)));
		return { session: null, staff: null, ended: end?.reason };
	}
	const t = now();
	const { s, u } = row;
	if (t >= s.expiresAt || t - s.lastSeenAt >= idleMs()) {
		await invalidateStaffSession(id);
		return { session: null, staff: null, ended: t >= s.expiresAt ? 'expired' : 'idle' };
	}
	let lastSeen = s.lastSeenAt;
	if (t - lastSeen >= TOUCH_EVERY_MS) {
		await transaction((tx) => tx.update(schema.staffSessions).set({ lastSeenAt: t }).where(eq(schema.staffSessions.id, id)));
		lastSeen = t;
	}
	let citizen: OnScreen | null = null;
	if (s.citizenId && s.citizenMethod && s.citizenAt !== null) {
		if (t - s.citizenAt < CITIZEN_IDLE_MS) citizen = { nationalId: s.citizenId, method: s.citizenMethod, reason: s.citizenReason, at: s.citizenAt };
		else await clearCitizen(id);
	}
	return {
		session: { id, createdAt: s.createdAt, expiresAt: s.expiresAt, idleExpiresAt: Math.min(lastSeen + idleMs(), s.expiresAt), ip: s.ip, citizen },
		staff: {
			id: u.id,
			username: u.username,
			role: u.role,
			firstName: u.firstName,
			lastName: u.lastName,
			position: u.position,
			centre: u.centre,
			hospitalCode: u.hospitalCode,
			employerId: u.employerId,
			lastLoginAt: u.lastLoginAt
		}
	};
}

export async function invalidateStaffSession(sessionId: string): Promise<void> {
	await transaction((tx) => tx.delete(schema.staffSessions).where(eq(schema.staffSessions.id, sessionId)));
}

export async function invalidateStaffSessions(staffId: string): Promise<void> {
	await transaction((tx) => tx.delete(schema.staffSessions).where(eq(schema.staffSessions.staffId, staffId)));
}

/** Put a citizen on the officer's screen (a card read, or a typed ID with its reason). */
export async function setCitizen(sessionId: string, c: { nationalId: string; method: LookupMethod; reason: string | null }): Promise<void> {
	await transaction((tx) =>
		tx
			.update(schema.staffSessions)
			.set({ citizenId: c.nationalId, citizenMethod: c.method, citizenReason: c.reason, citizenAt: now() })
			.where(eq(schema.staffSessions.id, sessionId))
	);
}

/** Activity on the citizen's data (a detail screen): the two minutes start again. */
export async function touchCitizen(sessionId: string): Promise<void> {
	await transaction((tx) => tx.update(schema.staffSessions).set({ citizenAt: now() }).where(eq(schema.staffSessions.id, sessionId)));
}

export async function clearCitizen(sessionId: string): Promise<void> {
	await transaction((tx) =>
		tx
			.update(schema.staffSessions)
			.set({ citizenId: null, citizenMethod: null, citizenReason: null, citizenAt: null })
			.where(eq(schema.staffSessions.id, sessionId))
	);
}

export function setStaffCookie(cookies: Cookies, token: string, expiresAt: number, secure: boolean): void {
	cookies.set(STAFF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/staff', expires: new Date(expiresAt) });
}

export function deleteStaffCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(STAFF_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/staff' });
}
