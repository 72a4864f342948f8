import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL migrations (drizzle-pg/), generated from schema.pg.ts: `npx drizzle-kit generate --config drizzle.pg.config.ts`. */
export default defineConfig({
	schema: './src/server/db/schema.pg.ts',
	out: './drizzle-pg',
	dialect: 'postgresql',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/prakan' }
});
