import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { config } from '../config';
import { checkDatabasePath, migrationFailure, openFailure } from './startup';

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

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

export function migrateDb(db: Db): void {
	migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

/** Open and migrate, or throw a StartupError with one clear line (./startup.ts). */
export function openAndMigrate(file: string): Db {
	checkDatabasePath(file);
	let d: Db;
	try {
		d = openDb(file);
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
	instance ??= openAndMigrate(config().DATABASE_PATH);
	return instance;
}

/** Tests: use this database instead (e.g. ':memory:'). */
export function setDbForTests(d: Db | undefined): void {
	instance = d;
}

export { schema };
