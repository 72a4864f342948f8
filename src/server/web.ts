/** Glue between HTTP (cookies, redirects) and the services. Routes use these; services never see HTTP. */
import type { RequestEvent } from '@sveltejs/kit';
import { readDraft, writeDraft, deleteDraft, type DraftKind, DRAFT_TTL_MS } from './accounts/drafts';
import { createSession, setSessionCookie } from './auth/session';
import { now } from './clock';

/** Secure cookies everywhere but plain-http localhost (development, tests). */
export function secureCookies(url: URL): boolean {
	return url.protocol === 'https:';
}

const cookieName = (kind: DraftKind) => `flow_${kind}`;

export function getDraft<T>(event: Pick<RequestEvent, 'cookies'>, kind: DraftKind): T | null {
	return readDraft<T>(kind, event.cookies.get(cookieName(kind)));
}

export function saveDraft<T>(event: Pick<RequestEvent, 'cookies' | 'url'>, kind: DraftKind, data: T): void {
	const token = writeDraft(kind, event.cookies.get(cookieName(kind)), data);
	event.cookies.set(cookieName(kind), token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(event.url), path: '/', maxAge: DRAFT_TTL_MS / 1000 });
}

export function clearDraft(event: Pick<RequestEvent, 'cookies' | 'url'>, kind: DraftKind): void {
	deleteDraft(event.cookies.get(cookieName(kind)));
	event.cookies.delete(cookieName(kind), { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(event.url) });
}

export function startSession(event: RequestEvent, userId: string): void {
	const { token, session } = createSession(userId, { ip: event.locals.ip, userAgent: event.request.headers.get('user-agent') ?? undefined });
	setSessionCookie(event.cookies, token, session.expiresAt, secureCookies(event.url));
}

/** "14:05" in Bangkok time, for "try again after …" messages. */
export function clockTime(ms: number): string {
	return new Date(ms + 7 * 3_600_000).toISOString().slice(11, 16);
}

export function secondsUntil(ms: number): number {
	return Math.max(0, Math.ceil((ms - now()) / 1000));
}

/** Only same-site paths may be redirect targets (no open redirect). */
export function safeRedirect(target: string | null | undefined, fallback: string): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
	return target;
}
