/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker (built by SvelteKit; @vite-pwa/sveltekit injects the precache list). What it does, and what it never does:
 * - precaches the app shell: the built JS and CSS, the fonts, icons, the manifest and the prerendered /offline page;
 * - page loads go to the network and are not stored; when the network is gone, any page load is sent to the /offline
 *   page (?from= the page asked for), which shows the device's own copy of the signed-in citizen's records (IndexedDB, see src/lib/offline);
 * - a form posted without a network is not queued: the citizen lands on /offline?unsent=1, which says to send it again
 *   online (the answers are still on the previous page);
 * - pages, data requests and API responses with personal data are never put in any cache here;
 * - a new version waits until the citizen presses "reload" (the page posts SKIP_WAITING), so no form is half-updated.
 */
import { precacheAndRoute, cleanupOutdatedCaches, matchPrecache } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// query strings never select another precached file (/offline?unsent=1, /offline/__data.json?x-sveltekit-invalidated=…)
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

const OFFLINE_PAGE = '/offline';

/** The /offline page, told which page was asked for (it offers to load that one when the network is back). */
async function offlinePage(request: Request): Promise<Response> {
	if (!(await matchPrecache(OFFLINE_PAGE))) return new Response('Offline', { status: 503, headers: { 'Content-Type': 'text/plain' } });
	const url = new URL(request.url);
	return Response.redirect(`${OFFLINE_PAGE}?from=${encodeURIComponent(url.pathname + url.search)}`, 302);
}

registerRoute(
	({ request }) => request.mode === 'navigate',
	async ({ request }) => {
		try {
			return await fetch(request);
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

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
