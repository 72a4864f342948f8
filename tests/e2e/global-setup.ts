/**
 * Once per run, before any worker starts: one migrated and seeded database, the template each worker's server copies
 * (a file copy takes milliseconds; seeding takes seconds). The secret key next to it is made here too, so the
 * workers' servers, started at the same moment, read one key instead of racing to write it.
 */
import fs from 'node:fs';
import { E2E_DIR, E2E_ENV, TEMPLATE_DB, withEnv } from './worker-app';

export default async function globalSetup(): Promise<void> {
	fs.mkdirSync(E2E_DIR, { recursive: true });
	for (const f of fs.readdirSync(E2E_DIR)) if (f.endsWith('.db') || f.endsWith('-wal') || f.endsWith('-shm')) fs.rmSync(`${E2E_DIR}/${f}`, { force: true });
	// the workers inherit this process's environment: the e2e settings are set only while the template is made
	await withEnv({ ...E2E_ENV, DATABASE_PATH: TEMPLATE_DB }, async () => {
		const { config } = await import('../../src/server/config');
		const { openAndMigrate } = await import('../../src/server/db');
		const { seedRegistry } = await import('../../src/server/registry/seed');
		const { isoDateInBangkok } = await import('../../src/lib/format/date');
		config();
		const db = openAndMigrate(TEMPLATE_DB);
		seedRegistry(db, { persons: Number(E2E_ENV.SEED_PERSONS), today: isoDateInBangkok(Date.now()) });
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		db.$client.close();
	});
}
