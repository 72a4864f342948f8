/** Glue between HTTP (cookies, redirects) and the services. Routes use these; services never see HTTP. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { fail, say } from '$server/i18n';
import { readDraft, writeDraft, deleteDraft, takeDraft, type DraftKind, draftTtl } from './accounts/drafts';
import { createSession, invalidateSession, setSessionCookie, deleteSessionCookie } from './auth/session';
import { now } from './clock';
import { transaction } from './db';
import { audit } from './audit';
import { tryAgainAt } from './limits';
import type { Msg } from '$lib/validation/messages';
import { challengeInfo, OTP_RESEND_AFTER_MS, type ResendResult } from './auth/otp';
import { maskPhone } from '$lib/validation/phone';
import { newDeviceId, readDeviceCookie, setDeviceCookie } from './auth/device-cookie';
import { linkDeviceSubscriptions, removeDeviceSubscriptions } from './notify/notices';
import { isLocalHost, securityHeaders } from './headers';
import type { ConfirmDraft, StartConfirmResult } from './accounts/account';

/** The 429 message, for routes (the rule lives with the limits). */
export { tryAgainAt };

/** The body, read with a running count: 413 when it passes `max` (the rest is read and dropped, not cut off). */
export async function readAtMost(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	const reader = request.body?.getReader();
	let buf = new Uint8Array(Math.min(declared || 16 * 1024, max));
	let n = 0;
	let over = declared > max;
	while (reader) {
		const { done, value } = await reader.read();
		if (done) break;
		// past the cap, the rest is read and dropped (BODY_SIZE_LIMIT bounds it): cutting the upload off resets the
		// connection, and the sender would see that instead of the 413 page
		if (over || n + value.length > max) {
			over = true;
			continue;
		}
		if (n + value.length > buf.length) {
			const bigger = new Uint8Array(Math.min(max, Math.max(buf.length * 2, n + value.length)));
			bigger.set(buf.subarray(0, n));
			buf = bigger;
		}
		buf.set(value, n);
		n += value.length;
	}
	if (over) error(413, 'Payload Too Large');
	return buf.slice(0, n);
}

export { isLocalHost } from './headers';

/**
 * The headers every response carries (src/server/headers.ts; the Content-Security-Policy with its nonces comes from
 * kit.csp).
 */
export function setSecurityHeaders(headers: Headers, url: URL, framable = false): void {
	for (const [name, value] of securityHeaders(url, framable)) headers.set(name, value);
}

/** Secure cookies everywhere but plain-http localhost: a session cookie never travels unencrypted. */
export function secureCookies(url: URL): boolean {
	return url.protocol === 'https:' || !isLocalHost(url);
}

const cookieName = (kind: DraftKind) => `flow_${kind}`;

export function getDraft<T>(event: Pick<RequestEvent, 'cookies'>, kind: DraftKind): Promise<T | null> {
	return readDraft<T>(kind, event.cookies.get(cookieName(kind)));
}

export async function saveDraft<T>(event: Pick<RequestEvent, 'cookies' | 'url'>, kind: DraftKind, data: T): Promise<void> {
	const token = await writeDraft(kind, event.cookies.get(cookieName(kind)), data);
	event.cookies.set(cookieName(kind), token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(event.url), path: '/', maxAge: draftTtl(kind) / 1000 });
}

/** The draft, read and deleted at once (single use), and its cookie gone. */
export async function takeDraftOf<T>(event: Pick<RequestEvent, 'cookies' | 'url'>, kind: DraftKind): Promise<T | null> {
	const d = await takeDraft<T>(kind, event.cookies.get(cookieName(kind)));
	event.cookies.delete(cookieName(kind), { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(event.url) });
	return d;
}

/**
 * What the ThaID callback leaves for the next step when ThaID has proved the person of an account opened by SMS: for
 * this browser only, ten minutes, until the person confirms the account's number or takes the account back.
 */
export interface ProofDraft {
	userId: string;
}

export async function clearDraft(event: Pick<RequestEvent, 'cookies' | 'url'>, kind: DraftKind): Promise<void> {
	await deleteDraft(event.cookies.get(cookieName(kind)));
	event.cookies.delete(cookieName(kind), { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(event.url) });
}

/**
 * Sign in: any session this browser already had ends first. `passwordHash`: the hash a sign-in's password was checked
 * against; false when the password changed (or the account closed) meanwhile, and no session was made.
 */
export async function startSession(event: RequestEvent, userId: string, passwordHash?: string): Promise<boolean> {
	if (event.locals.session) await invalidateSession(event.locals.session.id);
	const meta = { ip: event.locals.ip, userAgent: event.request.headers.get('user-agent') ?? undefined };
	const made = passwordHash === undefined ? await createSession(userId, meta) : await createSession(userId, meta, passwordHash);
	if (!made) return false;
	// this browser's notifications now belong to this session: signing it out from another device stops them
	await linkDeviceSubscriptions(userId, made.session.id, clientDevice(event));
	setSessionCookie(event.cookies, made.token, made.session.expiresAt, secureCookies(event.url));
	return true;
}

/** The id of this browser's device cookie when the server signed it, else null. */
export function clientDevice(event: Pick<RequestEvent, 'cookies' | 'url'>): string | null {
	return readDeviceCookie(event.cookies, secureCookies(event.url));
}

/** The device id a sign-in attempt goes under: the browser's own, or a new one (kept only if the sign-in succeeds). */
export function signInDevice(event: Pick<RequestEvent, 'cookies' | 'url'>): string {
	return clientDevice(event) ?? newDeviceId();
}

/** After a successful sign-in: the browser keeps its device id (a year from now). */
export function keepDevice(event: Pick<RequestEvent, 'cookies' | 'url'>, device: string): void {
	setDeviceCookie(event.cookies, device, secureCookies(event.url));
}

/** Log out: the session ends (audited) and its cookie goes; the rest of this request is signed out. */
export async function endSession(event: RequestEvent, how: 'form' | 'pending' = 'form'): Promise<void> {
	if (event.locals.session && event.locals.user) {
		// logging out of a device stops its notifications (this session's, and any saved on this browser before)
		const { user, session } = event.locals;
		await transaction((tx) => removeDeviceSubscriptions(tx, user.id, { sessionIds: [session.id], device: clientDevice(event) }));
		await invalidateSession(event.locals.session.id);
		await audit({
			actor: event.locals.user.id,
			action: 'logout',
			subject: event.locals.user.nationalId,
			ip: event.locals.ip,
			detail: how === 'pending' ? { sentOffline: true } : undefined
		});
	}
	event.locals.session = null;
	event.locals.user = null;
	deleteSessionCookie(event.cookies, secureCookies(event.url));
}

/** A wrong code is the citizen's mistake (400); a challenge that took its five wrong codes is a limit (429). */
export function codeFailStatus(error: Msg): 400 | 429 {
	return error === 'err_code_too_many' ? 429 : 400;
}

export function secondsUntil(ms: number): number {
	return Math.max(0, Math.ceil((ms - now()) / 1000));
}

/** A redirect target from input (a query parameter, a form field): a path of this site, or `fallback` (src/lib/safe-path.ts). */
export { safePath as safeRedirect } from '$lib/safe-path';

/** What a draft remembers about the last text sent for its code step. */
export interface SmsFlags {
	challengeId?: string;
	smsFailed?: boolean;
	smsSending?: boolean;
	/** 'kept': the code already texted still works (no new text); 'new': a new code replaced the earlier ones */
	codeNotice?: 'kept' | 'new';
}

/** The data of a code page (registration step 3, password reset), or null when there is no live challenge. */
export async function codePageData(draft: SmsFlags) {
	const info = draft.challengeId ? await challengeInfo(draft.challengeId) : null;
	if (!info || info.consumed) return null;
	return {
		maskedPhone: maskPhone(info.phone),
		resendInSeconds: secondsUntil(info.lastSentAt + OTP_RESEND_AFTER_MS),
		smsFailed: !!draft.smsFailed,
		smsSending: !!draft.smsSending,
		codeNotice: draft.codeNotice ?? null
	};
}

/**
 * A refused code: the message, and how long the resend still waits (so the button's countdown follows the server,
 * e.g. after "the code has expired, press resend").
 */
export async function codeFail(draft: SmsFlags, error: Msg) {
	const info = draft.challengeId ? await challengeInfo(draft.challengeId) : null;
	return fail(codeFailStatus(error), { error, resendInSeconds: info ? secondsUntil(info.lastSentAt + OTP_RESEND_AFTER_MS) : 0 });
}

/** The resend action of a code page: remember how the delivery went, and tell the citizen. */
export async function resendOutcome<D extends SmsFlags>(
	event: Pick<RequestEvent, 'cookies' | 'url' | 'locals'>,
	kind: DraftKind,
	draft: D,
	r: ResendResult,
	restartTo: string
) {
	const smsFailed = !r.ok && r.reason === 'sms_failed';
	const smsSending = r.ok && r.sending;
	// after a resend the earlier notice about which code to use no longer applies (the resend says it)
	const codeNotice = r.ok ? undefined : draft.codeNotice;
	if (!!draft.smsFailed !== smsFailed || !!draft.smsSending !== smsSending || draft.codeNotice !== codeNotice)
		await saveDraft<D>(event, kind, { ...draft, smsFailed, smsSending, codeNotice });
	if (r.ok) return { notice: say(r.sending ? 'verify_sending' : 'verify_resent') };
	// too early (a browser without JavaScript has no disabled button): said next to the button, not as a code error
	if (r.reason === 'wait') {
		const seconds = secondsUntil(r.retryAt);
		return fail(429, { resendWait: { key: 'err_resend_wait', params: { seconds } } satisfies Msg, resendInSeconds: seconds });
	}
	if (r.reason === 'rate_limited') return fail(429, { error: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
	if (r.reason === 'sms_failed') return fail(502, { error: undefined }); // the page shows the failure from the draft
	redirect(303, restartTo);
}

/**
 * An account without a password asked for a change a code to its number confirms (startConfirm): on to the code page
 * (also when the text failed: it says so and offers to send again), or the form's errors.
 */
export async function toConfirmCode(event: Pick<RequestEvent, 'cookies' | 'url' | 'locals'>, r: StartConfirmResult) {
	if (r.ok || r.reason === 'sms_failed') {
		await saveDraft<ConfirmDraft>(event, 'confirm', r.draft);
		redirect(303, '/profile/confirm');
	}
	if (r.reason === 'rate_limited') return fail(429, { formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
	return fail(400, { errors: r.errors });
}

/** A staff form's passport fields, the holder's birth date and a reason if it has one, each cut to a sane length. */
export function passportValues(form: FormData): Record<'passportNo' | 'nationality' | 'birthDay' | 'birthMonth' | 'birthYear' | 'reason', string> {
	const get = (k: string, max = 40) => String(form.get(k) ?? '').slice(0, max);
	return {
		passportNo: get('passportNo'),
		nationality: get('nationality'),
		birthDay: get('birthDay'),
		birthMonth: get('birthMonth'),
		birthYear: get('birthYear'),
		reason: get('reason', 2000)
	};
}
