/**
 * npm run db:seed [-- --persons N --seed S --today YYYY-MM-DD --force]
 * Builds the demo registry. Refuses a database that already has persons unless --force (which wipes the registry and accounts).
 */
import { parseArgs } from 'node:util';
import { config } from '../src/server/config';
import { openDb, migrateDb } from '../src/server/db';
import { seedRegistry, wipeAll } from '../src/server/registry/seed';
import { isoDateInBangkok } from '../src/lib/format/date';

const { values } = parseArgs({
	options: {
		persons: { type: 'string' },
		seed: { type: 'string' },
		today: { type: 'string' },
		force: { type: 'boolean', default: false },
		db: { type: 'string' }
	}
});

const file = values.db ?? config().DATABASE_PATH;
const db = openDb(file);
migrateDb(db);
const existing = (db.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
if (existing > 0) {
	if (!values.force) {
		console.log(`${file} already has ${existing} persons; nothing to do (use --force to rebuild).`);
		process.exit(0);
	}
	wipeAll(db);
}
const persons = values.persons ? Number(values.persons) : config().SEED_PERSONS;
const today = values.today ?? isoDateInBangkok(Date.now());
const t0 = performance.now();
const summary = seedRegistry(db, {
	persons,
	today,
	seed: values.seed ? Number(values.seed) : undefined,
	onProgress: (done, total) => {
		if (total >= 50_000 && done % 50_000 < 2000) console.log(`  ${done.toLocaleString()} / ${total.toLocaleString()} persons`);
	}
});
console.log(`Seeded ${file} as of ${today} in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, summary);
db.$client.close();
