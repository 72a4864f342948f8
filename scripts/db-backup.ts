/**
 * npm run db:backup [-- <file>] — a consistent copy of DATABASE_PATH, safe while the server runs (SQLite's online backup
 * API), checked with PRAGMA integrity_check. Default file: backups/prakan-YYYYMMDD-HHMMSS.db (UTC). See docs/OPERATIONS.md.
 */
import path from 'node:path';
import { config } from '../src/server/config';
import { backupDatabase, formatReport, timestamp } from '../src/server/db/backup';
import { exitOnStartupError } from '../src/server/db/startup';

let db = '';
try {
	// PostgreSQL has its own tools, which copy a live database consistently (docs/OPERATIONS.md, "PostgreSQL")
	if (config().DATABASE_URL) {
		console.error(
			'DATABASE_URL is set: this command back ups the embedded SQLite database only. For PostgreSQL use pg_dump and pg_restore (docs/OPERATIONS.md).'
		);
		process.exit(1);
	}
	db = config().DATABASE_PATH;
} catch (e) {
	exitOnStartupError(e);
}
const dest = process.argv[2] ?? path.join('backups', `prakan-${timestamp()}.db`);
try {
	const report = await backupDatabase(db, dest);
	console.log(`Backed up ${db} to:\n${formatReport(report)}`);
} catch (e) {
	console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
