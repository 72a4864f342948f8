import { describe, it, expect } from 'vitest';
import { freshDatabase, losePostgres, testEngines, type TestDb } from '../../../tests/unit/engines';
import { MIGRATIONS_DIR } from './index';
import { checkReady, readiness } from './ready';

const engines = await testEngines('readiness tests on PostgreSQL');

/** drizzle's record of the applied migrations: a table of the database on SQLite, of the schema `drizzle` on PostgreSQL */
const applied = { sqlite: '__drizzle_migrations', postgres: 'drizzle.__drizzle_migrations' } as const;

describe.each(engines)('readiness (/readyz), on %s', (engine) => {
	const table = applied[engine];
	/**
	 * A change to the migrations table for the length of `check`, then undone: on PostgreSQL every test of the file
	 * shares one database (emptied, not migrated again, between tests).
	 */
	async function whileChanged(db: TestDb, change: string, undo: string, check: () => Promise<void>): Promise<void> {
		await db.run(change);
		try {
			await check();
		} finally {
			await db.run(undo);
		}
	}

	it('is ready on a freshly migrated database', async () => {
		await freshDatabase(engine);
		expect(await readiness()).toEqual({ ready: true });
	});

	it('reports migrations_pending when a migration row is missing (an older backup, a half-migrated database)', async () => {
		const db = await freshDatabase(engine);
		const expected = await db.count(`SELECT count(*) FROM ${table}`);
		const last = (await db.get<{ hash: string; created_at: number | string }>(`SELECT hash, created_at FROM ${table} ORDER BY created_at DESC LIMIT 1`))!;
		const when = Number(last.created_at);
		await whileChanged(
			db,
			`DELETE FROM ${table} WHERE created_at = ${when}`,
			`INSERT INTO ${table} (hash, created_at) VALUES ('${last.hash}', ${when})`,
			async () => {
				expect(await readiness()).toEqual({ ready: false, reason: 'migrations_pending', applied: expected - 1, expected });
			}
		);
		expect(await readiness()).toEqual({ ready: true });
	});

	it('is ready on a database a newer version has migrated further (a rolling deploy)', async () => {
		const db = await freshDatabase(engine);
		await whileChanged(
			db,
			`INSERT INTO ${table} (hash, created_at) VALUES ('next', (SELECT max(created_at) + 1 FROM ${table}))`,
			`DELETE FROM ${table} WHERE hash = 'next'`,
			async () => expect(await readiness()).toEqual({ ready: true })
		);
	});

	it('reports migrations_pending on a database never migrated', async () => {
		const db = await freshDatabase(engine);
		const saved = engine === 'postgres' ? 'drizzle.saved_migrations' : 'saved_migrations';
		await whileChanged(db, `ALTER TABLE ${table} RENAME TO saved_migrations`, `ALTER TABLE ${saved} RENAME TO __drizzle_migrations`, async () => {
			expect(await readiness()).toMatchObject({ ready: false, reason: 'migrations_pending', applied: 0 });
		});
		expect(await readiness()).toEqual({ ready: true });
	});

	// the last test of the file: on PostgreSQL it stops the file's cluster
	it('reports database_unreachable when the database cannot be opened or queried', async () => {
		const db = await freshDatabase(engine);
		if (db.sqlite) {
			expect(
				checkReady(() => {
					throw new Error('SQLITE_CANTOPEN');
				}, MIGRATIONS_DIR)
			).toEqual({ ready: false, reason: 'database_unreachable' });
			db.sqlite.$client.close();
		} else {
			// the primary lost: the pool's connections fail and no new one can be made
			losePostgres();
		}
		expect(await readiness()).toEqual({ ready: false, reason: 'database_unreachable' });
	});
});
