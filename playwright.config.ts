import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import { BASE_PORT } from './tests/e2e/worker-app';
import { POSTGRES_TAG, postgresProject } from './tests/e2e/postgres-project';

/**
 * Every worker has its own server and database (tests/e2e/fixtures.ts), so tests run in parallel, each file's tests
 * spread over the workers. One worker per core (at least 2); E2E_WORKERS sets another number, e.g. 1 to debug.
 */
const workers = Number(process.env.E2E_WORKERS ?? Math.max(2, os.availableParallelism()));
const IN_ORDER = /(card-reader|operations)\.spec\.ts$/;
/** the specs that need the full browser: the headless shell has no notifications (it refuses every permission for them) */
const FULL_BROWSER = /notifications\.spec\.ts$/;
const FULL_CHROMIUM = '/usr/bin/chromium';
const ALONE = /upload-abuse\.spec\.ts$/;
const browser = { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } };
/**
 * Debian's headless shell, the same build as its Chromium without the browser's own interface: what Playwright itself
 * runs for headless tests, and here it took less than half the CPU of the full browser for the same suite. The full
 * browser when the shell is not installed, or for a run with a window (`CHROMIUM_PATH=/usr/bin/chromium … --headed`).
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const onPostgres = postgresProject();
if (!onPostgres.run && !process.env.TEST_WORKER_INDEX) console.warn(`The end-to-end tests on PostgreSQL (${POSTGRES_TAG}) are skipped: ${onPostgres.why}`);
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
const fullBrowser = fs.existsSync(FULL_CHROMIUM);
// CI (.ci/run installs it) never skips them
if (!fullBrowser && process.env.REQUIRE_POSTGRES) throw new Error(`The notification tests need the full browser: ${FULL_CHROMIUM} is missing`);
if (!fullBrowser && !process.env.TEST_WORKER_INDEX) console.warn('The notification tests are skipped: they need the full browser (apt-get install chromium)');
const args = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	workers,
	fullyParallel: true,
	retries: 0,
	timeout: 60_000,
	reporter: [['list'], ['./tests/support/e2e-count-reporter.ts']],
	// Paraglide's compiled messages are plain JavaScript, one module per message (about 1,100, reached through the app's
	// server code the fixtures call): loaded as they are, not put through Playwright's Babel transform (about 12 s of CPU
	// on a run without a transform cache, i.e. every clean clone)
	build: { external: ['**/src/lib/paraglide/**'] },
	use: {
		// each worker's own server (tests/e2e/fixtures.ts sets it); this is the first worker's
		baseURL: `http://localhost:${BASE_PORT}`,
		// a trace records every action of every test, about a third more time: off here, on for a rerun (README)
		trace: 'off',
		launchOptions: { executablePath, args }
	},
	// the files whose tests run in order in one worker (they share state or a fixed port) are queued first, so the other
	// worker does not wait idle for them at the end of the run
	projects: [
		{ name: 'chromium-in-order', testMatch: IN_ORDER, use: browser },
		{ name: 'chromium', testIgnore: [IN_ORDER, ALONE, FULL_BROWSER], use: browser },
		// the full browser (its --headless is the new headless mode, with notifications) for what the shell cannot do
		...(fullBrowser ? [{ name: 'chromium-full', testMatch: FULL_BROWSER, use: { ...browser, launchOptions: { executablePath: FULL_CHROMIUM, args } } }] : []),
		// registration, the dashboard, an application with its payment, staff sign-in, an employer's upload and a failing
		// SMS provider, again on
		// PostgreSQL: the same tests (tagged @postgres), each worker's server on a database of its own in the run's cluster
		...(onPostgres.run
			? [{ name: 'chromium-postgres', grep: new RegExp(POSTGRES_TAG), testIgnore: [ALONE], use: { ...browser, engine: 'postgres' as const } }]
			: []),
		// how fast others are served while an upload is checked is measured with the machine to itself, after the rest
		{ name: 'chromium-alone', testMatch: ALONE, use: browser, dependencies: ['chromium-in-order', 'chromium'] }
	]
});
