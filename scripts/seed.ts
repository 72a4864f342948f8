/**
 * npm run db:seed [-- --persons N --seed S --today YYYY-MM-DD --force]
 * Builds the demo registry. Refuses a database that already has persons unless --force (which wipes the registry and accounts).
 */
import { parseArgs } from 'node:util';
import { config } from '../src/server/config';
import { closeDatabase, openDb, migrateDb, prepareDatabase, redactUrl } from '../src/server/db';
import { personCount, seedPostgres, seedRegistry, wipeAll, wipePostgres, type SeedOptions } from '../src/server/registry/seed';
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

const url = values.db ? undefined : config().DATABASE_URL;
const where = url ? redactUrl(url) : (values.db ?? config().DATABASE_PATH);
const sqlite = url ? null : openDb(values.db ?? config().DATABASE_PATH);
if (sqlite) migrateDb(sqlite);
else await prepareDatabase({ migrate: true });
const existing = sqlite ? (sqlite.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n : await personCount();
if (existing > 0) {
	if (!values.force) {
		console.log(`${where} already has ${existing} persons; nothing to do (use --force to rebuild).`);
		process.exit(0);
	}
	if (sqlite) wipeAll(sqlite);
	else await wipePostgres();
}
const persons = values.persons ? Number(values.persons) : config().SEED_PERSONS;
const today = values.today ?? isoDateInBangkok(Date.now());
const t0 = performance.now();
const opts: SeedOptions = {
	persons,
	today,
	seed: values.seed ? Number(values.seed) : undefined,
	onProgress: (done, total) => {
		if (total >= 50_000 && done % 50_000 < 2000) console.log(`  ${done.toLocaleString()} / ${total.toLocaleString()} persons`);
	}
};
const summary = sqlite ? seedRegistry(sqlite, opts) : await seedPostgres(opts);
console.log(`Seeded ${where} as of ${today} in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, summary);
if (sqlite) sqlite.$client.close();
else await closeDatabase();
