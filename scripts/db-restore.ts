/**
 * npm run db:restore -- <backup file> [--force] — replace the database with a backup: refuses while a server answers on
 * PORT (stop it first; --force skips the check), checks the backup, keeps the current database, then applies the
 * migrations. SQLite: DATABASE_PATH, the current file kept as <db>.before-restore-<timestamp>. PostgreSQL
 * (DATABASE_URL): a pg_dump archive (npm run db:backup), also refused while other clients are connected to the
 * database (app servers on other machines), the current database kept as backups/<database>-before-restore-<timestamp>.dump,
 * every table replaced in one transaction. See docs/OPERATIONS.md.
 */
import { config } from '../src/server/config';
import { formatReport, restoreDatabase } from '../src/server/db/backup';
import { formatPostgres, otherClients, restorePostgres } from '../src/server/db/backup-postgres';
import { exitOnStartupError } from '../src/server/db/startup';
import { redactUrl } from '../src/server/db';

const args = process.argv.slice(2);
const force = args.includes('--force');
const backup = args.find((a) => !a.startsWith('--'));
if (!backup) {
	console.error('Usage: npm run db:restore -- <backup file> [--force]');
	process.exit(1);
}
let db = '';
let url: string | undefined;
try {
	url = config().DATABASE_URL;
	db = config().DATABASE_PATH;
} catch (e) {
	exitOnStartupError(e);
}

const port = process.env.PORT ?? '3000';
if (!force) {
	// the running server keeps the old database open: restoring under it would lose writes and confuse both
	const answering = await fetch(`http://localhost:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
		() => true,
		() => false
	);
	if (answering) {
		console.error(`A server is answering on port ${port} (http://localhost:${port}/healthz). Stop it before restoring, or pass --force.`);
		process.exit(1);
	}
	const others = url ? await otherClients(url).catch(() => []) : [];
	if (others.length) {
		const who = others.map((c) => `${c.application || 'a client'}${c.address ? ` from ${c.address}` : ''}`).join(', ');
		console.error(`${others.length} other connection(s) to the database (${who}). Stop every app server and session on it before restoring, or pass --force.`);
		process.exit(1);
	}
}
try {
	if (url) {
		const r = await restorePostgres(backup, url, 'backups');
		console.log(`Restored ${backup} to ${redactUrl(url)}${r.migrationsApplied ? ` (${r.migrationsApplied} migrations applied)` : ''}.`);
		console.log(r.aside ? `The previous database is kept as ${r.aside}` : 'There was no database before.');
		console.log(formatPostgres(r));
	} else {
		const r = restoreDatabase(backup, db);
		console.log(`Restored ${backup} to ${db}${r.migrationsApplied ? ` (${r.migrationsApplied} migrations applied)` : ''}.`);
		console.log(r.aside ? `The previous database is kept as ${r.aside}` : 'There was no database before.');
		console.log(formatReport(r));
	}
} catch (e) {
	console.error(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
