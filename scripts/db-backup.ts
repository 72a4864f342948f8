/**
 * npm run db:backup [-- <file>] — a consistent copy of the database, safe while the server runs. SQLite: DATABASE_PATH
 * through SQLite's online backup API, checked with PRAGMA integrity_check; default file backups/prakan-YYYYMMDD-HHMMSS.db
 * (UTC). PostgreSQL (DATABASE_URL): pg_dump's custom-format archive, checked by listing it; default file
 * backups/prakan-YYYYMMDD-HHMMSS.dump. See docs/OPERATIONS.md.
 */
import path from 'node:path';
import { config } from '../src/server/config';
import { backupDatabase, formatReport, timestamp } from '../src/server/db/backup';
import { backupPostgres, formatArchive } from '../src/server/db/backup-postgres';
import { exitOnStartupError } from '../src/server/db/startup';
import { redactUrl } from '../src/server/db';

let db = '';
let url: string | undefined;
try {
	url = config().DATABASE_URL;
	db = config().DATABASE_PATH;
} catch (e) {
	exitOnStartupError(e);
}
const dest = process.argv[2] ?? path.join('backups', `prakan-${timestamp()}.${url ? 'dump' : 'db'}`);
try {
	if (url) console.log(`Backed up ${redactUrl(url)} to:\n${formatArchive(await backupPostgres(url, dest))}`);
	else console.log(`Backed up ${db} to:\n${formatReport(await backupDatabase(db, dest))}`);
} catch (e) {
	console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
