import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { Column, is, sql, SQL, type SQLWrapper } from 'drizzle-orm';
import pg from 'pg';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import * as sqliteTables from './schema';
import * as pgTables from './schema.pg';
import { config } from '../config';
import { checkDatabasePath, migrationFailure, openFailure, StartupError } from './startup';
import { noteQuery } from './query-count';
import { log } from '../log';

/**
 * The database as the code sees it: every call is awaited (`await db().select()…` gives the rows, `await
 * db().insert()…` runs the write), the same form on every engine. Transactions go through transaction() below, never
 * the driver's own, so they mean the same everywhere.
 */
export type Db = Omit<BaseSQLiteDatabase<'async', unknown, typeof sqliteTables>, 'transaction'> & { $client: Database.Database };

export type Engine = 'sqlite' | 'postgres';

/**
 * The tables, as the code names them: SQLite's (schema.ts) or PostgreSQL's (schema.pg.ts, kept column for column the
 * same by schema-engines.test.ts), whichever engine the process runs on. The code is typed against the first; a live
 * binding, so `schema.users` is the table of the engine in use.
 */
const postgresSchema = { ...sqliteTables, ...pgTables } as unknown as typeof sqliteTables;
export let schema: typeof sqliteTables = sqliteTables;

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
	return drizzle(sqlite, { schema: sqliteTables }) as unknown as Db;
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
		return { reader: drizzle(guarded, { schema: sqliteTables }) as unknown as Db, close: () => {} };
	}
	const r = new Database(w.name, { readonly: true, fileMustExist: true, ...(countQueries ? { verbose: noteQuery } : {}) });
	r.pragma('busy_timeout = 5000');
	// the pages read one person's rows, spread over many pages of the file: reading them through a memory map instead
	// of a system call per page makes a 120-month contributions read about a third faster (the map is address space
	// shared with the OS page cache, not memory of its own)
	r.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
	return { reader: drizzle(r, { schema: sqliteTables }) as unknown as Db, close: () => r.close() };
}

const READER_MMAP_BYTES = 1 << 30;

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

type SqliteHandle = { engine: 'sqlite'; writer: Db; reader: Db; close: () => Promise<void> };
type PostgresHandle = { engine: 'postgres'; db: Db; pool: pg.Pool; close: () => Promise<void> };
type Handle = SqliteHandle | PostgresHandle;
let instance: Handle | undefined;

function use(h: Handle | undefined): void {
	instance = h;
	schema = h?.engine === 'postgres' ? postgresSchema : sqliteTables;
}

/** `ownsWriter`: the handle opened the writing connection (not a test's), so closing it closes that too. */
function sqliteHandle(writer: Db, countQueries: boolean, ownsWriter: boolean): SqliteHandle {
	const { reader, close } = openReader(writer, countQueries);
	// the writer waits for another process's write lock in beginImmediate, between tries, not in SQLite's busy handler
	writer.$client.pragma('busy_timeout = 0');
	return {
		engine: 'sqlite',
		writer,
		reader,
		close: async () => {
			close();
			if (ownsWriter) writer.$client.close();
		}
	};
}

function handle(): Handle {
	if (!instance) {
		const c = config();
		if (c.DATABASE_URL) use(postgresHandle(c.DATABASE_URL, c.DATABASE_POOL_SIZE, c.COUNT_QUERIES));
		else use(sqliteHandle(openAndMigrate(c.DATABASE_PATH, { countQueries: c.COUNT_QUERIES }), c.COUNT_QUERIES, true));
	}
	return instance!;
}

/**
 * Open the process's database and, with `migrate`, bring it to this version's schema: SQLite is migrated as it opens;
 * PostgreSQL here (drizzle-pg/), by `npm start` before its app processes start and by `npm run db:migrate`, not by
 * each app process or command (several migrating one shared database at once could race). Otherwise only whether it
 * answers. Throws a StartupError with one clear line.
 */
export async function prepareDatabase(opts: { migrate?: boolean } = {}): Promise<void> {
	const h = handle();
	if (h.engine !== 'postgres') return;
	try {
		await h.pool.query('SELECT 1');
	} catch (e) {
		throw new StartupError(`Cannot reach PostgreSQL at ${redactUrl(config().DATABASE_URL ?? '')}: ${(e as Error).message}. Check DATABASE_URL.`);
	}
	if (!opts.migrate) return;
	try {
		await migratePostgres(config().DATABASE_URL!, h.db);
	} catch (e) {
		throw migrationFailure(e, PG_MIGRATIONS_DIR);
	}
}

/** The process's database closed (a script that is done: PostgreSQL's pool would keep the process alive). */
export async function closeDatabase(): Promise<void> {
	const h = instance;
	use(undefined);
	await h?.close();
}

/**
 * PostgreSQL only: one connection of the process's pool, held for `fn` and given back after: for what drizzle does not
 * do, such as a bulk load's COPY. Not for the app's reads and writes, which go through db() and transaction().
 */
export async function withPostgresConnection<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
	const h = handle();
	if (h.engine !== 'postgres') throw new Error('withPostgresConnection: the database is not PostgreSQL');
	const c = await h.pool.connect();
	try {
		return await fn(c);
	} finally {
		c.release();
	}
}

/** A database URL for a log line or a message: the password left out. */
export function redactUrl(url: string): string {
	return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** The engine the process's database runs on. */
export function engine(): Engine {
	return handle().engine;
}

export const PG_MIGRATIONS_DIR = path.resolve(process.env.PG_MIGRATIONS_DIR ?? 'drizzle-pg');

/**
 * A PostgreSQL database through a pool of `poolSize` connections (node-postgres). Each transaction takes a connection
 * of its own; reads outside one take any free connection. Nothing is sent until the first query.
 */
function postgresHandle(url: string, poolSize: number, countQueries = false): PostgresHandle {
	const pool = new pg.Pool({
		connectionString: url,
		max: poolSize,
		// a database that stops answering fails a request in seconds instead of holding it (and /readyz says so)
		connectionTimeoutMillis: 5_000,
		statement_timeout: 60_000,
		// a write waits for another's lock as long as on SQLite (its busy_timeout), then fails, rather than holding a
		// pooled connection, and the request, for as long as that other transaction lasts
		lock_timeout: LOCK_WAIT_MS,
		// a transaction left open by a stuck process does not hold its locks for ever
		idle_in_transaction_session_timeout: 60_000
	});
	// a connection that fails while idle (the server restarted, a failover) is dropped from the pool, not a crash
	pool.on('error', (err) => log.warn({ err }, 'A PostgreSQL connection failed while idle'));
	// COUNT_QUERIES: drizzle's logger is told of every statement it sends (each a round trip to the server)
	const logger = countQueries ? { logQuery: () => noteQuery() } : undefined;
	// closed once, however many ask (a test's own close and a later switch of database may both)
	let closed: Promise<void> | undefined;
	return { engine: 'postgres', db: drizzlePg(pool, { schema: pgTables, logger }) as unknown as Db, pool, close: () => (closed ??= pool.end()) };
}

/** PostgreSQL's error codes for a concurrent CREATE … IF NOT EXISTS that lost the race (a catalog row, a schema, a table, its row type). */
const CREATED_MEANWHILE = new Set(['23505', '42P06', '42P07', '42710']);

/**
 * `migrationsFolder`'s migrations applied to the database at `url` through `d`, by one migrator at a time however
 * many machines start (or run db:migrate) at once. Each first takes the row lock of drizzle.prakan_migration_lock on a
 * connection of its own, so the next waits, then finds everything applied, instead of racing to make the same tables.
 * A plain row lock, which the PostgreSQL-compatible distributed databases have too (no advisory lock). The lock's
 * connection has no time limits: a long migration (an index on a national registry) is waited for.
 */
export async function migratePostgres(url: string, d: Db | NodePgDatabase, migrationsFolder = PG_MIGRATIONS_DIR): Promise<void> {
	const lock = new pg.Client({ connectionString: url, application_name: 'prakan-migrate' });
	await lock.connect();
	try {
		for (let attempt = 1; ; attempt++) {
			try {
				await lock.query('CREATE SCHEMA IF NOT EXISTS drizzle');
				await lock.query('CREATE TABLE IF NOT EXISTS drizzle.prakan_migration_lock (id integer PRIMARY KEY)');
				await lock.query('INSERT INTO drizzle.prakan_migration_lock (id) VALUES (1) ON CONFLICT DO NOTHING');
				break;
			} catch (e) {
				if (attempt >= 5 || !CREATED_MEANWHILE.has(String((e as { code?: string }).code))) throw e;
			}
		}
		await lock.query('BEGIN');
		await lock.query('SELECT id FROM drizzle.prakan_migration_lock WHERE id = 1 FOR UPDATE');
		try {
			await migratePg(d as unknown as NodePgDatabase<typeof pgTables>, { migrationsFolder });
		} finally {
			await lock.query('ROLLBACK');
		}
	} finally {
		await lock.end();
	}
}

/** A PostgreSQL database, migrated with drizzle-pg/. */
export async function openPostgres(url: string, opts: { poolSize?: number; countQueries?: boolean } = {}): Promise<PostgresHandle> {
	const h = postgresHandle(url, opts.poolSize ?? 10, opts.countQueries);
	try {
		await migratePostgres(url, h.db);
	} catch (e) {
		await h.close();
		throw e;
	}
	return h;
}

/** Tests: run on this PostgreSQL database until the returned function is called (which closes its pool). */
export async function usePostgresForTests(url: string, opts: { countQueries?: boolean } = {}): Promise<() => Promise<void>> {
	await instance?.close();
	const h = await openPostgres(url, { poolSize: 4, countQueries: opts.countQueries });
	use(h);
	return async () => {
		if (instance === h) use(undefined);
		await h.close();
	};
}

/** The transaction the current async call runs in, while it is open, and what waits for its end. */
type Open = { tx: Db; open: boolean; after: ((committed: boolean) => void)[]; savepoints: number };
const current = new AsyncLocalStorage<Open>();

/**
 * The process's database, opened on first use (SQLite's file is migrated then). Inside transaction() it is that
 * transaction, so a helper called from a transaction reads what the transaction wrote; outside, it reads what has
 * been committed (and on SQLite cannot write).
 */
export function db(): Db {
	const t = current.getStore();
	if (t?.open) return t.tx;
	const h = handle();
	return h.engine === 'postgres' ? h.db : h.reader;
}

/** Tests: use this SQLite database instead (e.g. ':memory:'). */
export function setDbForTests(d: Db | undefined): void {
	void instance?.close();
	use(d ? sqliteHandle(d, false, false) : undefined);
}

/**
 * How long a transaction waits for a lock another holds before it fails, on either engine (SQLite SQLITE_BUSY,
 * PostgreSQL lock_timeout), unless it asks for longer (`lockWaitMs`).
 */
const LOCK_WAIT_MS = 5_000;

/**
 * BEGIN IMMEDIATE, waiting for another process's write lock (another app process, a command, a backup) for up to
 * `waitMs`. SQLite's own busy handler would wait by sleeping on the process's one JavaScript thread, so
 * every request of the process, reads included, would stop until the lock came free; here the tries are spaced by
 * timers (1 ms, doubling up to 50 ms) and the process goes on serving meanwhile.
 */
async function beginImmediate(c: Database.Database, waitMs: number): Promise<void> {
	const started = Date.now();
	for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
		try {
			c.exec('BEGIN IMMEDIATE');
			return;
		} catch (e) {
			if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY') || Date.now() - started >= waitMs) throw e;
			await new Promise((r) => setTimeout(r, wait));
		}
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
 * `isolation: 'read committed'` (PostgreSQL; SQLite runs one transaction at a time whatever is asked): only for a body
 * whose every change is one atomic statement that reads nothing else first (the rate-limit counters).
 *
 * `lockWaitMs`: how long to wait for a lock another transaction or process holds, instead of LOCK_WAIT_MS (5 s): for
 * a write that may queue behind a long one of its own kind (the confirmation of an employer's month).
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
export async function transaction<T>(
	fn: (tx: Db) => Promise<T>,
	opts: { durable?: boolean; isolation?: 'read committed'; lockWaitMs?: number } = {}
): Promise<T> {
	const outer = current.getStore();
	if (outer?.open) return joined(outer, fn);
	const h = handle();
	if (h.engine === 'postgres') return postgresTransaction(h, fn, opts.isolation ?? 'serializable', opts.lockWaitMs);
	const run = async (): Promise<T> => {
		const tx = h.writer;
		const c = tx.$client;
		// the setting cannot change inside a transaction, so it is chosen before BEGIN
		if (opts.durable) c.pragma('synchronous = FULL');
		const state: Open = { tx, open: true, after: [], savepoints: 0 };
		let committed = false;
		try {
			await beginImmediate(c, opts.lockWaitMs ?? LOCK_WAIT_MS);
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
			ended(state, committed);
		}
	};
	const result = queue.then(run, run);
	queue = result.catch(() => undefined);
	return result;
}

/** A transaction() inside another: a savepoint of the outer one. */
async function joined<T>(outer: Open, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (instance?.engine === 'postgres') {
		// drizzle's nested transaction is a savepoint
		const tx = outer.tx as unknown as NodePgDatabase<typeof pgTables>;
		return tx.transaction((sp) => current.run({ ...outer, tx: sp as unknown as Db }, () => fn(sp as unknown as Db)));
	}
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

/** What waited for a transaction runs once it has ended, outside its context: what runs now is not part of it. */
function ended(state: Open, committed: boolean): void {
	for (const f of state.after)
		try {
			current.exit(() => f(committed));
		} catch (err) {
			// what waited for the transaction does not change its outcome
			log.error({ err }, 'A callback after a transaction failed');
		}
}

/**
 * PostgreSQL's codes for a transaction that lost a conflict with another: a serialization failure, a deadlock, and a
 * unique violation, which SERIALIZABLE reports as such when the row that conflicts was written by a transaction that
 * committed meanwhile and was never read by this one (two confirmations of one file, both inserting its month). Run
 * again, the transaction reads what the other committed; a true duplicate fails the same way every time and its error
 * comes through after the last attempt.
 */
const RETRY_CODES = new Set(['40001', '40P01', '23505']);
/**
 * How long a transaction that keeps losing conflicts is run again before its error goes to the caller. Under a burst
 * (a hundred submissions of one kind in the same instant) PostgreSQL's serializable checks, which lock index pages
 * rather than rows, make many transactions lose several times over; each try waits a random while that grows with
 * the tries, so the burst spreads out, and at least one of any conflicting set commits each round.
 */
const RETRY_FOR_MS = 10_000;

/** The code of a lost conflict in the error or its causes (drizzle wraps the driver's error), or null. */
function conflictCode(e: unknown): string | null {
	for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause) {
		const code = String((x as { code?: unknown }).code);
		if (RETRY_CODES.has(code)) return code;
	}
	return null;
}

/**
 * PostgreSQL: SERIALIZABLE, so a transaction runs as if alone, as on SQLite; one that loses a conflict with another is
 * run again (after a short random wait), which is why a transaction's body changes nothing outside the database. Its
 * commit is durable (synchronous_commit stays on). No advisory locks and no SELECT … FOR UPDATE are needed, which keeps
 * to what PostgreSQL-compatible distributed databases accept.
 */
async function postgresTransaction<T>(
	h: PostgresHandle,
	fn: (tx: Db) => Promise<T>,
	isolationLevel: 'serializable' | 'read committed',
	lockWaitMs: number | undefined
): Promise<T> {
	const pgDb = h.db as unknown as NodePgDatabase<typeof pgTables>;
	const started = Date.now();
	for (let attempt = 1, duplicates = 0; ; attempt++) {
		const state: Open = { tx: h.db, open: true, after: [], savepoints: 0 };
		try {
			const result = await pgDb.transaction(
				async (tx) => {
					state.tx = tx as unknown as Db;
					if (lockWaitMs !== undefined) await tx.execute(sql.raw(`SET LOCAL lock_timeout = ${Math.floor(lockWaitMs)}`));
					const r = await current.run(state, () => fn(state.tx));
					state.open = false;
					return r;
				},
				{ isolationLevel }
			);
			ended(state, true);
			return result;
		} catch (e) {
			state.open = false;
			ended(state, false);
			const code = conflictCode(e);
			// a unique violation is given two more tries: one is enough to read what the other committed
			if (code === '23505') duplicates++;
			if (!code || Date.now() - started >= RETRY_FOR_MS || duplicates > 2) throw e;
			await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
		}
	}
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

type Prepared = { execute: (values: Record<string, unknown>) => Promise<unknown> };

/** Prepared statements, per connection (a transaction's connection on PostgreSQL is its own object each time). */
const preparedOn = new WeakMap<object, Map<string, Prepared>>();

/**
 * A read that is built and prepared once per connection, then only run: `build` makes the query on the connection it
 * is given, with `sql.placeholder('…')` where the values go, and the returned function runs it with them. Building a
 * query costs more than running it on SQLite; on PostgreSQL the statement is prepared by `name` on each connection,
 * and parsed and planned there once.
 */
export function preparedRead<T>(
	name: string,
	build: (d: Db) => { prepare: () => { execute: (values: Record<string, unknown>) => Promise<T> } }
): (values: Record<string, unknown>) => Promise<T> {
	return async (values) => (await preparedOnce(db(), name, build).execute(values)) as T;
}

/** The statement `name` prepared on connection `d`, prepared now if it is not yet. */
function preparedOnce(d: Db, name: string, build: (d: Db) => { prepare: () => Prepared }): Prepared {
	let statements = preparedOn.get(d);
	if (!statements) preparedOn.set(d, (statements = new Map()));
	let p = statements.get(name);
	if (!p) {
		const q = build(d);
		// drizzle's PostgreSQL statements take their name here; SQLite's prepare has no name
		p = instance?.engine === 'postgres' ? (q as unknown as { prepare: (name: string) => Prepared }).prepare(name) : q.prepare();
		statements.set(name, p);
	}
	return p;
}

/** One part of a read: a select of plain columns (or aliased expressions), with `sql.placeholder('…')` for its values. */
type ReadPart = PromiseLike<unknown[]> & SQLWrapper & { prepare: () => Prepared };
type PartRows<P extends Record<string, (d: Db) => ReadPart>> = { [K in keyof P]: Awaited<ReturnType<P[K]>> };

/**
 * Several selects read as one: each part's rows, from one snapshot of the database. SQLite runs each part's prepared
 * statement inside one read transaction (nothing is sent anywhere, so separate statements cost nothing more);
 * PostgreSQL sends one prepared statement with each part as a JSON array (`json_agg` of the part's own select, in its
 * order: PostgreSQL aggregates a sorted subquery in its order when the outer query does nothing else; a distributed
 * PostgreSQL-compatible database may not, see docs/OPERATIONS.md), so the whole read is one round trip. Each part is
 * written once, as an ordinary drizzle select. `name` names the read's prepared statements: one name per read.
 */
export function readTogether<P extends Record<string, (d: Db) => ReadPart>>(name: string, parts: P): (values: Record<string, unknown>) => Promise<PartRows<P>> {
	const keys = Object.keys(parts) as (keyof P & string)[];
	const decoders = new Map<string, JsonField[]>();
	const together = preparedRead(name, (d) => {
		const fields: Record<string, SQL> = {};
		for (const k of keys) {
			const part = parts[k]!(d);
			decoders.set(k, jsonFields(`${name}.${k}`, (part as unknown as { getSelectedFields: () => Record<string, unknown> }).getSelectedFields()));
			fields[k] = sql`(select coalesce(json_agg(s), '[]'::json) from (${part}) s)`;
		}
		// PostgreSQL's builder: its prepare takes the name (see preparedRead)
		return (d as unknown as NodePgDatabase).select(fields).from(sql`(values (1)) one`) as unknown as {
			prepare: () => { execute: () => Promise<Record<string, unknown[]>[]> };
		};
	});
	return async (values) => {
		const d = db();
		if (instance?.engine === 'postgres') {
			const [row] = await together(values);
			const out: Record<string, unknown[]> = {};
			for (const k of keys) out[k] = row![k]!.map((r) => decodeJsonRow(r as Record<string, unknown>, decoders.get(k)!));
			return out as PartRows<P>;
		}
		// one snapshot: the parts run back to back in one read transaction (unless one is open, or there is one part).
		// better-sqlite3 runs a statement synchronously, so nothing else in this process runs between BEGIN and COMMIT;
		// the transaction keeps other processes' commits out
		const c = d.$client;
		const own = !c.inTransaction && keys.length > 1;
		const rows: Record<string, unknown> = {};
		if (own) c.exec('BEGIN');
		try {
			// all(), not execute(): drizzle's execute() on better-sqlite3 only runs the statement when it is awaited, which
			// would be after the COMMIT
			for (const k of keys) rows[k] = (preparedOnce(d, `${name}.${k}`, parts[k]!) as unknown as { all: (v: Record<string, unknown>) => unknown[] }).all(values);
		} finally {
			if (own) c.exec('COMMIT');
		}
		return rows as PartRows<P>;
	};
}

/** A field of a part, as its JSON rows carry it: the field's key, its output name in the JSON, its column's decoding. */
type JsonField = { key: string; name: string; column: Column | null };

/** How a part's JSON rows map back to its fields. */
function jsonFields(part: string, selected: Record<string, unknown>): JsonField[] {
	const out = Object.entries(selected).map(([key, f]) => {
		if (is(f, Column)) return { key, name: f.name, column: f };
		if (is(f, SQL.Aliased)) return { key, name: f.fieldAlias, column: null };
		throw new Error(`${part}: the field ${key} is neither a column nor an aliased expression`);
	});
	const names = out.map((f) => f.name);
	const twice = names.find((n, i) => names.indexOf(n) !== i);
	if (twice) throw new Error(`${part}: two fields are named ${twice} in the database; alias one of them`);
	return out;
}

function decodeJsonRow(r: Record<string, unknown>, fields: readonly JsonField[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const f of fields) {
		const v = r[f.name];
		out[f.key] = v === null || v === undefined ? null : f.column ? f.column.mapFromDriverValue(v) : v;
	}
	return out;
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
	if (engine() === 'postgres') return ((await (db() as unknown as NodePgDatabase).execute(query)).rows ?? []) as T[];
	return db().all<T>(query);
}

/** Run a raw SQL statement that returns no rows (an INSERT … SELECT). */
export async function exec(query: SQL): Promise<void> {
	if (engine() === 'postgres') await (db() as unknown as NodePgDatabase).execute(query);
	else await db().run(query);
}

/** The text at `key` of a JSON column (SQLite json_extract, PostgreSQL ->>). */
export function jsonText(column: SQLWrapper, key: string): SQL {
	// json, not jsonb: it takes any text JSON allows (jsonb refuses a \u0000 escape)
	return engine() === 'postgres' ? sql`(${column}::json ->> ${key})` : sql`json_extract(${column}, ${'$.' + key})`;
}
