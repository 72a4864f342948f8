/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker (built by SvelteKit; @vite-pwa/sveltekit injects the precache list). What it does, and what it never does:
 * - precaches the app shell: the built JS and CSS, the fonts, icons, the manifest and the prerendered /offline page;
 * - keeps the other hashed build files a page loads (a Burmese, Khmer or Lao reader's language pack and font, another
 *   page's code): they never change and hold no one's data, and the offline page needs the reader's pack to speak
 *   their language;
 * - page loads go to the network and are not stored; when the network is gone, any page load is sent to the /offline
 *   page (?from= the page asked for), which shows the device's own copy of the signed-in citizen's records (IndexedDB, see src/lib/offline);
 * - a form the browser posts itself that cannot reach the server is not queued: the citizen lands on /offline?unsent=1,
 *   which says to go back and send it again online (pages with JavaScript stop an offline submit before it leaves);
 * - pages, data requests and API responses with personal data are never put in any cache here;
 * - a new version waits until the citizen presses "reload" (the page posts SKIP_WAITING), so no form is half-updated;
 * - a push message always shows a notification (kind and short text only), and pressing it opens the portal's page
 *   it names (src/lib/push-worker.ts).
 */
import { precacheAndRoute, cleanupOutdatedCaches, matchPrecache } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { noticeOf, openPage } from './lib/push-worker';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// query strings never select another precached file (/offline?unsent=1, /offline/__data.json?x-sveltekit-invalidated=…)
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

const OFFLINE_PAGE = '/offline';

/** The /offline page, told which page was asked for (it offers to load that one when the network is back). */
async function offlinePage(request: Request): Promise<Response> {
	if (!(await matchPrecache(OFFLINE_PAGE)))
		return new Response('ไม่มีการเชื่อมต่ออินเทอร์เน็ต — No internet connection', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
	const url = new URL(request.url);
	return Response.redirect(`${OFFLINE_PAGE}?from=${encodeURIComponent(url.pathname + url.search)}`, 302);
}

// the page load starts while the worker boots (navigation preload), so passing it through costs no extra wait
self.addEventListener('activate', (event) => {
	if (self.registration.navigationPreload) event.waitUntil(self.registration.navigationPreload.enable());
});

registerRoute(
	({ request }) => request.mode === 'navigate',
	async ({ request, event }) => {
		try {
			const preloaded = (await (event as FetchEvent).preloadResponse) as Response | undefined;
			return preloaded ?? (await fetch(request));
		} catch {
			return offlinePage(request);
		}
	},
	'GET'
);

registerRoute(
	({ request }) => request.mode === 'navigate',
	async ({ request }) => {
		try {
			return await fetch(request);
		} catch {
			return Response.redirect(`${OFFLINE_PAGE}?unsent=1`, 303);
		}
	},
	'POST'
);

// hashed build files (/_app/immutable/…) not in the precache, kept as they are first loaded: a file's name changes with
// its content, so a kept copy is never stale; the oldest go beyond 80 files or when the device runs short of space
registerRoute(
	({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_app/immutable/'),
	new CacheFirst({ cacheName: 'prakan-immutable', plugins: [new ExpirationPlugin({ maxEntries: 80, purgeOnQuotaError: true })] }),
	'GET'
);

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('push', (event) => {
	const n = noticeOf(event.data?.text() ?? null);
	event.waitUntil(self.registration.showNotification(n.title, n.options));
});

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	event.waitUntil(openPage(self.clients, self.location.origin, (event.notification.data as { url?: unknown } | null)?.url));
});
