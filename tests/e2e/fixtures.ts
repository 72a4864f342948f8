/**
 * The `test` every end-to-end spec uses: Playwright's, with a server of each worker's own (./worker-app.ts) started
 * before the worker's first test, on a copy of the template database from ./global-setup.ts, and `baseURL` pointing
 * at it, so `page`, `request` and new contexts all reach the worker's server.
 */
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import { spawnApp } from '../../scripts/lib/app-server';
import { BASE_PORT, E2E_DIR, E2E_ENV, PORTS_PER_WORKER, TEMPLATE_DB, setWorkerApp, withEnv, type WorkerApp } from './worker-app';

export const test = base.extend<object, { app: WorkerApp }>({
	app: [
		// Playwright reads a fixture's dependencies from its first parameter's destructuring: this one has none
		// eslint-disable-next-line no-empty-pattern
		async ({}, use, workerInfo) => {
			const index = workerInfo.parallelIndex;
			const port = BASE_PORT + index * PORTS_PER_WORKER;
			const db = `${E2E_DIR}/worker-${index}.db`;
			for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
			fs.copyFileSync(TEMPLATE_DB, db);
			const url = `http://localhost:${port}`;
			// the app's configuration in this process, for the fixtures that call the app's own functions (sessions, the
			// CLIs) on the worker's database: read once now and kept by config() and db()
			await withEnv({ ...E2E_ENV, DATABASE_PATH: db, PORT: String(port), ORIGIN: url }, async () => {
				(await import('../../src/server/config')).config();
				(await import('../../src/server/db')).db();
			});
			const server = await spawnApp(db, port, E2E_ENV, { quiet: true, keepChars: 200_000 });
			const app = { index, port, url, db };
			setWorkerApp(app);
			try {
				await use(app);
			} finally {
				setWorkerApp(undefined);
				await server.stop();
				const output = server.output();
				if (server.child.exitCode !== 0 && output) console.error(`worker ${index} server (exit ${server.child.exitCode}):\n${output.slice(-5_000)}`);
			}
		},
		{ scope: 'worker', auto: true, timeout: 120_000 }
	],
	baseURL: async ({ app }, use) => {
		await use(app.url);
	}
});

export { expect };
