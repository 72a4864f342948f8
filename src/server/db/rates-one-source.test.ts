/**
 * The contribution rates have one source, the dated rows of src/lib/rules/rates.ts (sso-rules.md: every rule lives in
 * src/lib/rules). Migration 0008 drops the rate_periods copy that the seed used to write and nothing read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR, migrateDb, openDb } from './index';
import * as schema from './schema';
import { seedRegistry } from '../registry/seed';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-rates-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);

describe('one source of contribution rates', () => {
	it('a migrated and seeded database has no rate table; the schema declares none', () => {
		const db = openDb(':memory:');
		migrateDb(db);
		seedRegistry(db, { persons: 20, today: '2026-11-25', seed: 1 });
		expect(tables(db.$client)).not.toContain('rate_periods');
		expect(tables(db.$client)).toContain('contributions');
		expect(Object.keys(schema)).not.toContain('ratePeriods');
	});

	it('migration 0008 drops the table from a database that had it, and keeps the registry', () => {
		// a database as the version before left it: migrations 0000–0007, with seeded rate rows and a person
		const oldDir = path.join(tmp, 'old-migrations');
		fs.mkdirSync(path.join(oldDir, 'meta'), { recursive: true });
		const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
		const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === '0008_drop_rate_periods');
		expect(upTo).toBe(8);
		journal.entries = journal.entries.slice(0, upTo);
		fs.writeFileSync(path.join(oldDir, 'meta', '_journal.json'), JSON.stringify(journal));
		for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(oldDir, `${e.tag}.sql`));
		const file = path.join(tmp, 'old.db');
		const old = new Database(file);
		migrate(drizzle(old), { migrationsFolder: oldDir });
		old.prepare("INSERT INTO rate_periods (section, from_period, flat_insured_satang) VALUES (39, '2023-01', 43200)").run();
		old
			.prepare(
				"INSERT INTO persons (national_id,title_th,first_name_th,last_name_th,title_en,first_name_en,last_name_en,birth_date,gender) VALUES ('1103700123458','นาย','ก','ข','Mr.','A','B','1985-03-27','M')"
			)
			.run();
		old.close();

		const db = openDb(file);
		migrateDb(db);
		expect(tables(db.$client)).not.toContain('rate_periods');
		expect(db.$client.prepare('SELECT count(*) n FROM persons').get()).toEqual({ n: 1 });
		db.$client.close();
	});
});
