import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resetConfigForTests } from '../config';
import { openDb, migrateDb, setDbForTests, durably, IMMEDIATE } from '.';

describe('durably', () => {
	it('commits the writes a citizen is told about with synchronous=FULL, and everything else with NORMAL', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-durable-'));
		try {
			resetConfigForTests({ DATABASE_PATH: path.join(dir, 'p.db') });
			const d = openDb(path.join(dir, 'p.db'));
			migrateDb(d);
			setDbForTests(d);
			const level = () => d.$client.pragma('synchronous', { simple: true });
			expect(level()).toBe(1); // NORMAL
			const seen = durably(() => d.transaction(() => level(), IMMEDIATE));
			expect(seen).toBe(2); // FULL
			expect(level()).toBe(1);
			// called inside a transaction it leaves the setting alone (SQLite refuses to change it there)
			expect(d.transaction(() => durably(() => level()))).toBe(1);
			// and an error inside still puts NORMAL back
			expect(() =>
				durably(() => {
					throw new Error('boom');
				})
			).toThrow('boom');
			expect(level()).toBe(1);
			d.$client.close();
		} finally {
			setDbForTests(undefined);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
