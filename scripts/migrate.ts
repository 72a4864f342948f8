/** npm run db:migrate — apply drizzle/ migrations to DATABASE_PATH (a failure is one line and exit status 1). */
import { config } from '../src/server/config';
import { openAndMigrate, type Db } from '../src/server/db';
import { exitOnStartupError } from '../src/server/db/startup';

let db: Db;
try {
	db = openAndMigrate(config().DATABASE_PATH);
} catch (e) {
	exitOnStartupError(e);
}
console.log(`Migrated ${config().DATABASE_PATH}`);
db.$client.close();
