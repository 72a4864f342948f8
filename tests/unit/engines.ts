/**
 * Service tests on both engines. A test file asks `await testEngines('what it tests')` at its top level and runs its
 * tests once per engine it gets (`describe.each`): SQLite always; PostgreSQL where it is installed, in a throw-away
 * cluster of the file's own, stopped when the file is done (skipped with the reason otherwise, and never skipped
 * under CI: REQUIRE_POSTGRES). Each test starts from `await freshDatabase(engine)`: SQLite's is a new in-memory
 * database; PostgreSQL's is the file's one migrated database with every table emptied. Both get the default
 * configuration with `env` over it, the clock at real time and the SMS outbox.
 *
 * What a test writes or reads beside the services goes through the returned TestDb: SQL with `?` for each value on
 * both engines; writes in a transaction (on SQLite nothing may write outside one).
 */
import { afterAll } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { exec, rows, setDbForTests, transaction, usePostgresForTests, type Db, type Engine } from '../../src/server/db';
import { codeIn, freshDb, INSERT_PERSON, LAST_TEXT, personValues, resetTestEnvironment } from './fresh-db';
import { seedPostgres, seedRegistry, wipePostgres, type SeedOptions, type SeedSummary } from '../../src/server/registry/seed';
import { createDatabase, postgresForTests, type Postgres } from '../support/postgres';

export interface TestDb {
	engine: Engine;
	all<T>(text: string, ...args: unknown[]): Promise<T[]>;
	get<T>(text: string, ...args: unknown[]): Promise<T | undefined>;
	/** a count(*) (or any one number) the query returns first: PostgreSQL gives a bigint as text */
	count(text: string, ...args: unknown[]): Promise<number>;
	run(text: string, ...args: unknown[]): Promise<void>;
	/** a write that returns rows (INSERT … RETURNING), in a transaction */
	returning<T>(text: string, ...args: unknown[]): Promise<T[]>;
}

let cluster: Postgres | null = null;
let url: string | null = null;
let closePostgres: (() => Promise<void>) | null = null;

/** The engines this file's tests run on; PostgreSQL's cluster is started here and stopped after the file. */
export async function testEngines(what: string): Promise<Engine[]> {
	const { pg, skipped } = await postgresForTests(what);
	if (skipped || !pg) return ['sqlite'];
	cluster = pg;
	afterAll(async () => {
		await closePostgres?.();
		closePostgres = null;
		cluster?.stop();
		cluster = null;
	});
	return ['sqlite', 'postgres'];
}

/** The file's PostgreSQL cluster stops now, as a lost primary would: the app's connections fail and no new one is accepted. */
export function losePostgres(): void {
	cluster?.stop();
	cluster = null;
}

/** SQL text with `?` for each value, bound as drizzle parameters (which each engine's driver numbers its own way). */
function bind(text: string, args: readonly unknown[]): SQL {
	const parts = text.split('?');
	if (parts.length - 1 !== args.length) throw new Error(`${parts.length - 1} placeholders for ${args.length} values: ${text}`);
	return sql.join(parts.map((p, i) => (i === 0 ? sql.raw(p) : sql`${args[i - 1]}${sql.raw(p)}`)));
}

const testDb = (engine: Engine): TestDb => ({
	engine,
	all: async <T>(text: string, ...args: unknown[]) => rows<T>(bind(text, args)),
	get: async <T>(text: string, ...args: unknown[]) => (await rows<T>(bind(text, args)))[0],
	count: async (text: string, ...args: unknown[]) => {
		const [row] = await rows<Record<string, unknown>>(bind(text, args));
		return Number(Object.values(row ?? {})[0]);
	},
	run: async (text: string, ...args: unknown[]) => transaction(() => exec(bind(text, args))),
	returning: async <T>(text: string, ...args: unknown[]) => transaction(() => rows<T>(bind(text, args)))
});

/** A database with the real migrations and nothing in it, on `engine`, used by the services from now on. */
export async function freshDatabase(engine: Engine, env: Record<string, string> = {}): Promise<TestDb & { sqlite?: Db }> {
	if (engine === 'sqlite') {
		await closePostgres?.();
		closePostgres = null;
		return { ...testDb('sqlite'), sqlite: freshDb(env) };
	}
	if (!cluster) throw new Error('freshDatabase(postgres): call testEngines() at the top of the test file first');
	resetTestEnvironment(env);
	if (!closePostgres) {
		setDbForTests(undefined);
		url ??= await createDatabase(cluster, 'unit');
		closePostgres = await usePostgresForTests(url);
	}
	await wipePostgres();
	return testDb('postgres');
}

/** A registry person (fresh-db's addPerson on either engine). */
export async function addPersonTo(t: TestDb, nationalId: string, birthDate?: string, first?: string, last?: string): Promise<void> {
	await t.run(INSERT_PERSON, ...personValues(nationalId, birthDate, first, last));
}

/** A citizen's account `id` for a registry person, with a phone and no usable password (the services' tests). */
export async function addAccountTo(t: TestDb, id: string, nationalId: string, phone: string): Promise<void> {
	await t.run(
		"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES (?,?,?,'x',0,'v',0,0,0)",
		id,
		nationalId,
		phone
	);
}

/** The newest code texted to a phone (fresh-db's lastCode on either engine). */
export async function codeSentTo(t: TestDb, phone: string): Promise<string> {
	return codeIn(await t.get<{ body: string }>(LAST_TEXT, phone), phone);
}

/** The demo registry (seed.ts's generator) in the test's database, on either engine. */
export async function seedTestRegistry(t: TestDb & { sqlite?: Db }, opts: SeedOptions): Promise<SeedSummary> {
	return t.sqlite ? seedRegistry(t.sqlite, opts) : await seedPostgres(opts);
}
