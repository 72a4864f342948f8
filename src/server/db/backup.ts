/**
 * Backups and restores of the SQLite database (npm run db:backup / db:restore, docs/OPERATIONS.md).
 *
 * A backup uses SQLite's online backup API (better-sqlite3's db.backup): it copies a consistent snapshot while the server
 * keeps reading and writing (WAL). The copy is switched to a plain single-file journal, checked with
 * `PRAGMA integrity_check`, and only then given its final name, so a file under that name is always a complete backup.
 * A restore checks the backup the same way, moves the current database (with its -wal and -shm) aside, puts the backup
 * in place and applies the migrations, so an older backup comes up to the current schema.
 */
import Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR, openDb } from './index';

export type DatabaseReport = { path: string; bytes: number; tables: Record<string, number>; migrations: number };

/** YYYYMMDD-HHMMSS in UTC, for file names. */
export function timestamp(d = new Date()): string {
	return d
		.toISOString()
		.replace(/\.\d+Z$/, '')
		.replace(/[-:]/g, '')
		.replace('T', '-');
}

/** Row counts of every table (the migrations table apart), after `PRAGMA integrity_check`; throws when the check fails. */
export function inspectDatabase(file: string): DatabaseReport {
	const d = new Database(file, { fileMustExist: true });
	try {
		const problems = (d.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
		if (problems.length !== 1 || problems[0] !== 'ok') throw new Error(`${file} fails the integrity check: ${problems.slice(0, 3).join('; ')}`);
		const names = (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
			(r) => r.name
		);
		if (!names.includes('__drizzle_migrations')) throw new Error(`${file} is not a Prakan database (no __drizzle_migrations table)`);
		const count = (t: string) => (d.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
		const tables = Object.fromEntries(names.filter((n) => n !== '__drizzle_migrations').map((n) => [n, count(n)]));
		return { path: file, bytes: fs.statSync(file).size, tables, migrations: count('__drizzle_migrations') };
	} finally {
		d.close();
	}
}

/** For the scripts: the file, its size and each table's row count. */
export function formatReport(r: DatabaseReport): string {
	const width = Math.max(...Object.keys(r.tables).map((t) => t.length));
	return [
		`  ${r.path}  ${(r.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok, ${r.migrations} migrations`,
		...Object.entries(r.tables).map(([table, n]) => `    ${table.padEnd(width)}  ${n.toLocaleString('en')}`)
	].join('\n');
}

/** A consistent copy of the database at srcPath (which may be in use) at destPath; refuses to overwrite a file. */
export async function backupDatabase(srcPath: string, destPath: string): Promise<DatabaseReport> {
	if (!fs.existsSync(srcPath)) throw new Error(`There is no database at ${srcPath}`);
	if (path.resolve(srcPath) === path.resolve(destPath)) throw new Error('The backup cannot replace the database itself');
	if (fs.existsSync(destPath)) throw new Error(`${destPath} already exists`);
	fs.mkdirSync(path.dirname(path.resolve(destPath)), { recursive: true });
	const partial = `${destPath}.partial`;
	fs.rmSync(partial, { force: true });
	const src = new Database(srcPath, { fileMustExist: true });
	try {
		src.pragma('busy_timeout = 5000');
		// after the first step, copy everything in one step: a write by another connection between steps restarts the
		// backup, so steps smaller than the whole file (even "what remained" before a restart) might never finish under a
		// steady stream of writes; one step cannot be interrupted (the source is only read meanwhile)
		await src.backup(partial, { progress: () => 0x7fffffff });
	} catch (e) {
		fs.rmSync(partial, { force: true });
		throw e;
	} finally {
		src.close();
	}
	try {
		const copy = new Database(partial);
		copy.pragma('journal_mode = DELETE'); // one self-contained file
		copy.close();
		inspectDatabase(partial);
	} catch (e) {
		fs.rmSync(partial, { force: true });
		throw e;
	}
	fs.renameSync(partial, destPath);
	return inspectDatabase(destPath);
}

export type RestoreReport = DatabaseReport & { aside: string | null; migrationsApplied: number };

/**
 * Replace the database at dbPath with a backup. The server must be stopped (the scripts check). The current database
 * is kept as `<db>.before-restore-<timestamp>` (with its -wal and -shm, so nothing committed is lost).
 */
export function restoreDatabase(backupPath: string, dbPath: string, migrationsDir = MIGRATIONS_DIR): RestoreReport {
	if (!fs.existsSync(backupPath)) throw new Error(`There is no backup at ${backupPath}`);
	if (path.resolve(backupPath) === path.resolve(dbPath)) throw new Error('The backup is the database itself');
	const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
	// check a copy beside the database: the bytes checked are the bytes put in place, and the backup is never touched
	const incoming = `${dbPath}.restoring`;
	fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
	fs.copyFileSync(backupPath, incoming);
	let before: DatabaseReport;
	try {
		before = inspectDatabase(incoming);
		if (before.migrations > journal.entries.length)
			throw new Error(
				`${backupPath} has ${before.migrations} migrations applied, this version knows ${journal.entries.length}: restore it with the newer version`
			);
	} catch (e) {
		fs.rmSync(incoming, { force: true });
		throw e;
	}
	let aside: string | null = null;
	if (fs.existsSync(dbPath)) {
		aside = `${dbPath}.before-restore-${timestamp()}`;
		for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, aside + suffix);
	}
	for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
	fs.renameSync(incoming, dbPath);
	const d = openDb(dbPath);
	try {
		migrate(d as unknown as Parameters<typeof migrate>[0], { migrationsFolder: migrationsDir });
	} finally {
		d.$client.close();
	}
	const after = inspectDatabase(dbPath);
	return { ...after, aside, migrationsApplied: after.migrations - before.migrations };
}
