/**
 * npm start: check the configuration, migrate, seed an empty database with demo data, then serve build/.
 * adapter-node's handler reads ORIGIN (default http://localhost:PORT so forms work on a fresh checkout); this file
 * listens on HOST:PORT itself so that pages and JSON are compressed (brotli or gzip, see scripts/http.ts).
 */
import { ConfigError, config } from '../src/server/config';
import { openDb, migrateDb } from '../src/server/db';
import { seedRegistry } from '../src/server/registry/seed';
import { isoDateInBangkok } from '../src/lib/format/date';

try {
	config();
} catch (e) {
	if (e instanceof ConfigError) {
		console.error(e.message);
		process.exit(1);
	}
	throw e;
}
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;

const db = openDb(config().DATABASE_PATH);
migrateDb(db);
const n = (db.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
if (n === 0) {
	console.log(`Empty database: seeding ${config().SEED_PERSONS} demo persons…`);
	const s = seedRegistry(db, { persons: config().SEED_PERSONS, today: isoDateInBangkok(Date.now()) });
	console.log('Seeded:', s);
}
db.$client.close();

const { serve } = await import('./http');
await serve();
console.log(`Prakan is listening on ${process.env.ORIGIN}`);
