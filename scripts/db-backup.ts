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
