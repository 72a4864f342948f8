import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { freshDb } from '../../../tests/unit/fresh-db';
import { freshDatabase, seedTestRegistry, testEngines, type TestDb } from '../../../tests/unit/engines';
import { seedRegistry, DEMO_PEOPLE } from './seed';
import { officerView, rightsCheck } from '../staff/lookups';
import {
	claimRecords,
	contributionRecords,
	loadRecords,
	medicalRecords,
	monthlyBases,
	section39Months,
	statusRecords,
	unsubmittedMonth,
	whatsNew
} from './records';

const engines = await testEngines('records tests on PostgreSQL');

describe.each(engines)('records service, on %s', (engine) => {
	let db: TestDb;
	beforeAll(async () => {
		db = await freshDatabase(engine);
		await seedTestRegistry(db, { persons: 50, today: '2026-11-25', seed: 3 });
	}, 60_000);

	it('reads one person only, with the figures of the rules', async () => {
		const r = await loadRecords(DEMO_PEOPLE.s33Active.id, '2026-11-25');
		expect(r.person.nationalId).toBe(DEMO_PEOPLE.s33Active.id);
		expect(r.lines.every((l) => l.period <= '2026-10')).toBe(true);
		expect(r.totals.months).toBe(120);
		expect(r.totals.insuredSatang).toBe(await db.count('SELECT sum(insured_satang) FROM contributions WHERE person_id = ?', DEMO_PEOPLE.s33Active.id));
		expect(r.status.open?.section).toBe(33);
		expect(r.medical.kind).toBe('active');
	});

	it('the pages that read part of the records show what the whole read shows, for every kind of member', async () => {
		for (const [name, p] of Object.entries(DEMO_PEOPLE)) {
			const whole = await loadRecords(p.id, '2026-11-25');
			const status = await statusRecords(p.id, '2026-11-25');
			expect(status, name).toEqual({
				status: whole.status,
				coverages: [...whole.coverages].reverse(),
				employments: [...whole.employments].reverse(),
				s39: whole.s39,
				// the section 40 months recorded, at most the last twelve, counted in the database
				s40Paid:
					whole.status.open?.section === 40
						? Math.min(12, await db.count('SELECT count(*) FROM contributions WHERE person_id = ? AND section = 40', p.id))
						: null
			});
			const medical = (await medicalRecords(p.id, '2026-11-25'))!;
			expect([medical.medical, medical.hospital, medical.nextHospital, medical.open], name).toEqual([
				whole.medical,
				whole.hospital,
				whole.nextHospital,
				whole.status.open
			]);
			const contributions = await contributionRecords(p.id);
			expect([contributions.coverages, contributions.lines], name).toEqual([whole.coverages, whole.lines]);
			const claims = await claimRecords(p.id);
			expect([claims.claims, claims.totalSatang, claims.count], name).toEqual([whole.claims, whole.totals.claimsSatang, whole.totals.claimsCount]);
		}
		expect(await medicalRecords('1000000000001', '2026-11-25')).toBeNull();
	});

	it("section 40 option 2: the option's own benefits, counted from the months paid (rows in the database)", async () => {
		const id = DEMO_PEOPLE.s40.id;
		const r = await loadRecords(id, '2026-11-25');
		const q = (sql: string) => db.count(sql, id);
		expect(await q('SELECT s40_option FROM coverages WHERE person_id = ? AND section = 40 AND end_date IS NULL')).toBe(2);
		// paid months in the months before 2026-11: sickness 3 of 4, disability and death 6 of 12
		const in4 = await q("SELECT count(DISTINCT period) FROM contributions WHERE person_id = ? AND section = 40 AND period BETWEEN '2026-07' AND '2026-10'");
		const in12 = await q("SELECT count(DISTINCT period) FROM contributions WHERE person_id = ? AND section = 40 AND period BETWEEN '2025-11' AND '2026-10'");
		const all = await q('SELECT count(DISTINCT period) FROM contributions WHERE person_id = ? AND section = 40');
		expect(r.entitlements.map((e) => e.case)).toEqual(['sickness', 'disability', 'death', 'old_age']);
		const get = (k: string) => r.entitlements.find((e) => e.case === k)!;
		expect(get('sickness')).toMatchObject({ paid: in4, needed: 3, window: 4, qualifies: in4 >= 3, amountSatang: 30_000 });
		expect(get('disability')).toMatchObject({ paid: in12, needed: 6, window: 12, qualifies: in12 >= 6, amountSatang: 100_000 });
		// under 60 paid months: the funeral grant of 25,000 only
		expect(get('death')).toMatchObject({ paid: in12, qualifies: in12 >= 6, amountSatang: all >= 60 ? 2_800_000 : 2_500_000 });
		// option 2 saves 50 baht of each month for old age; paid as a lump sum once membership ends
		expect(get('old_age')).toMatchObject({ qualifies: false, paid: all, amountSatang: all * 5_000 });
		// the dashboard and the officer's summary count the option's 4 cases, not section 33's 7
		const entitled = Number(in4 >= 3) + 2 * Number(in12 >= 6);
		expect((await officerView(id, '2026-11-25')).entitled).toEqual({ count: entitled, total: 4 });
	});

	it("what's new: tells once about a newer month, not on the very first visit", async () => {
		await db.run(
			"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678','x',0,'v',0,0,0)",
			DEMO_PEOPLE.s33Active.id
		);
		expect(await whatsNew('u1', '2026-10', null)).toBeNull(); // first visit: remembered, not announced
		expect(await whatsNew('u1', '2026-10', '2026-10')).toBeNull();
		expect(await whatsNew('u1', '2026-11', '2026-10')).toBe('2026-11');
		expect((await db.get<{ p: string }>("SELECT seen_period p FROM users WHERE id = 'u1'"))?.p).toBe('2026-11');
	});

	it('the section 33/39 old-age benefit is counted without section 40 savings (a separate fund)', async () => {
		const id = DEMO_PEOPLE.s39.id;
		// Suda, before her section 33 job in this history, paid two months under section 40 option 3
		await db.run(
			"INSERT INTO coverages (person_id, section, s40_option, start_date, end_date, end_reason) VALUES (?, 40, 3, '2009-01-05', '2009-02-28', 'resigned')",
			id
		);
		const add =
			"INSERT INTO contributions (person_id, period, section, payer, wage_base_satang, insured_satang, employer_satang, government_satang, paid_date) VALUES (?, ?, 40, 'self', 0, 30000, 0, 15000, ?)";
		await db.run(add, id, '2009-01', '2009-01-20');
		await db.run(add, id, '2009-02', '2009-02-20');
		const rows = (
			await db.all<{ section: number; i: number | string; e: number | string }>(
				'SELECT section, insured_satang i, employer_satang e FROM contributions WHERE person_id = ? AND section IN (33, 39)',
				id
			)
		).map((r) => ({ section: Number(r.section), i: Number(r.i), e: Number(r.e) }));
		// by hand: section 33, 3/5 of each side; section 39, 288 of each 432 baht
		const sso = rows.reduce((a, r) => a + (r.section === 33 ? Math.round((r.i * 3) / 5) + Math.round((r.e * 3) / 5) : Math.round((r.i * 288) / 432)), 0);
		const r = await loadRecords(id, '2026-11-25');
		const oldAge = r.entitlements.find((e) => e.case === 'old_age')!;
		expect(oldAge.paid).toBe(rows.length);
		expect(oldAge.unit).toBe('once');
		expect(oldAge.amountSatang).toBe(sso);
		expect(r.totals.ssoSavings.totalSatang).toBe(sso);
		// the savings to date still show all of it: 150 baht a month of option 3
		expect(r.totals.savings.totalSatang).toBe(sso + 2 * 15_000);
	});
});

describe('records rules', () => {
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

describe('the dashboard’s note on an employer’s missing month', () => {
	const job = { employerId: 7, employer: 'บริษัท ก จำกัด', employerEn: 'A Co.', startDate: '2020-01-01', endDate: null } as never;
	const at = (period: string, employerId = 7) => ({ period, employerId }) as never;
	const r = (lines: never[], section = 33) => ({ status: { open: { section } } as never, employments: [job], lines });

	it('after the 15th, last month from the current employer is expected', () => {
		// 15 November 2026 is a Sunday: the month is due on Monday the 16th
		expect(unsubmittedMonth(r([at('2026-09')]), '2026-11-17')).toEqual({ employer: 'บริษัท ก จำกัด', employerEn: 'A Co.', period: '2026-10', due: '2026-11-16' });
		expect(unsubmittedMonth(r([at('2026-10', 8)]), '2026-11-17')?.period).toBe('2026-10'); // another employer's month does not count
		expect(unsubmittedMonth(r([at('2026-10')]), '2026-12-16')).toEqual({ employer: 'บริษัท ก จำกัด', employerEn: 'A Co.', period: '2026-11', due: '2026-12-15' });
	});
	it('says nothing on or before the 15th, once the month is in, or outside section 33', () => {
		expect(unsubmittedMonth(r([at('2026-09')]), '2026-11-15')).toBeNull();
		expect(unsubmittedMonth(r([at('2026-09')]), '2026-11-16')).toBeNull();
		expect(unsubmittedMonth(r([at('2026-02')]), '2026-04-16')).toBeNull(); // Songkran: March is due on Thursday 16 April 2026
		expect(unsubmittedMonth(r([at('2026-02')]), '2026-04-17')).toMatchObject({ period: '2026-03', due: '2026-04-16' });
		expect(unsubmittedMonth(r([at('2026-10')]), '2026-11-20')).toBeNull();
		expect(unsubmittedMonth(r([], 39), '2026-11-20')).toBeNull();
	});
});

// SQLite's own migration: PostgreSQL's migrations begin after it, with the cause a column from the start
describe('unemployment claim cause backfill (SQLite migration 0007)', () => {
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

describe.each(engines)('the hospital in force: one rule for the citizen’s pages and the hospital’s check, on %s', (engine) => {
	it('an assignment that has ended with none after it is no hospital on either; a change that starts later is coming', async () => {
		const db = await freshDatabase(engine);
		await seedTestRegistry(db, { persons: 30, today: '2026-11-26' });
		const id = DEMO_PEOPLE.s33Active.id;
		const before = (await loadRecords(id, '2026-11-26')).hospital!;
		expect(await rightsCheck(id, before.code, '2026-11-26')).toMatchObject({ found: true, hospital: { code: before.code } });
		await db.run('UPDATE hospital_assignments SET valid_to = ? WHERE person_id = ?', '2026-11-25', id);
		expect((await loadRecords(id, '2026-11-26')).hospital).toBeNull();
		expect(await rightsCheck(id, before.code, '2026-11-26')).toMatchObject({ found: true, hospital: null, rights: false });
		const other = (await db.get<{ code: string }>('SELECT code FROM hospitals WHERE code <> ? ORDER BY code LIMIT 1', before.code))!;
		await db.run(
			'INSERT INTO hospital_assignments (person_id, hospital_code, valid_from, valid_to, as_of) VALUES (?, ?, ?, NULL, ?)',
			id,
			other.code,
			'2026-12-01',
			'2026-11-26'
		);
		const r = await loadRecords(id, '2026-11-26');
		expect([r.hospital, r.nextHospital?.code]).toEqual([null, other.code]);
		expect((await loadRecords(id, '2026-12-01')).hospital?.code).toBe(other.code);
	}, 60_000);
});
