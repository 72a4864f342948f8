/**
 * Sessions the Lucia way (lucia-auth.com/sessions): a random token in an HttpOnly cookie,
 * its SHA-256 as the session id. Idle timeout and absolute lifetime come from the configuration.
 */
import type { Locale } from '$lib/i18n';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Assurance } from '$lib/rules/assurance';
import type { Cookies } from '@sveltejs/kit';
import { one, preparedRead, schema, transaction } from '../db';
import { config } from '../config';
import { now } from '../clock';
import { generateToken, hashToken } from './tokens';

export const SESSION_COOKIE = 'session';
/** lastSeenAt is written at most this often, so reads stay cheap. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionUser {
	id: string;
	nationalId: string;
	titleTh: string;
	firstNameTh: string;
	lastNameTh: string;
	titleEn: string;
	firstNameEn: string;
	lastNameEn: string;
	locale: Locale;
	/** the newest contribution month the citizen has been told of ("what's new" on the dashboard) */
	seenPeriod: string | null;
	/** how sure we are the account is its person (src/lib/rules/assurance.ts): some actions need the higher level */
	assurance: Assurance;
}

export interface SessionInfo {
	id: string;
	expiresAt: number;
	idleExpiresAt: number;
}

function idleMs(): number {
	return config().SESSION_IDLE_MINUTES * 60_000;
}

type Meta = { ip?: string; userAgent?: string };
type Created = { token: string; session: SessionInfo };

/**
 * A new session. With `passwordHash` (a sign-in: the hash the password was checked against) it is made only while the
 * account is open and still has that password, in the same transaction: a change of password, a reset or a closing
 * that committed while the password was being checked ends every session, and this one is not made after it (null).
 */
export async function createSession(userId: string, meta: Meta): Promise<Created>;
export async function createSession(userId: string, meta: Meta, passwordHash: string): Promise<Created | null>;
export async function createSession(userId: string, meta: Meta, passwordHash?: string): Promise<Created | null> {
	const token = generateToken();
	const id = hashToken(token);
	const t = now();
	const expiresAt = t + config().SESSION_ABSOLUTE_HOURS * 3_600_000;
	const made = await transaction(async (tx) => {
		if (passwordHash !== undefined) {
			const same = await one(
				tx
					.select({ id: schema.users.id })
					.from(schema.users)
					.where(and(eq(schema.users.id, userId), eq(schema.users.passwordHash, passwordHash), isNull(schema.users.closedAt)))
			);
			if (!same) return false;
		}
		await tx
			.insert(schema.sessions)
			.values({ id, userId, createdAt: t, lastSeenAt: t, expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null });
		return true;
	});
	return made ? { token, session: { id, expiresAt, idleExpiresAt: t + idleMs() } } : null;
}

export type Validation = { session: SessionInfo; user: SessionUser } | { session: null; user: null };

/** A session with its account and the person's name: every signed-in request reads this first. */
const readSession = preparedRead('session', (d) =>
	d
		.select({
			session: schema.sessions,
			user: {
				id: schema.users.id,
				nationalId: schema.users.nationalId,
				locale: schema.users.locale,
				seenPeriod: schema.users.seenPeriod,
				assurance: schema.users.assurance,
				titleTh: schema.persons.titleTh,
				firstNameTh: schema.persons.firstNameTh,
				lastNameTh: schema.persons.lastNameTh,
				titleEn: schema.persons.titleEn,
				firstNameEn: schema.persons.firstNameEn,
				lastNameEn: schema.persons.lastNameEn
			}
		})
		.from(schema.sessions)
		.innerJoin(schema.users, eq(schema.sessions.userId, schema.users.id))
		.innerJoin(schema.persons, eq(schema.users.nationalId, schema.persons.nationalId))
		// a closed account has no sessions; this also refuses one created by a log-in racing the closing
		.where(and(eq(schema.sessions.id, sql.placeholder('id')), isNull(schema.users.closedAt)))
);

export async function validateSessionToken(token: string): Promise<Validation> {
	const id = hashToken(token);
	const [row] = await readSession({ id });
	if (!row) return { session: null, user: null };
	const t = now();
	const { session } = row;
	if (t >= session.expiresAt || t - session.lastSeenAt >= idleMs()) {
		await invalidateSession(id);
		return { session: null, user: null };
	}
	let lastSeen = session.lastSeenAt;
	if (t - lastSeen >= TOUCH_EVERY_MS) {
		await transaction((tx) => tx.update(schema.sessions).set({ lastSeenAt: t }).where(eq(schema.sessions.id, id)));
		lastSeen = t;
	}
	return {
		session: { id, expiresAt: session.expiresAt, idleExpiresAt: Math.min(lastSeen + idleMs(), session.expiresAt) },
		user: row.user
	};
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await transaction((tx) => tx.delete(schema.sessions).where(eq(schema.sessions.id, sessionId)));
}

export async function invalidateAllSessions(userId: string): Promise<void> {
	await transaction((tx) => tx.delete(schema.sessions).where(eq(schema.sessions.userId, userId)));
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: number, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(expiresAt) });
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
