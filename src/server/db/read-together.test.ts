/**
 * A read of several parts on SQLite comes from one snapshot: every part's statement runs on the read-only connection
 * inside one read transaction, so another process's commit cannot fall between two parts of a page.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openAndMigrate, setDbForTests } from '.';
import { DEMO_PEOPLE, seedRegistry } from '../registry/seed';
import { loadRecords } from '../registry/records';

type Statement = { all: (...a: unknown[]) => unknown[]; database: Database.Database };

describe('a read of several parts on SQLite', () => {
	it('runs every part on the reader inside one read transaction: BEGIN, the eight selects, COMMIT', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-read-'));
		const d = openAndMigrate(path.join(dir, 'records.db'));
		seedRegistry(d, { persons: 20, today: '2026-11-25', seed: 3 });
		setDbForTests(d);
		// what each connection is asked to do, in order (the statements' and the connections' own methods, wrapped)
		const log: string[] = [];
		const statement = Object.getPrototypeOf(d.$client.prepare('SELECT 1')) as Statement;
		const all = statement.all;
		const exec = Database.prototype.exec;
		statement.all = function (this: Statement, ...a: unknown[]) {
			log.push(`select on the ${this.database.readonly ? 'reader' : 'writer'}${this.database.inTransaction ? ', in a transaction' : ''}`);
			return all.apply(this, a);
		};
		Database.prototype.exec = function (this: Database.Database, sql: string) {
			log.push(sql);
			return exec.call(this, sql);
		};
		try {
			const r = await loadRecords(DEMO_PEOPLE.s33Active.id, '2026-11-25');
			expect(r.lines.length).toBeGreaterThan(0);
		} finally {
			statement.all = all;
			Database.prototype.exec = exec;
			setDbForTests(undefined);
			d.$client.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
		expect(log).toEqual(['BEGIN', ...Array<string>(8).fill('select on the reader, in a transaction'), 'COMMIT']);
	});
});
