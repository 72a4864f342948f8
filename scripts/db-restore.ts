/**
 * npm run db:restore -- <backup file> [--force] — replace DATABASE_PATH with a backup: refuses while a server answers on
 * PORT (stop it first; --force skips the check), checks the backup, keeps the current database as
 * <db>.before-restore-<timestamp>, then applies the migrations. See docs/OPERATIONS.md.
 */
import { config } from '../src/server/config';
import { formatReport, restoreDatabase } from '../src/server/db/backup';
import { exitOnStartupError } from '../src/server/db/startup';

const args = process.argv.slice(2);
const force = args.includes('--force');
const backup = args.find((a) => !a.startsWith('--'));
if (!backup) {
	console.error('Usage: npm run db:restore -- <backup file> [--force]');
	process.exit(1);
}
let db = '';
try {
	// PostgreSQL has its own tools, which copy a live database consistently (docs/OPERATIONS.md, "PostgreSQL")
	if (config().DATABASE_URL) {
		console.error(
			'DATABASE_URL is set: this command restores the embedded SQLite database only. For PostgreSQL use pg_dump and pg_restore (docs/OPERATIONS.md).'
		);
		process.exit(1);
	}
	db = config().DATABASE_PATH;
} catch (e) {
	exitOnStartupError(e);
}

const port = process.env.PORT ?? '3000';
if (!force) {
	// the running server keeps the old file open: restoring under it would lose writes and confuse both
	const answering = await fetch(`http://localhost:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
		() => true,
		() => false
	);
	if (answering) {
		console.error(`A server is answering on port ${port} (http://localhost:${port}/healthz). Stop it before restoring, or pass --force.`);
		process.exit(1);
	}
}
try {
	const r = restoreDatabase(backup, db);
	console.log(`Restored ${backup} to ${db}${r.migrationsApplied ? ` (${r.migrationsApplied} migrations applied)` : ''}.`);
	console.log(r.aside ? `The previous database is kept as ${r.aside}` : 'There was no database before.');
	console.log(formatReport(r));
} catch (e) {
	console.error(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
