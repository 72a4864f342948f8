import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { config } from '../config';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Open a database with the project's pragmas: WAL, foreign keys, a busy timeout. */
export function openDb(file: string): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return drizzle(sqlite, { schema }) as Db;
}

/**
 * The option for every transaction that writes after it has read: `BEGIN IMMEDIATE` takes the write lock first, so
 * the transaction waits (busy_timeout) while another connection or process writes, and reads what that writer
 * committed. A plain (deferred) `BEGIN` reads first; if another writer commits before this one can write, SQLite
 * refuses the write at once with "database is locked" (its snapshot is stale), whatever the busy timeout.
 */
export const IMMEDIATE = { behavior: 'immediate' } as const;

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

export function migrateDb(db: Db): void {
	migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

let instance: Db | undefined;

/** The process's database, opened and migrated on first use. */
export function db(): Db {
	if (!instance) {
		instance = openDb(config().DATABASE_PATH);
		migrateDb(instance);
	}
	return instance;
}

/** Tests: use this database instead (e.g. ':memory:'). */
export function setDbForTests(d: Db | undefined): void {
	instance = d;
}

export { schema };
