/**
 * Once per run, before any worker starts: one migrated and seeded database, the template each worker's server copies
 * (a file copy takes milliseconds; seeding takes seconds). The secret key next to it is made here too, so the
 * workers' servers, started at the same moment, read one key instead of racing to write it.
 *
 * For the chromium-postgres project (playwright.config.ts has it where PostgreSQL is installed): a throw-away cluster
 * for the run with the same registry seeded in a template database, which each of that project's workers copies.
 * Its URL reaches the workers through the environment; the cluster is stopped after the run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { E2E_DIR, E2E_ENV, E2E_POSTGRES_URL, PG_TEMPLATE, TEMPLATE_DB, withEnv } from './worker-app';
import { postgresProject } from './postgres-project';
import { createDatabase, startPostgres } from '../support/postgres';
import { isoDateInBangkok } from '../../src/lib/format/date';

export default async function globalSetup(): Promise<(() => Promise<void>) | void> {
	fs.mkdirSync(E2E_DIR, { recursive: true });
	for (const f of fs.readdirSync(E2E_DIR)) if (f.endsWith('.db') || f.endsWith('-wal') || f.endsWith('-shm')) fs.rmSync(`${E2E_DIR}/${f}`, { force: true });
	const today = isoDateInBangkok(Date.now());
	// the workers inherit this process's environment: the e2e settings are set only while the template is made
	await withEnv({ ...E2E_ENV, DATABASE_PATH: TEMPLATE_DB }, async () => {
		const { config } = await import('../../src/server/config');
		const { openAndMigrate } = await import('../../src/server/db');
		const { seedRegistry } = await import('../../src/server/registry/seed');
		config();
		const db = openAndMigrate(TEMPLATE_DB);
		seedRegistry(db, { persons: Number(E2E_ENV.SEED_PERSONS), today });
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		db.$client.close();
	});
	if (!postgresProject().run) return;
	const cluster = await startPostgres();
	if ('skipped' in cluster) throw new Error(`the end-to-end tests on PostgreSQL: ${cluster.skipped}`);
	try {
		const url = await createDatabase(cluster, PG_TEMPLATE);
		// the same registry as the SQLite template (the same generator, persons and day), by `npm run db:seed`, in a
		// process of its own: this one's configuration is the SQLite template's
		execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--persons', E2E_ENV.SEED_PERSONS!, '--today', today], {
			env: { ...process.env, DATABASE_URL: url, DATABASE_PATH: TEMPLATE_DB },
			stdio: 'pipe'
		});
	} catch (e) {
		cluster.stop();
		throw e;
	}
	process.env[E2E_POSTGRES_URL] = cluster.url;
	return async () => cluster.stop();
}
