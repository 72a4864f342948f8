import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The local Thai ID card agent (go-thai-smartcard) the page may talk to. A build-time setting: it is both in the
 * Content-Security-Policy (connect-src) and in the browser code (vite.config.ts defines it).
 */
export const CARD_AGENT_URL = process.env.CARD_AGENT_URL || 'ws://127.0.0.1:9898/ws';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// src/service-worker.ts is built by SvelteKit and given its precache list by @vite-pwa/sveltekit; the page
		// registers it itself (src/lib/pwa.svelte.ts) so that a new version waits for the citizen's "reload"
		serviceWorker: { register: false },
		// absolute asset paths: the prerendered /offline page must work whatever URL it is opened at
		paths: { relative: false },
		// the stylesheets are small: inline them so that the first paint waits for no request but the page itself
		inlineStyleThreshold: 16_384,
		// the command-line scripts are type-checked with the app (svelte-check): they import its server code
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts', '../kiosk/**/*.ts');
			}
		},
		alias: {
			$server: 'src/server',
			'$server/*': 'src/server/*'
		},
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self', /** @type {'self'} */ (/** @type {unknown} */ (CARD_AGENT_URL))],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
