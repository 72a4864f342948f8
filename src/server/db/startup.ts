/**
 * Start-up failures of the database, as one line an operator can act on instead of a stack trace:
 * `Cannot open the database at data/x.db: the directory is not writable (EACCES). Set DATABASE_PATH to a writable file.`
 * `Database migrations failed: near "TABL": syntax error (in 0002_x.sql)`.
 * openAndMigrate (./index.ts) throws StartupError; scripts and the server's init hook print its message and exit 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

export class StartupError extends Error {
	override name = 'StartupError';
}

const code = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';

function cannotOpen(file: string, why: string): StartupError {
	return new StartupError(`Cannot open the database at ${file}: ${why}. Set DATABASE_PATH to a writable file.`);
}

/** Throws StartupError when the database file could not be created or written (SQLite's WAL also writes beside it). */
export function checkDatabasePath(file: string): void {
	if (file === ':memory:') return;
	const dir = path.dirname(path.resolve(file));
	try {
		fs.mkdirSync(dir, { recursive: true });
	} catch (e) {
		const c = code(e);
		throw cannotOpen(
			file,
			c === 'ENOTDIR' || c === 'EEXIST' ? `a part of its directory is a file, not a directory (${c})` : `its directory cannot be created (${c})`
		);
	}
	try {
		fs.accessSync(dir, fs.constants.W_OK);
	} catch (e) {
		throw cannotOpen(file, `the directory is not writable (${code(e)})`);
	}
	let stat: fs.Stats | undefined;
	try {
		stat = fs.statSync(file);
	} catch {
		return; // created on open
	}
	if (stat.isDirectory()) throw cannotOpen(file, 'it is a directory');
	try {
		fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
	} catch (e) {
		throw cannotOpen(file, `the file is not writable (${code(e)})`);
	}
}

/** The database could be created but SQLite refused it (not a database, locked, read-only file system…). */
export function openFailure(file: string, e: unknown): StartupError {
	const message = e instanceof Error ? firstLine(e.message) : String(e);
	const c = (e as { code?: string } | undefined)?.code;
	return cannotOpen(file, c ? `${message} (${c})` : message);
}

/** One line for a failed migration: SQLite's reason and, when it can be found, the migration file. */
export function migrationFailure(e: unknown, migrationsDir: string): StartupError {
	const err = e instanceof Error ? e : new Error(String(e));
	const reason = err.cause instanceof Error ? err.cause.message : err.message;
	// drizzle's message quotes the statement that failed: name the file that holds it
	const statement = /the query '([\s\S]*)'$/.exec(err.message)?.[1]?.trim();
	let where = '';
	if (statement) {
		try {
			const file = fs.readdirSync(migrationsDir).find((f) => f.endsWith('.sql') && fs.readFileSync(path.join(migrationsDir, f), 'utf8').includes(statement));
			if (file) where = ` (in ${file})`;
		} catch {
			// the reason alone is still useful
		}
	}
	return new StartupError(`Database migrations failed: ${firstLine(reason)}${where}`);
}

function firstLine(s: string): string {
	return s.trim().split('\n')[0]!.trim();
}

/** For the entry points: print a StartupError's (or ConfigError's) single line and exit 1; anything else is rethrown. */
export function exitOnStartupError(e: unknown): never {
	if (e instanceof StartupError || e instanceof ConfigError) {
		// stderr, not the logger: this must reach the operator even with LOG_LEVEL=silent or a bad LOG_LEVEL
		process.stderr.write(e.message + '\n');
		process.exit(1);
	}
	throw e;
}
