/**
 * Web Push (RFC 8030, 8291, 8292): web-push encrypts the message for the browser's keys (aes128gcm) and signs the
 * VAPID header; the request itself goes by fetch, with a time limit, and only to a known push service: a
 * subscription is the browser's word for where to send, and the portal must not be made to post to any address
 * someone saved as their "endpoint".
 */
import type { Locale } from '$lib/i18n';
import webpush from 'web-push';
import { config, vapidKeys } from '../config';

/** The push services of the browsers people use (Chrome and Android, Firefox, Safari and iOS, Edge). */
const PUSH_HOSTS = [
	/^fcm\.googleapis\.com$/,
	/^updates\.push\.services\.mozilla\.com$/,
	/^(web\.push|[a-z0-9-]+\.push)\.apple\.com$/,
	/^[a-z0-9-]+\.notify\.windows\.com$/
];

/** Whether the portal may send to this endpoint: https to a browser's push service, or an origin in PUSH_SERVICE_ORIGINS. */
export function allowedEndpoint(endpoint: string, extra: readonly string[] = config().PUSH_SERVICE_ORIGINS): boolean {
	let u: URL;
	try {
		u = new URL(endpoint);
	} catch {
		return false;
	}
	if (u.username || u.password || endpoint.length > 1000) return false;
	if (extra.includes(u.origin)) return true;
	return u.protocol === 'https:' && (u.port === '' || u.port === '443') && PUSH_HOSTS.some((h) => h.test(u.hostname));
}

export interface Subscription {
	endpoint: string;
	p256dh: string;
	auth: string;
}

/** What the service worker shows: the kind and a short text, never personal data (the page opened shows the rest). */
export interface PushPayload {
	kind: string;
	/** the language of the text (the account's), so a screen reader reads it in the right voice */
	lang: Locale;
	title: string;
	body: string;
	/** a path of the portal to open when the notification is pressed */
	url: string;
}

/** 'sent'; 'gone' when the push service says the subscription no longer exists (404, 410); else 'failed'. */
export type PushOutcome = { result: 'sent' } | { result: 'gone'; status: number } | { result: 'failed'; error: string };

/** A reminder is worth delivering for a day: a phone off for longer gets the next one instead. */
export const PUSH_TTL_SECONDS = 24 * 3600;
const TIMEOUT_MS = 10_000;

export async function sendPush(sub: Subscription, payload: PushPayload, opts: { ttl?: number; urgency?: 'normal' | 'high' } = {}): Promise<PushOutcome> {
	if (!allowedEndpoint(sub.endpoint)) return { result: 'failed', error: 'endpoint not allowed' };
	const c = config();
	// the portal's keys read first: a fault there is the portal's, and says nothing about this subscription
	const vapidDetails = { subject: c.VAPID_SUBJECT, ...vapidKeys(c) };
	let details: ReturnType<typeof webpush.generateRequestDetails>;
	try {
		details = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, JSON.stringify(payload), {
			TTL: opts.ttl ?? PUSH_TTL_SECONDS,
			urgency: opts.urgency ?? 'normal',
			contentEncoding: 'aes128gcm',
			vapidDetails
		});
	} catch {
		// keys no browser made (a bad p256dh or auth): this subscription can never be sent to
		return { result: 'gone', status: 0 };
	}
	try {
		const res = await fetch(details.endpoint, {
			method: details.method,
			headers: details.headers as Record<string, string>,
			body: details.body ? new Uint8Array(details.body) : undefined,
			redirect: 'manual',
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
		await res.body?.cancel();
		if (res.status === 404 || res.status === 410) return { result: 'gone', status: res.status };
		if (res.status >= 200 && res.status < 300) return { result: 'sent' };
		return { result: 'failed', error: `push service answered ${res.status}` };
	} catch (e) {
		return { result: 'failed', error: e instanceof Error ? e.message : String(e) };
	}
}
