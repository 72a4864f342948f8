/**
 * Backups and restores of the PostgreSQL database through the same commands as SQLite's (npm run db:backup /
 * db:restore, docs/OPERATIONS.md), with PostgreSQL's own tools from its client package: pg_dump, pg_restore and psql.
 *
 * A backup is pg_dump's custom-format archive: one consistent snapshot taken while the app keeps serving. It is
 * written under a temporary name, listed by pg_restore (a damaged or partial archive fails there) and checked to be a
 * Prakan database, and only then given its final name.
 *
 * A restore checks the archive the same way and that this version knows all of its migrations, refuses while other
 * clients (app servers on any machine) are connected to the database, keeps the current database as an archive of its
 * own, and then replaces every table in one transaction (psql --single-transaction): the old tables are dropped, so
 * a backup older than the database comes back exactly, and anything that fails leaves the database as it was. Then the
 * migrations bring it to this version's schema.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migratePostgres, PG_MIGRATIONS_DIR } from './index';
import { timestamp } from './backup';

export type PostgresArchiveReport = { path: string; bytes: number; tables: string[]; migrations: number };
export type PostgresDatabaseReport = { database: string; tables: Record<string, number>; migrations: number };

/** A PostgreSQL client program: the newest installed version's (Debian's packages), else the one on PATH. */
export function postgresTool(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const v of versions) {
		const p = path.join(root, v, 'bin', name);
		if (fs.existsSync(p)) return p;
	}
	return name;
}

/**
 * The connection for the client programs: the URL without its password, which goes in PGPASSWORD instead (a command
 * line is visible to every user of the machine).
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const u = new URL(url);
	const password = decodeURIComponent(u.password);
	u.password = '';
	return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Run a client program; its stdout (as text unless `out` takes it), or an error with the first lines it wrote to stderr. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv, opts: { input?: NodeJS.ReadableStream; prelude?: string } = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(tool, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (c: Buffer) => out.push(c));
		child.stderr.on('data', (c: Buffer) => err.push(c));
		child.on('error', (e) =>
			reject(new Error(`${path.basename(tool)} could not be started (${e.message}): install PostgreSQL's client programs (Debian: postgresql-client)`))
		);
		child.on('close', (code) => {
			if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
			else
				reject(new Error(`${path.basename(tool)} failed: ${Buffer.concat(err).toString('utf8').trim().split('\n').slice(0, 3).join(' ') || `exit ${code}`}`));
		});
		if (opts.prelude !== undefined) child.stdin.write(opts.prelude);
		if (opts.input) opts.input.pipe(child.stdin);
		else child.stdin.end();
	});
}

/**
 * What an archive holds, from pg_restore's list and its copy of drizzle's migrations table; throws when it cannot be
 * read or is not a Prakan database.
 */
export async function inspectArchive(file: string): Promise<PostgresArchiveReport> {
	if (!fs.existsSync(file)) throw new Error(`There is no backup at ${file}`);
	let list: string;
	try {
		list = await run(postgresTool('pg_restore'), ['--list', file], process.env);
	} catch (e) {
		throw new Error(`${file} is not a readable PostgreSQL backup (${(e as Error).message})`);
	}
	// a line of the list: "<id>; <oid> <oid> TABLE DATA <schema> <name> <owner>"
	const data = [...list.matchAll(/^\d+; \d+ \d+ TABLE DATA (\S+) (\S+) /gm)].map((m) => ({ schema: m[1]!, name: m[2]! }));
	if (!data.some((t) => t.schema === 'drizzle' && t.name === '__drizzle_migrations'))
		throw new Error(`${file} is not a Prakan database (no drizzle.__drizzle_migrations table)`);
	const rows = await run(postgresTool('pg_restore'), ['--data-only', '--schema=drizzle', '--table=__drizzle_migrations', '--file=-', file], process.env);
	const copy = rows.match(/^COPY [^\n]*FROM stdin;\n([\s\S]*?)^\\\.$/m);
	const migrations = copy ? copy[1]!.split('\n').filter(Boolean).length : 0;
	const tables = data
		.filter((t) => t.schema === 'public')
		.map((t) => t.name)
		.sort();
	return { path: file, bytes: fs.statSync(file).size, tables, migrations };
}

/** A consistent archive of the database at `url` (which may be in use) at `destPath`; refuses to overwrite a file. */
export async function backupPostgres(url: string, destPath: string): Promise<PostgresArchiveReport> {
	if (fs.existsSync(destPath)) throw new Error(`${destPath} already exists`);
	fs.mkdirSync(path.dirname(path.resolve(destPath)), { recursive: true });
	const partial = `${destPath}.partial`;
	fs.rmSync(partial, { force: true });
	const { dbname, env } = connection(url);
	try {
		await run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${dbname}`], env);
		await inspectArchive(partial);
	} catch (e) {
		fs.rmSync(partial, { force: true });
		throw e;
	}
	fs.renameSync(partial, destPath);
	return { ...(await inspectArchive(destPath)), path: destPath };
}

/** Row counts of every table of the database (the migrations table apart) and the migrations applied. */
export async function inspectPostgres(url: string): Promise<PostgresDatabaseReport> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const names = (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map(
			(r) => r.name
		);
		const tables: Record<string, number> = {};
		for (const n of names) tables[n] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${n}"`)).rows[0]!.n);
		const m = await client.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations').catch(() => ({ rows: [{ n: '0' }] }));
		return { database: new URL(url).pathname.slice(1), tables, migrations: Number(m.rows[0]!.n) };
	} finally {
		await client.end();
	}
}

/** The other clients connected to the database now (app servers on any machine, a psql session): they must be stopped first. */
export async function otherClients(url: string): Promise<{ application: string; address: string | null }[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const r = await client.query<{ application: string; address: string | null }>(
			`SELECT application_name AS application, host(client_addr) AS address FROM pg_stat_activity
			 WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`
		);
		return r.rows;
	} finally {
		await client.end();
	}
}

export type PostgresRestoreReport = PostgresDatabaseReport & { aside: string | null; migrationsApplied: number };

/**
 * The app's tables dropped (public's, and drizzle's schema with its migrations table): what runs, in the restore's one
 * transaction, before the archive's tables are made again.
 */
const DROP_ALL = `DO $$ DECLARE t record; BEGIN
	FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
		EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', t.tablename);
	END LOOP;
END $$;
DROP SCHEMA IF EXISTS drizzle CASCADE;
`;

/**
 * Replace the database at `url` with an archive. No other client may be connected (the script checks, and names
 * them). The current database, when it holds one of ours, is kept first as an archive in `asideDir`.
 */
export async function restorePostgres(backupPath: string, url: string, asideDir: string, migrationsDir = PG_MIGRATIONS_DIR): Promise<PostgresRestoreReport> {
	const incoming = await inspectArchive(backupPath);
	const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
	if (incoming.migrations > journal.entries.length)
		throw new Error(
			`${backupPath} has ${incoming.migrations} migrations applied, this version knows ${journal.entries.length}: restore it with the newer version`
		);
	const current = await inspectPostgres(url);
	let aside: string | null = null;
	if (current.migrations > 0) {
		aside = path.join(asideDir, `${current.database}-before-restore-${timestamp()}.dump`);
		await backupPostgres(url, aside);
	}
	const { dbname, env } = connection(url);
	// pg_restore turns the archive into SQL for psql, which runs the drops and all of it in one transaction and stops at
	// the first error (so nothing is half restored)
	const restore = spawn(postgresTool('pg_restore'), ['--no-owner', '--no-privileges', '--file=-', backupPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const restoreFailed = new Promise<string | null>((resolve) => {
		const err: Buffer[] = [];
		restore.stderr.on('data', (c: Buffer) => err.push(c));
		restore.on('close', (code) => resolve(code === 0 ? null : Buffer.concat(err).toString('utf8').trim() || `exit ${code}`));
	});
	await run(postgresTool('psql'), ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`], env, {
		prelude: DROP_ALL,
		input: restore.stdout
	});
	const failed = await restoreFailed;
	if (failed) throw new Error(`pg_restore failed: ${failed}`);
	const pool = new pg.Pool({ connectionString: url, max: 1 });
	try {
		await migratePostgres(url, drizzle(pool), migrationsDir);
	} finally {
		await pool.end();
	}
	const after = await inspectPostgres(url);
	return { ...after, aside, migrationsApplied: after.migrations - incoming.migrations };
}

/** For the scripts: an archive's size, tables and migrations. */
export function formatArchive(r: PostgresArchiveReport): string {
	return `  ${r.path}  ${(r.bytes / 1024 / 1024).toFixed(1)} MB, ${r.tables.length} tables, ${r.migrations} migrations`;
}

/** For the scripts: the database's tables with their row counts. */
export function formatPostgres(r: PostgresDatabaseReport): string {
	const width = Math.max(...Object.keys(r.tables).map((t) => t.length));
	return [
		`  ${r.database}  ${r.migrations} migrations`,
		...Object.entries(r.tables).map(([table, n]) => `    ${table.padEnd(width)}  ${n.toLocaleString('en')}`)
	].join('\n');
}
