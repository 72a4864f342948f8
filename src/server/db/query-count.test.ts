import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { countingQueries, noteQuery } from './query-count';

describe('counting the statements of a request', () => {
	it('counts what ran inside, across awaits, and nothing outside or in another request', async () => {
		const d = new Database(':memory:', { verbose: noteQuery });
		d.exec('CREATE TABLE t (x)');
		const a = countingQueries(async () => {
			d.prepare('INSERT INTO t VALUES (1)').run();
			await new Promise((r) => setTimeout(r, 5));
			d.prepare('SELECT * FROM t').all();
		});
		const b = countingQueries(async () => {
			d.prepare('SELECT count(*) FROM t').get();
		});
		d.prepare('SELECT 1').get();
		await Promise.all([a.result, b.result]);
		expect([a.counter.statements, b.counter.statements]).toEqual([2, 1]);
		d.close();
	});
});
