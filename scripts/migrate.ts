/** npm run db:migrate — apply the migrations to the database (DATABASE_URL, else DATABASE_PATH); a failure is one line and exit status 1. */
import { config } from '../src/server/config';
import { closeDatabase, prepareDatabase, redactUrl } from '../src/server/db';
import { exitOnStartupError } from '../src/server/db/startup';

try {
	config();
	await prepareDatabase({ migrate: true });
	const url = config().DATABASE_URL;
	console.log(`Migrated ${url ? redactUrl(url) : config().DATABASE_PATH}`);
	await closeDatabase();
} catch (e) {
	exitOnStartupError(e);
}
