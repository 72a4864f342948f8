/** npm run db:migrate — apply drizzle/ migrations to DATABASE_PATH. */
import { config } from '../src/server/config';
import { openDb, migrateDb } from '../src/server/db';

const db = openDb(config().DATABASE_PATH);
migrateDb(db);
console.log(`Migrated ${config().DATABASE_PATH}`);
db.$client.close();
