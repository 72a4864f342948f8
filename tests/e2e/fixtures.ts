/**
 * The `test` every end-to-end spec uses: Playwright's, with a server of each worker's own (./worker-app.ts) started
 * before the worker's first test, on a copy of the template database from ./global-setup.ts, and `baseURL` pointing
 * at it, so `page`, `request` and new contexts all reach the worker's server. The project's `engine` says which:
 * SQLite (a copy of the template file) or PostgreSQL (a database made from the template database in the run's
 * cluster, the chromium-postgres project).
 */
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import { spawnApp } from '../../scripts/lib/app-server';
import { demoThaidPersons, startThaidProvider } from '../../scripts/lib/thaid-provider';
import { startFakePushService } from '../support/fake-push';
import { BASE_PORT, E2E_DIR, E2E_ENV, PORTS_PER_WORKER, TEMPLATE_DB, postgresWorkerDatabase, setWorkerApp, withEnv, type WorkerApp } from './worker-app';

export type Engine = 'sqlite' | 'postgres';

export const test = base.extend<object, { engine: Engine; app: WorkerApp }>({
	engine: ['sqlite', { scope: 'worker', option: true }],
	app: [
		async ({ engine }, use, workerInfo) => {
			const index = workerInfo.parallelIndex;
			const port = BASE_PORT + index * PORTS_PER_WORKER;
			const db = `${E2E_DIR}/worker-${index}.db`;
			for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
			const databaseUrl = engine === 'postgres' ? await postgresWorkerDatabase(index) : undefined;
			if (!databaseUrl) fs.copyFileSync(TEMPLATE_DB, db);
			const url = `http://localhost:${port}`;
			// a ThaID-shaped provider of the worker's own (scripts/lib/thaid-provider.ts), registered with this server's callback
			const thaid = await startThaidProvider({
				clientId: 'prakan-e2e',
				clientSecret: 'prakan-e2e-secret',
				redirectUris: [`${url}/login/thaid/callback/`],
				persons: demoThaidPersons()
			});
			// and a push service of its own, the only one its server may send notifications to besides the browsers' own
			const push = await startFakePushService();
			const env: Record<string, string> = {
				...E2E_ENV,
				PUSH_SERVICE_ORIGINS: push.origin,
				...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
				THAID_ISSUER: thaid.issuer,
				THAID_CLIENT_ID: 'prakan-e2e',
				THAID_CLIENT_SECRET: 'prakan-e2e-secret',
				THAID_REDIRECT_URI: `${url}/login/thaid/callback/`
			};
			// the app's configuration in this process, for the fixtures that call the app's own functions (sessions, the
			// CLIs) on the worker's database: read once now and kept by config() and db()
			await withEnv({ ...env, DATABASE_PATH: db, PORT: String(port), ORIGIN: url }, async () => {
				(await import('../../src/server/config')).config();
				(await import('../../src/server/db')).db();
			});
			const server = await spawnApp(db, port, env, { quiet: true, keepChars: 200_000 });
			const app = { index, port, url, db, databaseUrl, thaid, push };
			setWorkerApp(app);
			try {
				await use(app);
			} finally {
				setWorkerApp(undefined);
				await server.stop();
				await thaid.close();
				await push.close();
				await (await import('../../src/server/db')).closeDatabase();
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
