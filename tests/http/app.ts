/**
 * The built app for an HTTP test file (Vitest): `npm start`'s own start-up (scripts/start.ts) on a port the system
 * hands out, with the end-to-end servers' settings (../e2e/worker-app.ts E2E_ENV), in a folder of the file's own
 * (its database and the secret key beside it), seeded on first start. This thread's config() and db() are pointed at
 * the same database, so the shared helpers (freshPerson, query, sessions, the CLIs) work on what the server serves.
 * Each test file runs in a thread of its own, so files run side by side, each with its own server.
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { spawnApp, type AppProcess } from '../../scripts/lib/app-server';
import { E2E_ENV, setWorkerApp, withEnv, type WorkerApp } from '../e2e/worker-app';

/** A port nobody listens on now (the system's choice). */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((r) => server.close(r));
	return port;
}

/**
 * Starts the file's server before its first test and stops it after the last. The returned object is filled in by
 * then (`url`, `port`, `db`, `dir`).
 */
export function serveApp(name: string): WorkerApp & { dir: string } {
	const app = { index: 0, port: 0, url: '', db: '', dir: `data/http/${name}` };
	let server: AppProcess | undefined;
	beforeAll(async () => {
		if (!fs.existsSync('build/handler.js')) throw new Error('the HTTP tests run the built app: npm run build first');
		fs.rmSync(app.dir, { recursive: true, force: true });
		fs.mkdirSync(app.dir, { recursive: true });
		app.port = await freePort();
		app.url = `http://localhost:${app.port}`;
		app.db = `${app.dir}/app.db`;
		await withEnv({ ...E2E_ENV, DATABASE_PATH: app.db, PORT: String(app.port), ORIGIN: app.url }, async () => {
			(await import('../../src/server/config')).config();
			(await import('../../src/server/db')).db();
		});
		// Vitest's own VITEST and NODE_ENV=test, which the server inherits, would silence its log: the output kept for a
		// failure (below) is the server's log, as the e2e servers write it
		server = await spawnApp(app.db, app.port, { ...E2E_ENV, LOG_LEVEL: 'info' }, { quiet: true, keepChars: 200_000 });
		setWorkerApp(app);
	}, 120_000);
	afterAll(async () => {
		setWorkerApp(undefined);
		await server?.stop();
		const output = server?.output();
		if (server && server.child.exitCode !== 0 && output) console.error(`${name} server (exit ${server.child.exitCode}):\n${output.slice(-5_000)}`);
	});
	return app;
}
