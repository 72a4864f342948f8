import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { freshDb } from '../../../tests/unit/fresh-db';
import { seedRegistry, DEMO_PEOPLE } from './seed';
import { loadRecords, monthlyBases, section39Months, unsubmittedMonth, whatsNew } from './records';

describe('records service', () => {
	const db = freshDb();
	seedRegistry(db, { persons: 50, today: '2026-11-25', seed: 3 });

	it('reads one person only, with the figures of the rules', () => {
		const r = loadRecords(DEMO_PEOPLE.s33Active.id, '2026-11-25');
		expect(r.person.nationalId).toBe(DEMO_PEOPLE.s33Active.id);
		expect(r.lines.every((l) => l.period <= '2026-10')).toBe(true);
		expect(r.totals.months).toBe(120);
		const sql = db.$client.prepare('SELECT sum(insured_satang) s FROM contributions WHERE person_id = ?').get(DEMO_PEOPLE.s33Active.id) as { s: number };
		expect(r.totals.insuredSatang).toBe(sql.s);
		expect(r.status.open?.section).toBe(33);
		expect(r.medical.kind).toBe('active');
	});

	it("what's new: tells once about a newer month, not on the very first visit", () => {
		db.$client
			.prepare(
				"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678','x',0,'v',0,0,0)"
			)
			.run(DEMO_PEOPLE.s33Active.id);
		expect(whatsNew('u1', '2026-10', null)).toBeNull(); // first visit: remembered, not announced
		expect(whatsNew('u1', '2026-10', '2026-10')).toBeNull();
		expect(whatsNew('u1', '2026-11', '2026-10')).toBe('2026-11');
		expect((db.$client.prepare("SELECT seen_period p FROM users WHERE id = 'u1'").get() as { p: string }).p).toBe('2026-11');
	});

	it('section 39: the last 12 months due, and the lapse warning', () => {
		const paid = new Set(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
		const s = section39Months(paid, '2026-11-25', '2020-01-01');
		expect(s.months.map((m) => m.period)).toEqual([
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04',
			'2026-05',
			'2026-06',
			'2026-07',
			'2026-08',
			'2026-09',
			'2026-10'
		]);
		expect(s).toMatchObject({ trailingUnpaid: 1, paidIn12: 11, warn: true });
		expect(section39Months(new Set([...paid, '2026-10']), '2026-11-25', '2020-01-01')).toMatchObject({ trailingUnpaid: 0, paidIn12: 12, warn: false });
		// before the 15th, last month is not due yet: not shown as unpaid
		expect(section39Months(paid, '2026-11-10', '2020-01-01')).toMatchObject({ trailingUnpaid: 0, warn: false });
		expect(section39Months(paid, '2026-11-10', '2020-01-01').months.at(-1)!.period).toBe('2026-09');
		// 9 of 12 paid: one more missed month ends membership
		const nine = new Set(['2025-11', '2025-12', '2026-01', '2026-02', '2026-04', '2026-06', '2026-08', '2026-09', '2026-10']);
		expect(section39Months(nine, '2026-11-25', '2020-01-01')).toMatchObject({ paidIn12: 9, trailingUnpaid: 0, warn: true });
		// joined three months ago: earlier months are not "unpaid"
		expect(section39Months(new Set(['2026-08', '2026-09', '2026-10']), '2026-11-25', '2026-08-01')).toMatchObject({
			trailingUnpaid: 0,
			warn: false,
			months: [
				{ period: '2026-08', paid: true },
				{ period: '2026-09', paid: true },
				{ period: '2026-10', paid: true }
			]
		});
	});

	it('a month paid by two employers counts once, its wage bases capped at the month ceiling', () => {
		const line = (period: string, base: number) => ({
			period,
			section: 33,
			employer: 'x',
			employerEn: 'x',
			employerId: 1,
			submittedAt: null,
			wageBaseSatang: base,
			insuredSatang: 0,
			employerSatang: 0,
			governmentSatang: 0,
			paidDate: '',
			oldAgeSatang: 0
		});
		expect(monthlyBases([line('2025-05', 1_500_000), line('2025-05', 1_500_000), line('2026-05', 1_000_000), line('2026-05', 500_000)])).toEqual([
			{ period: '2025-05', section: 33, wageBaseSatang: 1_500_000 },
			{ period: '2026-05', section: 33, wageBaseSatang: 1_500_000 }
		]);
	});
});

describe('the dashboard’s note on an employer’s missing month (issue 9)', () => {
	const job = { employerId: 7, employer: 'บริษัท ก จำกัด', employerEn: 'A Co.', startDate: '2020-01-01', endDate: null } as never;
	const at = (period: string, employerId = 7) => ({ period, employerId }) as never;
	const r = (lines: never[], section = 33) => ({ status: { open: { section } } as never, employments: [job], lines });

	it('after the 15th, last month from the current employer is expected', () => {
		expect(unsubmittedMonth(r([at('2026-09')]), '2026-11-16')).toEqual({ employer: 'บริษัท ก จำกัด', employerEn: 'A Co.', period: '2026-10', due: '2026-11-15' });
		expect(unsubmittedMonth(r([at('2026-10', 8)]), '2026-11-16')?.period).toBe('2026-10'); // another employer's month does not count
	});
	it('says nothing on or before the 15th, once the month is in, or outside section 33', () => {
		expect(unsubmittedMonth(r([at('2026-09')]), '2026-11-15')).toBeNull();
		expect(unsubmittedMonth(r([at('2026-10')]), '2026-11-20')).toBeNull();
		expect(unsubmittedMonth(r([], 39), '2026-11-20')).toBeNull();
	});
});

describe('unemployment claim cause backfill (migration 0007)', () => {
	const causes = (db: ReturnType<typeof freshDb>) =>
		db.$client.prepare("SELECT id, cause FROM benefit_claims WHERE kind = 'unemployment' ORDER BY id").all() as { id: number; cause: string | null }[];

	it('gives old rows the cause of the claim, else of the job that ended before it, else a resignation', () => {
		const db = freshDb();
		seedRegistry(db, { persons: 80, today: '2026-11-25', seed: 3 });
		const seeded = causes(db);
		expect(seeded.length).toBeGreaterThan(0);
		// a portal payment whose application says force majeure, and a registry claim of someone with no ended job
		db.$client
			.prepare(
				"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u9',?,'0819999999','x',0,'v',0,0,0)"
			)
			.run(DEMO_PEOPLE.dismissed.id);
		const appId = db.$client
			.prepare(
				"INSERT INTO applications (ref,kind,person_id,user_id,status,idempotency_key,answers,outcome,submitted_on,created_at,updated_at) VALUES ('UNE-X','unemployment',?,'u9','paid','k9',?,'{}','2026-10-01',0,0)"
			)
			.run(DEMO_PEOPLE.dismissed.id, JSON.stringify({ cause: 'force_majeure' })).lastInsertRowid;
		const claim = db.$client.prepare(
			"INSERT INTO benefit_claims (person_id,kind,claim_date,start_date,end_date,amount_satang,status,application_id,period_no) VALUES (?,'unemployment','2026-10-01','2026-10-08','2026-11-06',0,'paid',?,?)"
		);
		const fm = claim.run(DEMO_PEOPLE.dismissed.id, appId, 1).lastInsertRowid;
		const unknown = claim.run(DEMO_PEOPLE.neverInsured.id, null, null).lastInsertRowid;
		db.$client.prepare("UPDATE benefit_claims SET cause = NULL WHERE kind = 'unemployment'").run();
		const sql = readFileSync('drizzle/0007_unemployment_claim_cause.sql', 'utf8').split('--> statement-breakpoint').slice(1);
		for (const s of sql) db.$client.exec(s);
		const after = new Map(causes(db).map((c) => [c.id, c.cause]));
		for (const s of seeded) expect(after.get(s.id)).toBe(s.cause); // the seed wrote the job's end reason
		expect(after.get(Number(fm))).toBe('force_majeure');
		expect(after.get(Number(unknown))).toBe('resigned');
	});
});
