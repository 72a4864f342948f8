/**
 * The citizen's signed-in devices (their sessions) and what a device is called on the profile page.
 * A session is shown and signed out by a handle derived from its id, so the page never carries the id itself.
 */
import crypto from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { db, preparedRead, schema, type Db } from '../db';
import { now } from '../clock';
import { config } from '../config';

export interface Device {
	browser: string;
	os: string;
}

const BROWSERS: [RegExp, string][] = [
	[/\bLine\//i, 'LINE'],
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(OPR|Opera)\//, 'Opera'],
	[/\bFirefox\/|\bFxiOS\//, 'Firefox'],
	[/\bCriOS\/|\bChrom(e|ium)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*Safari\//, 'Safari']
];
const SYSTEMS: [RegExp, string][] = [
	[/\bAndroid\b/, 'Android'],
	[/\b(iPhone|iPad|iPod)\b/, 'iOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bLinux\b/, 'Linux']
];

/** "Chrome" + "Android" from a User-Agent; '' when it cannot tell (the page then says "unknown"). */
export function deviceOf(userAgent: string | null | undefined): Device {
	const ua = userAgent ?? '';
	return { browser: BROWSERS.find(([re]) => re.test(ua))?.[1] ?? '', os: SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? '' };
}

/** One string per kind of device, to recognise a device seen before ("Chrome/Android"). */
export function deviceKey(userAgent: string | null | undefined): string {
	const d = deviceOf(userAgent);
	return `${d.browser || '?'}/${d.os || '?'}`;
}

export function sessionHandle(sessionId: string): string {
	return crypto.createHmac('sha256', config().secretKey).update(`session-handle:${sessionId}`).digest('hex').slice(0, 24);
}

export interface DeviceRow extends Device {
	handle: string;
	current: boolean;
	createdAt: number;
	lastSeenAt: number;
	ip: string | null;
}

/**
 * The account's sessions that are still alive (neither past their end nor idle too long), as a part of a read: its
 * values are `userId` and liveSince()'s. The profile page reads it with the page's other parts (accounts/profile.ts).
 */
export const liveSessionsPart = (d: Db) =>
	d
		.select()
		.from(schema.sessions)
		.where(
			and(
				eq(schema.sessions.userId, sql.placeholder('userId')),
				gt(schema.sessions.expiresAt, sql.placeholder('now')),
				gt(schema.sessions.lastSeenAt, sql.placeholder('idleSince'))
			)
		);
const readLiveSessions = preparedRead('live_sessions', liveSessionsPart);

/** liveSessionsPart's times: now, and the last use that still keeps a session alive. */
export function liveSince(): { now: number; idleSince: number } {
	const t = now();
	return { now: t, idleSince: t - config().SESSION_IDLE_MINUTES * 60_000 };
}

async function liveSessions(userId: string) {
	return await readLiveSessions({ userId, ...liveSince() });
}

/** Live sessions as the profile page lists them: the current one first, then the most recently used. */
export function devicesOf(sessions: readonly (typeof schema.sessions.$inferSelect)[], currentSessionId: string | null): DeviceRow[] {
	return sessions
		.map((r) => ({
			...deviceOf(r.userAgent),
			handle: sessionHandle(r.id),
			current: r.id === currentSessionId,
			createdAt: r.createdAt,
			lastSeenAt: r.lastSeenAt,
			ip: r.ip
		}))
		.sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt - a.lastSeenAt);
}

/** The account's live sessions, the current one first, then the most recently used. */
export async function listDevices(userId: string, currentSessionId: string | null): Promise<DeviceRow[]> {
	return devicesOf(await liveSessions(userId), currentSessionId);
}

/** The account's other live sessions ("sign out all other devices"). */
export async function otherSessions(userId: string, currentSessionId: string | null): Promise<string[]> {
	return (await liveSessions(userId)).map((r) => r.id).filter((id) => id !== currentSessionId);
}

/** The session of this account with this handle, or null (another person's handle finds nothing). */
export async function sessionByHandle(userId: string, handle: string): Promise<string | null> {
	const rows = await db().select({ id: schema.sessions.id }).from(schema.sessions).where(eq(schema.sessions.userId, userId));
	return rows.find((r) => sessionHandle(r.id) === handle)?.id ?? null;
}
