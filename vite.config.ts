import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';
import os from 'node:os';
import path from 'node:path';
import { CARD_AGENT_URL } from './svelte.config.js';
import { webManifest } from './scripts/pwa-manifest';
import { shellOnly } from './scripts/pwa-precache';
import { serverOnlyGuard } from './scripts/lib/server-only-guard';
import { localePacks } from './scripts/lib/locale-packs';

/** The framework's modules: every page needs them, and the landing page nearly all of them. */
const FRAMEWORK = /\/node_modules\/(svelte|@sveltejs\/kit|esm-env|devalue)\/|vite\/preload-helper/;

/**
 * Browser chunks: the framework (Svelte's runtime and SvelteKit's client) in one chunk, which compresses better and costs
 * one request instead of a dozen; the rest as Rollup splits it, by the pages that share it. Merging small chunks into
 * larger ones (experimentalMinChunkSize) saved requests but made every page download messages and code of other pages:
 * the landing page carried the card reader's and the staff pages' messages (tests/unit/js-budget.test.ts,
 * docs/PERFORMANCE.md). Client build only: the server build keeps SvelteKit's own chunking.
 */
function clientChunks(): Plugin {
	return {
		name: 'prakan:client-chunks',
		apply: 'build',
		configEnvironment: (name) =>
			name === 'client' ? { build: { rollupOptions: { output: { manualChunks: (id) => (FRAMEWORK.test(id) ? 'framework' : undefined) } } } } : undefined
	};
}

export default defineConfig({
	define: { __CARD_AGENT_URL__: JSON.stringify(CARD_AGENT_URL) },
	plugins: [
		serverOnlyGuard(),
		clientChunks(),
		// Under vitest the compiled messages from `npm run i18n` are used as they are (the plugin's watcher keeps vitest from exiting).
		process.env.VITEST
			? null
			: paraglideVitePlugin({
					project: './project.inlang',
					outdir: './src/lib/paraglide',
					strategy: ['cookie', 'baseLocale']
				}),
		localePacks(),
		sveltekit(),
		// the installable app: manifest + our own service worker (src/service-worker.ts, built by SvelteKit, Workbox precaching); see docs/OFFLINE.md
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			registerType: 'prompt',
			injectRegister: false,
			manifest: webManifest,
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,woff2,png,ico,svg,webmanifest}', 'prerendered/**/*.{html,json}'],
				globIgnores: ['server/**', 'client/screenshots/**', 'client/icons/icon.svg'],
				manifestTransforms: [shellOnly(path.resolve('.svelte-kit/output'))]
			},
			devOptions: { enabled: false }
		})
	],
	server: { port: 5173 },
	test: {
		// tests/http: the HTTP-only suites (hostile input, access control) against the built app, no browser
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/http/**/*.test.ts'],
		environment: 'node',
		// several test files wait on child processes, servers and timers: twice as many threads as cores keeps the cores busy
		// (on 2 cores: 4 threads take about 55 s where 2 forks took 90)
		pool: 'threads',
		maxWorkers: Math.max(4, os.availableParallelism() * 2),
		minWorkers: 1,
		setupFiles: ['tests/support/unit-count.ts'],
		globalSetup: ['tests/support/unit-count-setup.ts'],
		testTimeout: 20000,
		// Paraglide's compiled messages are plain JavaScript, one module per message (about 1,100): imported by Node as they
		// are rather than run through Vite's transform in every test file that reaches them (about a fifth of the unit stage's CPU)
		server: { deps: { external: [/\/src\/lib\/paraglide\//] } }
	}
});
