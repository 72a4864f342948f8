/**
 * Each Playwright worker has a server of its own (port from the worker's index) on its own copy of the template
 * database, so workers never share a database, a clock or a rate limit. This module holds the worker's server for the
 * helpers (the database file, the port); the fixture in ./fixtures.ts starts it.
 */
import pg from 'pg';
import { databaseUrl } from '../support/postgres';
import type { ThaidProvider } from '../../scripts/lib/thaid-provider';
import type { FakePushService } from '../support/fake-push';

export const E2E_DIR = 'data/e2e';
export const TEMPLATE_DB = `${E2E_DIR}/template.db`;
/** The first worker's port; worker i listens on BASE_PORT + i × PORTS_PER_WORKER, and its tests' own servers above that. */
export const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
export const PORTS_PER_WORKER = 20;

/** The server's environment, as an operator would set it for a test server. */
export const E2E_ENV: Record<string, string> = {
	SEED_PERSONS: '400',
	SMS_PROVIDER: 'outbox',
	DEV_CLOCK: 'true',
	// every test registers from 127.0.0.1: lift the per-IP caps, keep the per-phone ones
	OTP_IP_PER_HOUR: '10000',
	OTP_IP_PER_DAY: '10000',
	LOGIN_IP_PER_HOUR: '10000',
	LOGIN_FAIL_IP_PER_HOUR: '10000',
	REGISTER_IP_PER_HOUR: '10000',
	RESET_IP_PER_HOUR: '10000'
};

export interface WorkerApp {
	/** 0, 1, … : the worker's slot (a worker started after a failure takes the slot of the one it replaces) */
	index: number;
	port: number;
	url: string;
	/** the worker's database file (on PostgreSQL, its folder keeps the secret key) */
	db: string;
	/** the worker's PostgreSQL database (the chromium-postgres project), or none: SQLite */
	databaseUrl?: string;
	/** the worker's local ThaID-shaped provider, which its server is configured with */
	thaid?: ThaidProvider;
	/** the worker's local push service, which its server may send to (PUSH_SERVICE_ORIGINS) */
	push?: FakePushService;
}

/**
 * The PostgreSQL cluster of the run (started by ./global-setup.ts for the chromium-postgres project): its URL, and the
 * template database made there once, migrated and seeded as the SQLite template is.
 */
export const E2E_POSTGRES_URL = 'E2E_POSTGRES_URL';
export const PG_TEMPLATE = 'e2e_template';

/** A worker's own PostgreSQL database, a copy of the template (CREATE DATABASE … TEMPLATE: a file copy, no seeding). */
export async function postgresWorkerDatabase(index: number): Promise<string> {
	return await postgresDatabase(`e2e_worker_${index}`, PG_TEMPLATE);
}

/**
 * A new database `name` in the run's cluster (one there before is dropped), empty or a copy of `template`; its URL.
 * For a test that starts a server of its own on PostgreSQL (npm start seeds an empty one).
 */
export async function postgresDatabase(name: string, template?: string): Promise<string> {
	const cluster = process.env[E2E_POSTGRES_URL];
	if (!cluster) throw new Error('no PostgreSQL cluster for the chromium-postgres project (global-setup starts one)');
	const admin = new pg.Client({ connectionString: cluster });
	await admin.connect();
	try {
		// WITH (FORCE): a server left by a worker that crashed may still hold connections to it
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
	} finally {
		await admin.end();
	}
	return databaseUrl(cluster, name);
}

let current: WorkerApp | undefined;

export function setWorkerApp(app: WorkerApp | undefined): void {
	current = app;
}

/** This worker's server; throws outside a test (the fixture starts the server before the first test of a worker). */
export function workerApp(): WorkerApp {
	if (!current) throw new Error('no worker server yet: use the test from ./fixtures, and call this inside a test or hook');
	return current;
}

/** A port of this worker's own for a server a test starts itself (1 ≤ n < PORTS_PER_WORKER). */
export function sparePort(n: number): number {
	if (n < 1 || n >= PORTS_PER_WORKER) throw new Error(`spare port ${n} out of range`);
	return workerApp().port + n;
}

/**
 * Run `fn` with these environment variables set, then put the environment back: what the app's code reads from it
 * (config(), db()) is read once and kept, while servers started later, by this process or the workers it starts, do not
 * inherit the e2e server's settings.
 */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
	const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
	Object.assign(process.env, env);
	try {
		return await fn();
	} finally {
		for (const [k, v] of Object.entries(saved)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
	}
}
