import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { config } from '../config';
import { checkDatabasePath, migrationFailure, openFailure } from './startup';
import { noteQuery } from './query-count';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Open a database with the project's pragmas: WAL (readers never wait for the writer; a crashed writer leaves the file
 * consistent), synchronous=NORMAL (in WAL mode a commit survives the process dying; the writes a citizen is told were
 * saved run with FULL, see durably()), foreign keys, and a 5-second busy timeout.
 */
export function openDb(file: string, opts: { countQueries?: boolean } = {}): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new Database(file, opts.countQueries ? { verbose: noteQuery } : {});
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

/**
 * Run the transaction(s) of `fn` with synchronous=FULL: the commit is fsynced before it returns, so what the citizen
 * is told was saved (an application, a payment, a report-in, an account change) survives a power cut or an OS crash,
 * not only a crash of this process. Everything else runs with NORMAL (see openDb): in WAL mode that survives the
 * process dying, and saves an fsync per session touch, rate-limit count and audit line.
 */
export function durably<T>(fn: () => T): T {
	const c = db().$client;
	// the setting cannot change inside a transaction; an outer durable caller already chose it
	if (c.inTransaction) return fn();
	c.pragma('synchronous = FULL');
	try {
		return fn();
	} finally {
		c.pragma('synchronous = NORMAL');
	}
}

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

export function migrateDb(db: Db): void {
	migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

/** Open and migrate, or throw a StartupError with one clear line (./startup.ts). */
export function openAndMigrate(file: string, opts: { countQueries?: boolean } = {}): Db {
	checkDatabasePath(file);
	let d: Db;
	try {
		d = openDb(file, opts);
	} catch (e) {
		throw openFailure(file, e);
	}
	try {
		migrateDb(d);
	} catch (e) {
		d.$client.close();
		throw migrationFailure(e, MIGRATIONS_DIR);
	}
	return d;
}

let instance: Db | undefined;

/** The process's database, opened and migrated on first use. */
export function db(): Db {
	instance ??= openAndMigrate(config().DATABASE_PATH, { countQueries: config().COUNT_QUERIES });
	return instance;
}

/** Tests: use this database instead (e.g. ':memory:'). */
export function setDbForTests(d: Db | undefined): void {
	instance = d;
}

export { schema };
