import { describe, expect, it } from 'vitest';
import { openDb, migrateDb } from '../db';
import { DEMO_FOREIGN_WORKERS, DEMO_PEOPLE, addMonths, copyValue, lastPaidPeriod, seedRegistry, wipeAll } from './seed';
import { isValidNationalId } from '$lib/validation/national-id';
import { section33Contribution } from '$lib/rules/contributions';

function seeded(persons: number, seed = 1) {
	const db = openDb(':memory:');
	migrateDb(db);
	const summary = seedRegistry(db, { persons, today: '2026-11-25', seed, batchSize: 97 });
	return { db, summary, q: <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[] };
}

describe('demo registry', () => {
	const { summary, q } = seeded(600);

	it('has the requested number of persons, all with valid, unique national IDs', () => {
		expect(summary.persons).toBe(600);
		const ids = q<{ national_id: string }>('SELECT national_id FROM persons').map((r) => r.national_id);
		expect(new Set(ids).size).toBe(600);
		expect(ids.every(isValidNationalId)).toBe(true);
	});

	it('employers have a 10-digit account and a 6-digit branch', () => {
		expect(
			q<{ n: number }>(
				"SELECT count(*) n FROM employers WHERE account_no NOT GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' OR length(branch) != 6"
			)[0]!.n
		).toBe(0);
	});

	it('covers sections 33, 39 and 40, and some people were never insured', () => {
		const sections = q<{ section: number }>('SELECT DISTINCT section FROM coverages WHERE end_date IS NULL ORDER BY section').map((r) => r.section);
		expect(sections).toEqual([33, 39, 40]);
		expect(q<{ n: number }>('SELECT count(*) n FROM persons WHERE national_id NOT IN (SELECT person_id FROM coverages)')[0]!.n).toBeGreaterThan(20);
	});

	it('prices every section 33 contribution with the rule of its own month', () => {
		const rows = q<{ period: string; wage_base_satang: number; insured_satang: number; employer_satang: number; government_satang: number }>(
			'SELECT period, wage_base_satang, insured_satang, employer_satang, government_satang FROM contributions WHERE section = 33'
		);
		expect(rows.length).toBeGreaterThan(1000);
		for (const r of rows) {
			const c = section33Contribution(r.wage_base_satang, r.period);
			expect([r.insured_satang, r.employer_satang, r.government_satang]).toEqual([c.insuredSatang, c.employerSatang, c.governmentSatang]);
			expect(r.insured_satang % 100).toBe(0); // whole baht
		}
		// ceilings: 750 until 2025-12, 875 from 2026-01
		expect(q<{ m: number }>("SELECT max(insured_satang) m FROM contributions WHERE section = 33 AND period BETWEEN '2023-01' AND '2025-12'")[0]!.m).toBe(
			75_000
		);
		expect(q<{ m: number }>("SELECT max(insured_satang) m FROM contributions WHERE section = 33 AND period >= '2026-01'")[0]!.m).toBe(87_500);
		expect(q<{ m: number }>("SELECT min(insured_satang) m FROM contributions WHERE section = 33 AND period >= '2023-01'")[0]!.m).toBeGreaterThanOrEqual(8_300);
	});

	it('holds ten years of months, none after the last month paid', () => {
		const r = q<{ lo: string; hi: string }>('SELECT min(period) lo, max(period) hi FROM contributions')[0]!;
		expect(r.hi).toBe(lastPaidPeriod('2026-11-25'));
		expect(r.hi).toBe('2026-10');
		expect(r.lo).toBe(addMonths('2026-10', -119));
	});

	it('has the README demo people in their situations', () => {
		const open = (id: string) =>
			q<{ section: number; s40_option: number | null }>('SELECT section, s40_option FROM coverages WHERE person_id = ? AND end_date IS NULL', id);
		expect(open(DEMO_PEOPLE.s33Active.id)).toEqual([{ section: 33, s40_option: null }]);
		expect(open(DEMO_PEOPLE.s39.id)).toEqual([{ section: 39, s40_option: null }]);
		expect(open(DEMO_PEOPLE.s40.id)).toEqual([{ section: 40, s40_option: 2 }]);
		expect(open(DEMO_PEOPLE.dismissed.id)).toEqual([]);
		expect(q('SELECT end_date, end_reason FROM coverages WHERE person_id = ?', DEMO_PEOPLE.dismissed.id)).toEqual([
			{ end_date: '2026-10-31', end_reason: 'dismissed' }
		]);
		expect(q('SELECT * FROM coverages WHERE person_id = ?', DEMO_PEOPLE.neverInsured.id)).toEqual([]);
		// Somchai earns above the ceiling: 750 baht a month in 2025, 875 in 2026
		const c = q<{ period: string; insured_satang: number }>(
			"SELECT period, insured_satang FROM contributions WHERE person_id = ? AND period IN ('2025-12','2026-01')",
			DEMO_PEOPLE.s33Active.id
		);
		expect(c).toEqual([
			{ period: '2025-12', insured_satang: 75_000 },
			{ period: '2026-01', insured_satang: 87_500 }
		]);
	});

	it('has the demo foreign workers: non-Thai numbers, their nationality and passport, insured under section 33 with a hospital', () => {
		const workers = Object.values(DEMO_FOREIGN_WORKERS);
		// the pink card's 00… and a type 6 number, each with its check digit
		expect(workers.map((w) => w.id[0])).toEqual(['0', '0', '6']);
		for (const w of workers) {
			expect(isValidNationalId(w.id), w.id).toBe(true);
			expect(q('SELECT nationality, passport_no, passport_expiry, birth_date FROM persons WHERE national_id = ?', w.id)).toEqual([
				{ nationality: w.nationality, passport_no: w.passport[0], passport_expiry: w.passport[1], birth_date: w.birth }
			]);
			expect(q('SELECT section FROM coverages WHERE person_id = ? AND end_date IS NULL', w.id)).toEqual([{ section: 33 }]);
			expect(q<{ n: number }>('SELECT count(*) n FROM contributions WHERE person_id = ? AND employer_id IS NOT NULL', w.id)[0]!.n).toBeGreaterThan(12);
			expect(q('SELECT valid_to FROM hospital_assignments WHERE person_id = ?', w.id)).toEqual([{ valid_to: null }]);
		}
		// everyone else is Thai, with no passport on record
		expect(q<{ n: number }>("SELECT count(*) n FROM persons WHERE nationality != 'TH' OR passport_no IS NOT NULL")[0]!.n).toBe(workers.length);
	});

	it('is deterministic for a seed and a date', () => {
		const a = seeded(150, 7).q('SELECT * FROM persons ORDER BY national_id');
		const b = seeded(150, 7).q('SELECT * FROM persons ORDER BY national_id');
		const c = seeded(150, 8).q('SELECT * FROM persons ORDER BY national_id');
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
	});

	it('is deterministic in every registry table, claims and coverages included', () => {
		const tables = ['employers', 'employments', 'coverages', 'contributions', 'hospital_assignments', 'benefit_claims'];
		const dump = (seed: number) => {
			const { q } = seeded(150, seed);
			return tables.map((t) => q(`SELECT * FROM ${t} ORDER BY id`));
		};
		const a = dump(7);
		expect(a.every((rows) => rows.length > 0)).toBe(true);
		expect(dump(7)).toEqual(a);
		expect(dump(8)).not.toEqual(a);
	});
});

describe('rebuilding the demo (db:seed --force)', () => {
	it('wipes every table, hospital networks, accounts and applications included, and seeds again the same registry', () => {
		const { db, q } = seeded(40, 5);
		const before = q<{ n: number }>('SELECT count(*) n FROM contributions')[0]!.n;
		db.$client
			.prepare(
				"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678','x',0,'v',0,0,0)"
			)
			.run(DEMO_PEOPLE.s33Active.id);
		db.$client.prepare("INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES ('s1','u1',0,0,1)").run();
		wipeAll(db);
		const tables = q<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'");
		for (const { name } of tables) expect(q<{ n: number }>(`SELECT count(*) n FROM "${name}"`)[0]!.n, name).toBe(0);
		expect(q<{ n: number }>('SELECT count(*) n FROM __drizzle_migrations')[0]!.n).toBeGreaterThan(0);
		seedRegistry(db, { persons: 40, today: '2026-11-25', seed: 5, batchSize: 97 });
		expect(q<{ n: number }>('SELECT count(*) n FROM contributions')[0]!.n).toBe(before);
		expect(q<{ fk: number }>('PRAGMA foreign_keys')[0]!).toEqual({ foreign_keys: 1 });
	});
});

describe("PostgreSQL's COPY text", () => {
	it('writes null as \\N and escapes what would end a value or a row', () => {
		expect([null, 12, 'สมชาย', 'a\\b', 'a\tb', 'a\nb', 'a\rb'].map(copyValue)).toEqual(['\\N', '12', 'สมชาย', 'a\\\\b', 'a\\tb', 'a\\nb', 'a\\rb']);
	});
});
