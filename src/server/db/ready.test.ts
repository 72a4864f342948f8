import { describe, it, expect } from 'vitest';
import { freshDb } from '../../../tests/unit/fresh-db';
import { MIGRATIONS_DIR } from './index';
import { checkReady } from './ready';

describe('checkReady (/readyz)', () => {
	it('is ready on a freshly migrated database', () => {
		const db = freshDb();
		expect(checkReady(() => db.$client, MIGRATIONS_DIR)).toEqual({ ready: true });
	});

	it('reports migrations_pending when a migration row is missing (an older backup, a half-migrated database)', () => {
		const db = freshDb();
		const expected = (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
		db.$client.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
		expect(checkReady(() => db.$client, MIGRATIONS_DIR)).toEqual({ ready: false, reason: 'migrations_pending', applied: expected - 1, expected });
	});

	it('is ready on a database a newer version has migrated further (a rolling deploy)', () => {
		const db = freshDb();
		db.$client.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('next', (SELECT max(created_at) + 1 FROM __drizzle_migrations))").run();
		expect(checkReady(() => db.$client, MIGRATIONS_DIR)).toEqual({ ready: true });
	});

	it('reports migrations_pending on a database never migrated', () => {
		const db = freshDb();
		db.$client.exec('DROP TABLE __drizzle_migrations');
		expect(checkReady(() => db.$client, MIGRATIONS_DIR)).toMatchObject({ ready: false, reason: 'migrations_pending', applied: 0 });
	});

	it('reports database_unreachable when the database cannot be opened or queried', () => {
		expect(
			checkReady(() => {
				throw new Error('SQLITE_CANTOPEN');
			}, MIGRATIONS_DIR)
		).toEqual({ ready: false, reason: 'database_unreachable' });
		const db = freshDb();
		db.$client.close();
		expect(checkReady(() => db.$client, MIGRATIONS_DIR)).toEqual({ ready: false, reason: 'database_unreachable' });
	});
});
