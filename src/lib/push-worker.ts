/**
 * The service worker's push and notification-click handlers, apart from the worker so they are tested as they are.
 * - push: always shows a notification (Chrome shows its own "updated in the background" message, and may revoke the
 *   subscription, for a push that shows none): the portal's title and short text, or a plain one when the message
 *   cannot be read;
 * - click: opens the page the notice names (a path of the portal only), in a window of the portal already open if
 *   there is one, else in a new one.
 */
import { safePath } from './safe-path';

export interface ShownNotice {
	title: string;
	options: NotificationOptions & { data: { url: string } };
}

const FALLBACK = { title: 'ประกันสังคม', body: 'มีการแจ้งเตือนใหม่ เปิดดูรายละเอียด', url: '/dashboard' };

/** What a push message shows: its title, text and page, each checked; the fallback for anything else. */
export function noticeOf(text: string | null): ShownNotice {
	let p: { kind?: unknown; lang?: unknown; title?: unknown; body?: unknown; url?: unknown } = {};
	try {
		const parsed: unknown = text ? JSON.parse(text) : null;
		if (parsed && typeof parsed === 'object') p = parsed as typeof p;
	} catch {
		// not JSON: the plain notice
	}
	const str = (x: unknown, max: number) => (typeof x === 'string' && x.trim() ? x.slice(0, max) : null);
	const kind = str(p.kind, 40);
	return {
		title: str(p.title, 80) ?? FALLBACK.title,
		options: {
			body: str(p.body, 300) ?? FALLBACK.body,
			icon: '/icons/pwa-192x192.png',
			badge: '/icons/pwa-64x64.png',
			// one notification per kind on the screen: a newer one of the same kind replaces it
			tag: kind ?? 'prakan',
			lang: typeof p.lang === 'string' && /^(th|en|my|km|lo)$/.test(p.lang) ? p.lang : 'th',
			data: { url: safePath(str(p.url, 200), FALLBACK.url) }
		}
	};
}

export interface ClientLike {
	url: string;
	focus(): Promise<unknown>;
	navigate?(url: string): Promise<unknown>;
}

export interface ClientsLike {
	matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly ClientLike[]>;
	openWindow(url: string): Promise<unknown>;
}

/** Open `path` of `origin`: focus a window already on it, else take a window of the portal there, else open one. */
export async function openPage(clients: ClientsLike, origin: string, path: unknown): Promise<void> {
	const url = new URL(safePath(typeof path === 'string' ? path : null, FALLBACK.url), origin).href;
	const windows = (await clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((c) => new URL(c.url).origin === origin);
	const same = windows.find((c) => c.url === url);
	if (same) {
		await same.focus();
		return;
	}
	const any = windows[0];
	if (any?.navigate) {
		try {
			await any.focus();
			await any.navigate(url);
			return;
		} catch {
			// a window the worker does not control cannot be navigated: a new one
		}
	}
	await clients.openWindow(url);
}
