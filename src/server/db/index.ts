import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { SQL } from 'drizzle-orm';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { config } from '../config';
import { checkDatabasePath, migrationFailure, openFailure } from './startup';
import { noteQuery } from './query-count';
import { log } from '../log';

/**
 * The database as the code sees it: every call is awaited (`await db().select()…` gives the rows, `await
 * db().insert()…` runs the write), the same form on every engine. Transactions go through transaction() below, never
 * the driver's own, so they mean the same everywhere.
 */
export type Db = Omit<BaseSQLiteDatabase<'async', unknown, typeof schema>, 'transaction'> & { $client: Database.Database };

/**
 * Open a database with the project's pragmas: WAL (readers never wait for the writer; a crashed writer leaves the file
 * consistent), synchronous=NORMAL (in WAL mode a commit survives the process dying; the writes a citizen is told were
 * saved run with FULL, see transaction()), foreign keys, and a 5-second busy timeout. This is the connection that
 * writes; the process reads through a second, read-only one (see db()).
 */
export function openDb(file: string, opts: { countQueries?: boolean } = {}): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new Database(file, opts.countQueries ? { verbose: noteQuery } : {});
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return drizzle(sqlite, { schema }) as unknown as Db;
}

/**
 * The connection that reads outside transactions. For a file it is a second, read-only connection: it sees only what
 * has been committed (never the half-done work of a transaction that is waiting on an await), and a write through it
 * fails at once. An in-memory database (the unit tests) has only the one connection, so there the reads share it
 * and a statement that would write is refused the same way.
 */
function openReader(writer: Db, countQueries: boolean): { reader: Db; close: () => void } {
	const w = writer.$client;
	if (w.memory) {
		const guarded = new Proxy(w, {
			get(target, prop, receiver) {
				if (prop !== 'prepare') return Reflect.get(target, prop, receiver) as unknown;
				return (source: string) => {
					const statement = target.prepare(source);
					if (!statement.readonly && !target.inTransaction) throw new Error(`a write outside transaction(): ${source.slice(0, 80)}`);
					return statement;
				};
			}
		});
		return { reader: drizzle(guarded, { schema }) as unknown as Db, close: () => {} };
	}
	const r = new Database(w.name, { readonly: true, fileMustExist: true, ...(countQueries ? { verbose: noteQuery } : {}) });
	r.pragma('busy_timeout = 5000');
	return { reader: drizzle(r, { schema }) as unknown as Db, close: () => r.close() };
}

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

export function migrateDb(db: Db): void {
	migrate(db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: MIGRATIONS_DIR });
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

type Handle = { writer: Db; reader: Db; closeReader: () => void };
let instance: Handle | undefined;

function handle(): Handle {
	if (!instance) {
		const countQueries = config().COUNT_QUERIES;
		const writer = openAndMigrate(config().DATABASE_PATH, { countQueries });
		const { reader, close } = openReader(writer, countQueries);
		instance = { writer, reader, closeReader: close };
	}
	return instance;
}

/** The transaction the current async call runs in, while it is open, and what waits for its end. */
type Open = { tx: Db; open: boolean; after: ((committed: boolean) => void)[]; savepoints: number };
const current = new AsyncLocalStorage<Open>();

/**
 * The process's database, opened and migrated on first use. Inside transaction() it is that transaction, so a helper
 * called from a transaction reads what the transaction wrote; outside, it reads what has been committed and cannot
 * write.
 */
export function db(): Db {
	const t = current.getStore();
	return t?.open ? t.tx : handle().reader;
}

/** Tests: use this database instead (e.g. ':memory:'). */
export function setDbForTests(d: Db | undefined): void {
	instance?.closeReader();
	instance = undefined;
	if (d) {
		const { reader, close } = openReader(d, false);
		instance = { writer: d, reader, closeReader: close };
	}
}

/** The end of the chain of this process's transactions: one runs at a time, in the order they asked. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Every write runs here, and every read that a write depends on. The meaning is the same on every engine: the
 * transaction takes the write lock before it reads (SQLite `BEGIN IMMEDIATE`), so it runs as if no other
 * transaction ran beside it, and reads what the one before it committed. A plain (deferred) `BEGIN` would read first;
 * if another writer committed meanwhile, SQLite would refuse the write at once with "database is locked".
 *
 * `durable`: the commit is synced to disk before this returns (synchronous=FULL), so what the citizen is told was
 * saved (an application, a payment, a report-in, an account change) survives a power cut, not only a crash of this
 * process. Everything else commits with NORMAL: in WAL mode that survives the process dying, and saves an fsync per
 * session touch, rate-limit count and audit line.
 *
 * Rules for `fn`: it awaits only database calls (never a network call, a password hash or a timer: the write lock
 * is held meanwhile, and never a promise that settles only after the transaction ends, such as the text of an
 * advance()), and it may run more than once on an engine that retries a conflicting transaction, so it changes nothing
 * outside the database. Called inside another transaction it joins that one, in a savepoint: if it throws, what it
 * wrote is undone and the error goes to the caller, whose own writes stay unless it lets the error through.
 */
export async function transaction<T>(fn: (tx: Db) => Promise<T>, opts: { durable?: boolean } = {}): Promise<T> {
	const outer = current.getStore();
	if (outer?.open) {
		const c = outer.tx.$client;
		const name = `sp${++outer.savepoints}`;
		c.exec(`SAVEPOINT ${name}`);
		try {
			const result = await fn(outer.tx);
			c.exec(`RELEASE ${name}`);
			return result;
		} catch (e) {
			if (c.inTransaction) c.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
			throw e;
		}
	}
	const run = async (): Promise<T> => {
		const tx = handle().writer;
		const c = tx.$client;
		// the setting cannot change inside a transaction, so it is chosen before BEGIN
		if (opts.durable) c.pragma('synchronous = FULL');
		const state: Open = { tx, open: true, after: [], savepoints: 0 };
		let committed = false;
		try {
			c.exec('BEGIN IMMEDIATE');
			try {
				const result = await current.run(state, () => fn(tx));
				state.open = false;
				c.exec('COMMIT');
				committed = true;
				return result;
			} catch (e) {
				state.open = false;
				if (c.inTransaction) c.exec('ROLLBACK');
				throw e;
			}
		} finally {
			if (opts.durable) c.pragma('synchronous = NORMAL');
			// outside the transaction's context: what runs now is not part of it
			for (const f of state.after)
				try {
					current.exit(() => f(committed));
				} catch (err) {
					// what waited for the transaction does not change its outcome
					log.error({ err }, 'A callback after a transaction failed');
				}
		}
	};
	const result = queue.then(run, run);
	queue = result.catch(() => undefined);
	return result;
}

/**
 * Run `f` when the current transaction has ended (`committed`: whether its writes were kept), or at once (true) when
 * there is none: a text about a change is sent only once the change is saved, and never from inside the write lock.
 */
export function afterCommit(f: (committed: boolean) => void): void {
	const t = current.getStore();
	if (t?.open) t.after.push(f);
	else f(true);
}

/** The first row of a query, or undefined: `await one(db().select()…)` where the driver's `.get()` would be. */
export async function one<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
	return (await rows)[0];
}

/** The row an `insert … returning()` gave back (there is always one). */
export async function returned<T>(rows: PromiseLike<T[]>): Promise<T> {
	const [row] = await rows;
	if (row === undefined) throw new Error('the write returned no row');
	return row;
}

/** Rows of a raw SQL query. */
export async function rows<T>(query: SQL): Promise<T[]> {
	return db().all<T>(query);
}

export { schema };
