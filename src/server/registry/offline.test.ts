import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, seedTestRegistry, testEngines, type TestDb } from '../../../tests/unit/engines';
import { DEMO_PEOPLE } from './seed';
import { loadRecords } from './records';
import { offlineSummary, OFFLINE_MONTHS } from './offline';

const engines = await testEngines('offline copy tests on PostgreSQL');

describe.each(engines)('the offline copy of a citizen’s records, on %s', (engine) => {
	const id = DEMO_PEOPLE.s33Active.id;
	let db: TestDb;
	let s: ReturnType<typeof offlineSummary>;
	beforeAll(async () => {
		db = await freshDatabase(engine);
		await seedTestRegistry(db, { persons: 50, today: '2026-11-25', seed: 3 });
		s = offlineSummary('user-1', await loadRecords(id, '2026-11-25'), 1_764_000_000_000);
	}, 60_000);

	it('belongs to the account and says when it was read', () => {
		expect(s.user).toBe('user-1');
		expect(s.fetchedAt).toBe(1_764_000_000_000);
		expect(s.person.firstNameTh).toBe('สมชาย');
		// no national ID, no wages, no employer account numbers: only what the offline page shows
		expect(JSON.stringify(s)).not.toContain(id);
		expect(JSON.stringify(s)).not.toMatch(/wage|accountNo|province/);
		expect(Object.keys(s.contributions.recent[0]!).sort()).toEqual(['employer', 'employerEn', 'insuredSatang', 'period', 'section']);
		expect(Object.keys(s.claims.list[0]!).sort()).toEqual(['amountSatang', 'claimDate', 'kind', 'status']);
	});

	it('keeps the totals of all months and the lines of the last 24, newest first', async () => {
		expect(s.contributions.insuredSatang).toBe(await db.count('SELECT sum(insured_satang) FROM contributions WHERE person_id = ?', id));
		expect(s.contributions.months).toBe(await db.count('SELECT count(DISTINCT period) FROM contributions WHERE person_id = ?', id));
		const periods = [...new Set(s.contributions.recent.map((r) => r.period))];
		expect(periods).toHaveLength(OFFLINE_MONTHS);
		const last = await db.all<{ period: string }>('SELECT DISTINCT period FROM contributions WHERE person_id = ? ORDER BY period DESC LIMIT 24', id);
		expect(periods).toEqual(last.map((r) => r.period));
	});

	it('has the status, hospital, claims and savings of the record pages', async () => {
		const r = await loadRecords(id, '2026-11-25');
		expect(s.status.open?.section).toBe(33);
		expect(s.status.history).toHaveLength(r.coverages.length);
		expect(s.hospital?.nameTh).toBe(r.hospital?.nameTh);
		expect(s.claims.count).toBe(r.claims.length);
		expect(s.claims.totalSatang).toBe(r.claims.reduce((a, c) => a + c.amountSatang, 0));
		expect(s.savings.totalSatang).toBe(r.totals.savings.totalSatang);
	});

	it('a person with fewer than 24 months keeps them all', async () => {
		const r = await loadRecords(DEMO_PEOPLE.neverInsured.id, '2026-11-25');
		const n = offlineSummary('user-2', r, 0);
		expect(n.contributions.recent).toEqual([]);
		expect(n.status.open).toBeNull();
	});
});
