/**
 * The demo registry: deterministic (seeded PRNG), realistic, priced with the same rules the screens use
 * (src/lib/rules). Size is a parameter; persons are generated in batches. One generator of rows (generate), written by
 * prepared statements on SQLite, each batch in one transaction (seedRegistry), or by COPY on PostgreSQL, the whole
 * registry in one (seedPostgres).
 */
import { sql } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { rows, withPostgresConnection, type Db } from '../db';
import { nationalIdCheckDigit } from '$lib/validation/national-id';
import { addDays, addMonths, ageOn, lastDayOf, periodOf } from '$lib/rules/periods';
import { contributionDue, lastPaidPeriod } from '$lib/rules/workdays';
import { section33Contribution, section39Contribution, section40Contribution } from '$lib/rules/contributions';
import { sicknessClaim } from '$lib/rules/sickness';
import { estimateUnemployment } from '$lib/rules/unemployment';
import { COMPANY_KINDS, COMPANY_WORDS, FEMALE_FIRST, HOSPITALS, LAST, MALE_FIRST, PROVINCES } from './seed-data';

// ── deterministic randomness ───────────────────────────────────────────────
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Rng = () => number;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// ── calendar helpers: the same ones the screens use ──
export { addMonths, periodOf } from '$lib/rules/periods';
const lastDay = lastDayOf;

export { lastPaidPeriod };

// ── demo people named in README ────────────────────────────────────────────
export const DEMO_PEOPLE = {
	s33Active: { id: '1103700123458', th: ['นาย', 'สมชาย', 'ใจดี'], en: ['Mr.', 'Somchai', 'Jaidee'], birth: '1985-03-27', gender: 'M' },
	s39: { id: '3100600456785', th: ['นาง', 'สุดา', 'รักไทย'], en: ['Mrs.', 'Suda', 'Rakthai'], birth: '1978-07-12', gender: 'F' },
	s40: { id: '3501100789014', th: ['นาย', 'ประเสริฐ', 'มั่นคง'], en: ['Mr.', 'Prasert', 'Mankong'], birth: '1970-11-05', gender: 'M' },
	dismissed: { id: '1102900345674', th: ['นางสาว', 'วิภา', 'ศรีสุข'], en: ['Ms.', 'Wipa', 'Srisuk'], birth: '1990-01-15', gender: 'F' },
	neverInsured: { id: '1100500567899', th: ['นาย', 'อนันต์', 'ทองมา'], en: ['Mr.', 'Anan', 'Thongma'], birth: '2000-02-29', gender: 'M' }
} as const;

/**
 * Demo foreign workers, insured under section 33 like about one in ten of its members: their 13-digit numbers are of
 * persons without Thai nationality (the pink card's 00… of a migrant worker, and a type 6), and each shows a passport
 * with the SSO card. One per language the portal offers them.
 */
export const DEMO_FOREIGN_WORKERS = {
	myanmar: {
		id: '0011990012345',
		th: ['นาย', 'ซอ', 'มิน'],
		en: ['Mr.', 'Zaw', 'Min'],
		birth: '1994-08-14',
		gender: 'M',
		nationality: 'MM',
		passport: ['MH482931', '2029-03-31']
	},
	cambodia: {
		id: '0022990056785',
		th: ['นางสาว', 'สเรย์มม', 'เจีย'],
		en: ['Ms.', 'Sreymom', 'Chea'],
		birth: '1998-02-03',
		gender: 'F',
		nationality: 'KH',
		passport: ['N02841733', '2027-06-30']
	},
	laos: {
		id: '6111000789011',
		th: ['นาย', 'คำพอน', 'วงสา'],
		en: ['Mr.', 'Khamphone', 'Vongsa'],
		birth: '1991-11-20',
		gender: 'M',
		nationality: 'LA',
		passport: ['P1738204', '2030-01-15']
	}
} as const;

export interface SeedOptions {
	persons: number;
	today: string;
	seed?: number;
	batchSize?: number;
	onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
	persons: number;
	employers: number;
	contributions: number;
	coverages: number;
	claims: number;
}

type EndReason = 'resigned' | 'contract_ended' | 'dismissed' | 'dismissed_misconduct' | 'force_majeure' | 'business_closed' | 'moved_section';

interface Employer {
	id: number;
	province: number;
}

/**
 * Empty every table (registry, accounts, applications, staff, audit) before a rebuild, keeping the migrations record.
 * Every table, read from the schema itself, so a table added later cannot be forgotten; foreign keys are off for the
 * wipe (the order of deletion then does not matter) and checked after it.
 */
export function wipeAll(db: Db): void {
	const sql = db.$client;
	const tables = (
		sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]
	).map((r) => r.name);
	sql.pragma('foreign_keys = OFF');
	try {
		sql.transaction(() => tables.forEach((t) => sql.prepare(`DELETE FROM "${t}"`).run()))();
		if ((sql.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('foreign keys broken after the wipe');
	} finally {
		sql.pragma('foreign_keys = ON');
	}
}

/** The columns of each table the generator fills, in the order of its rows' values. */
const COLUMNS = {
	hospitals: ['code', 'name_th', 'name_en', 'province', 'district_th', 'district_en', 'type'],
	hospital_networks: ['main_code', 'member_code'],
	employers: ['id', 'account_no', 'branch', 'name_th', 'name_en', 'province'],
	persons: [
		'national_id',
		'title_th',
		'first_name_th',
		'last_name_th',
		'title_en',
		'first_name_en',
		'last_name_en',
		'birth_date',
		'gender',
		'nationality',
		'passport_no',
		'passport_expiry'
	],
	employments: ['person_id', 'employer_id', 'start_date', 'end_date', 'end_reason', 'monthly_wage_satang'],
	coverages: ['person_id', 'section', 's40_option', 'start_date', 'end_date', 'end_reason'],
	contributions: [
		'person_id',
		'period',
		'section',
		'employer_id',
		'payer',
		'wage_base_satang',
		'insured_satang',
		'employer_satang',
		'government_satang',
		'paid_date'
	],
	hospital_assignments: ['person_id', 'hospital_code', 'valid_from', 'valid_to', 'as_of'],
	benefit_claims: ['person_id', 'kind', 'claim_date', 'start_date', 'end_date', 'amount_satang', 'status', 'paid_date', 'cause']
} as const;
type Table = keyof typeof COLUMNS;
type Value = string | number | null;
type Put = (table: Table, values: Value[]) => void;

/** Seed on SQLite: prepared statements, each batch in one transaction. */
export function seedRegistry(db: Db, opts: SeedOptions): SeedSummary {
	const c = db.$client;
	const statements = Object.fromEntries(
		Object.entries(COLUMNS).map(([t, cols]) => [t, c.prepare(`INSERT INTO ${t} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`)])
	) as Record<Table, ReturnType<typeof c.prepare>>;
	const firstEmployer = (c.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM employers').get() as { n: number }).n;
	const steps = generate((t, v) => statements[t].run(v), opts, firstEmployer);
	for (;;) {
		let step!: IteratorResult<void, SeedSummary>;
		c.transaction(() => (step = steps.next()))();
		if (step.done) return step.value;
	}
}

/** Persons in the process's database (either engine): whether the demo registry is there yet. */
export async function personCount(): Promise<number> {
	const [r] = await rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM persons`);
	return Number(r?.n ?? 0);
}

/** A deadlock PostgreSQL resolved by aborting this statement (in the error or its causes: drizzle wraps the driver's). */
function isDeadlock(e: unknown): boolean {
	for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause) if ((x as { code?: unknown }).code === '40P01') return true;
	return false;
}

/**
 * PostgreSQL's wipe before a rebuild: every table of the app (drizzle's own schema apart), its ids started again. Its
 * locks on every table can deadlock with work still ending on another connection (a notice being written); PostgreSQL
 * then aborts one of the two, and the wipe, having changed nothing, is tried again.
 */
export async function wipePostgres(): Promise<void> {
	const tables = await rows<{ name: string }>(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
	if (!tables.length) return;
	const truncate = sql`TRUNCATE TABLE ${sql.join(
		tables.map((t) => sql.identifier(t.name)),
		sql`, `
	)} RESTART IDENTITY CASCADE`;
	for (let attempt = 1; ; attempt++) {
		try {
			await rows(truncate);
			return;
		} catch (e) {
			if (attempt >= 5 || !isDeadlock(e)) throw e;
			await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
		}
	}
}

/** One value in COPY's text format: \N for null; a backslash, tab, newline or carriage return escaped. */
export function copyValue(v: Value): string {
	if (v === null) return '\\N';
	if (typeof v === 'number') return String(v);
	return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Seed the process's PostgreSQL database, the whole registry in one transaction on one connection, sent by COPY (text
 * format), one COPY per table and batch. As PostgreSQL's guide to populating a database advises, the foreign keys and
 * the indexes of the tables loaded (and foreign keys that point at them) are dropped for the load and made again at
 * its end, in the same transaction: checking each row's references one by one took half of the time, and each index
 * is built once, sorted, instead of row by row. Made again, every key is checked over all rows, and if anything fails
 * the transaction is rolled back, constraints and all. A million persons are about 78 million contribution rows.
 */
export async function seedPostgres(opts: SeedOptions): Promise<SeedSummary> {
	return withPostgresConnection(async (c) => {
		const pending = new Map<Table, string[]>();
		const put: Put = (t, v) => {
			const list = pending.get(t) ?? [];
			list.push(v.map(copyValue).join('\t'));
			pending.set(t, list);
		};
		const tables = Object.keys(COLUMNS) as Table[];
		let summary: SeedSummary | undefined;
		await c.query('BEGIN');
		try {
			// an index's build sorts in memory up to this much, then on disk; and building the indexes and checking the keys
			// of a national registry takes minutes, longer than the app's limit on one statement
			await c.query("SET LOCAL maintenance_work_mem = '256MB'");
			await c.query('SET LOCAL statement_timeout = 0');
			const keys = (
				await c.query<{ t: string; name: string; def: string }>(
					`SELECT conrelid::regclass::text AS t, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
					 WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))`,
					[tables]
				)
			).rows;
			const indexes = (
				await c.query<{ name: string; def: string }>(
					`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)
					 AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
					[tables]
				)
			).rows;
			for (const k of keys) await c.query(`ALTER TABLE ${k.t} DROP CONSTRAINT ${c.escapeIdentifier(k.name)}`);
			for (const i of indexes) await c.query(`DROP INDEX ${c.escapeIdentifier(i.name)}`);
			const firstEmployer = Number((await c.query<{ n: number }>('SELECT coalesce(max(id), 0) + 1 AS n FROM employers')).rows[0]!.n);
			const steps = generate(put, opts, firstEmployer);
			while (!summary) {
				const step = steps.next();
				for (const t of tables) {
					const lines = pending.get(t);
					if (lines?.length) await pipeline(Readable.from([lines.join('\n') + '\n']), c.query(copyFrom(`COPY ${t} (${COLUMNS[t].join(', ')}) FROM STDIN`)));
				}
				pending.clear();
				if (step.done) {
					for (const i of indexes) await c.query(i.def);
					for (const k of keys) await c.query(`ALTER TABLE ${k.t} ADD CONSTRAINT ${c.escapeIdentifier(k.name)} ${k.def}`);
					// the employers' ids were given here: new ones go on from the last
					await c.query("SELECT setval(pg_get_serial_sequence('employers', 'id'), (SELECT max(id) FROM employers))");
					await c.query('COMMIT');
					summary = step.value;
				}
			}
		} catch (e) {
			// the load's own error is the one to report, not a failed rollback's on a broken connection
			await c.query('ROLLBACK').catch(() => {});
			throw e;
		}
		// the planner's statistics, which a freshly loaded table does not have yet
		await c.query(`ANALYZE ${tables.join(', ')}`);
		return summary;
	});
}

/** The demo networks in rows: in each province the first public hospital (by code) is the main contractor of the others. */
function networkRows(codes: readonly string[]): [string, string][] {
	const out: [string, string][] = [];
	for (let p = 0; p < PROVINCES.length; p++) {
		const here = HOSPITALS.map((h, i) => ({ ...h, code: codes[i]! })).filter((h) => h.province === p);
		const main = here
			.filter((h) => h.type === 'public')
			.map((h) => h.code)
			.sort()[0];
		if (main) for (const h of here) if (h.code !== main) out.push([main, h.code]);
	}
	return out;
}

/**
 * The registry's rows, handed to `put`; a yield after each batch, which the writer commits. Employers are numbered from
 * `firstEmployer` (the rows that name them are made before any is written).
 */
function* generate(put: Put, opts: SeedOptions, firstEmployer: number): Generator<void, SeedSummary> {
	const r = mulberry32(opts.seed ?? 20261125);
	const today = opts.today;
	const lastPaid = lastPaidPeriod(today);
	const windowStart = addMonths(lastPaid, -119); // ten years of monthly contributions
	const summary: SeedSummary = { persons: 0, employers: 0, contributions: 0, coverages: 0, claims: 0 };

	const run = (t: Table) => ({ run: (...v: Value[]) => put(t, v) });
	const ins = {
		person: run('persons'),
		employment: run('employments'),
		coverage: run('coverages'),
		contribution: run('contributions'),
		assignment: run('hospital_assignments'),
		claim: run('benefit_claims')
	};

	// ── reference tables ──
	const hospitalCodes = HOSPITALS.map((_, i) => String(10660 + i * 7).padStart(5, '0'));
	HOSPITALS.forEach((h, i) => put('hospitals', [hospitalCodes[i]!, h.th, h.en, PROVINCES[h.province]![0], h.districtTh, h.districtEn, h.type]));
	for (const n of networkRows(hospitalCodes)) put('hospital_networks', n);
	yield;
	const hospitalFor = (province: number, g: Rng = r) => {
		const idx = HOSPITALS.map((h, i) => [h.province, i] as const).filter(([p]) => p === province);
		return hospitalCodes[idx.length ? pick(g, idx)[1] : 0]!;
	};

	// ── employers ──
	const employers: Employer[] = [];
	const nEmployers = Math.max(30, Math.ceil(opts.persons / 50));
	const accounts = new Set<string>();
	for (let i = 0; i < nEmployers; i++) {
		let acc: string;
		do acc = String(int(r, 1_000_000_000, 9_999_999_999));
		while (accounts.has(acc));
		accounts.add(acc);
		const [wTh, wEn] = pick(r, COMPANY_WORDS);
		const [kTh, kEn] = pick(r, COMPANY_KINDS);
		const province = i < 3 ? 0 : int(r, 0, PROVINCES.length - 1);
		const id = firstEmployer + i;
		put('employers', [id, acc, '000000', `บริษัท ${wTh}${kTh} จำกัด`, `${wEn} ${kEn} Co., Ltd.`, PROVINCES[province]![0]]);
		employers.push({ id, province });
	}
	yield;
	summary.employers = nEmployers;

	// ── per-person writers ──
	// an employer's and a section 39 member's month is paid on its due date: the 15th of the next month, or the next working day
	const payDate = contributionDue;

	/** A section 33 or 39 month as the rules read it. */
	type Month = { period: string; wageBaseSatang: number };

	/** A job and its section 33 coverage; the months it paid. A coverage older than the registry's ten years starts paying at the first month it holds. */
	function s33Employment(pid: string, emp: Employer, start: string, end: string | null, reason: EndReason | null, wage0: number, g: Rng = r): Month[] {
		ins.employment.run(pid, emp.id, start, end, reason, wage0);
		ins.coverage.run(pid, 33, null, start, end, reason);
		summary.coverages++;
		const bases: Month[] = [];
		const first = periodOf(start) < windowStart ? windowStart : periodOf(start);
		const lastWorked = end ? periodOf(end) : lastPaid;
		const last = lastWorked < lastPaid ? lastWorked : lastPaid;
		let wage = wage0;
		for (let p = first; p <= last; p = addMonths(p, 1)) {
			if (p.endsWith('-01') && p !== first) wage = Math.round((wage * (103 + int(g, 0, 2))) / 100 / 100) * 100;
			const c = section33Contribution(wage, p);
			ins.contribution.run(pid, p, 33, emp.id, `E${emp.id}`, c.wageBaseSatang, c.insuredSatang, c.employerSatang, c.governmentSatang, payDate(p));
			summary.contributions++;
			bases.push({ period: p, wageBaseSatang: c.wageBaseSatang });
		}
		return bases;
	}

	/** Section 39 from `start`: the first month is paid (it is how membership begins), later ones unless `skip`. */
	function s39Membership(pid: string, start: string, skip: (p: string) => boolean) {
		ins.coverage.run(pid, 39, null, start, null, null);
		summary.coverages++;
		for (let p = periodOf(start); p <= lastPaid; p = addMonths(p, 1)) {
			if (p !== periodOf(start) && skip(p)) continue;
			const c = section39Contribution(p);
			ins.contribution.run(pid, p, 39, null, 'self', c.wageBaseSatang, c.insuredSatang, 0, c.governmentSatang, payDate(p));
			summary.contributions++;
		}
	}

	/**
	 * Section 40 from the day of the first payment (sso-rules.md: coverage starts on the date of the first payment):
	 * that month is paid on `start`, each later month on a day of its own month unless `skip`.
	 */
	function s40Membership(pid: string, option: 1 | 2 | 3, start: string, skip: (p: string) => boolean) {
		ins.coverage.run(pid, 40, option, start, null, null);
		summary.coverages++;
		const c = section40Contribution(option);
		for (let p = periodOf(start); p <= lastPaid; p = addMonths(p, 1)) {
			const first = p === periodOf(start);
			if (!first && skip(p)) continue;
			const paid = first ? start : `${p}-${String(int(r, 1, 28)).padStart(2, '0')}`;
			ins.contribution.run(pid, p, 40, null, 'self', 0, c.insuredSatang, 0, c.governmentSatang, paid);
			summary.contributions++;
		}
	}

	function assignHospital(pid: string, province: number, from: string, g: Rng = r) {
		ins.assignment.run(pid, hospitalFor(province, g), from, null, today);
	}

	/**
	 * Up to `count` paid sickness claims: a doctor's rest of 3–20 days beginning in a month the person paid for, after
	 * at least 3 months, ending in a month they paid for too (so inside the coverage); priced by the rule. Claims do not overlap.
	 */
	function sicknessClaims(pid: string, months: readonly Month[], count: number, g: Rng = r) {
		if (months.length < 5) return;
		const paid = new Set(months.map((m) => m.period));
		const picks = [...new Set(Array.from({ length: count }, () => int(g, 3, months.length - 2)))].sort((a, b) => a - b);
		let lastEnd = '';
		for (const i of picks) {
			const first = `${months[i]!.period}-${String(int(g, 1, 20)).padStart(2, '0')}`;
			const last = addDays(first, int(g, 3, 20) - 1);
			if (first <= lastEnd || !paid.has(periodOf(last))) continue;
			const claim = sicknessClaim(months, first, last);
			if (!claim.qualifies) continue;
			ins.claim.run(pid, 'sickness', first, first, last, claim.totalSatang, 'paid', lastDay(periodOf(last)), null);
			summary.claims++;
			lastEnd = last;
		}
	}

	/**
	 * A registered unemployment claim after a job ended on `lastWorkingDay`, registered on `registered`: when the rules
	 * make it payable, one paid row per 30-day period from the day it is paid from, up to the days the cause allows,
	 * for the periods that have ended (and been paid) by today. Each period is the rule's daily amount × its days.
	 */
	function unemploymentClaim(pid: string, months: readonly Month[], lastWorkingDay: string, cause: EndReason, registered: string) {
		if (cause === 'dismissed_misconduct' || cause === 'moved_section') return;
		const est = estimateUnemployment({ contributions: months, lastWorkingDay, cause, registrationDate: registered });
		if (!est.eligible || est.dailySatang === null) return;
		for (let from = est.payFrom, left = est.maxDays; left > 0;) {
			const days = Math.min(30, left);
			const to = addDays(from, days - 1);
			const paidOn = addDays(to, 1);
			if (paidOn > today) break;
			ins.claim.run(pid, 'unemployment', registered, from, to, est.dailySatang * days, 'paid', paidOn, cause);
			summary.claims++;
			from = addDays(to, 1);
			left -= days;
		}
	}

	const person = (
		id: string,
		th: readonly string[],
		en: readonly string[],
		birth: string,
		gender: string,
		nationality = 'TH',
		passport: readonly string[] = []
	) => {
		ins.person.run(id, th[0]!, th[1]!, th[2]!, en[0]!, en[1]!, en[2]!, birth, gender, nationality, passport[0] ?? null, passport[1] ?? null);
		summary.persons++;
	};

	// ── the named demo people ──
	const D = DEMO_PEOPLE;
	const bkk = employers[0]!;
	const bkk2 = employers[1]!;
	const thisPeriod = periodOf(today);
	{
		person(D.s33Active.id, D.s33Active.th, D.s33Active.en, D.s33Active.birth, D.s33Active.gender);
		s33Employment(D.s33Active.id, bkk2, '2013-06-01', '2016-03-31', 'resigned', 1_200_000);
		const b = s33Employment(D.s33Active.id, bkk, '2016-04-01', null, null, 1_450_000);
		assignHospital(D.s33Active.id, 0, '2013-06-01');
		sicknessClaims(D.s33Active.id, b, 2);

		person(D.s39.id, D.s39.th, D.s39.en, D.s39.birth, D.s39.gender);
		s33Employment(D.s39.id, bkk2, '2010-05-01', '2023-06-30', 'resigned', 1_300_000);
		s39Membership(D.s39.id, '2023-07-01', (p) => p === lastPaid);
		assignHospital(D.s39.id, 0, '2010-05-01');

		person(D.s40.id, D.s40.th, D.s40.en, D.s40.birth, D.s40.gender);
		s40Membership(D.s40.id, 2, '2022-01-10', (p) => p === '2024-02' || p === '2024-03');

		person(D.dismissed.id, D.dismissed.th, D.dismissed.en, D.dismissed.birth, D.dismissed.gender);
		const ended = lastDay(addMonths(thisPeriod, -1));
		const bw = s33Employment(D.dismissed.id, bkk, '2019-02-01', ended, 'dismissed', 2_250_000);
		assignHospital(D.dismissed.id, 0, '2019-02-01');
		sicknessClaims(D.dismissed.id, bw, 1);

		person(D.neverInsured.id, D.neverInsured.th, D.neverInsured.en, D.neverInsured.birth, D.neverInsured.gender);

		// the foreign workers draw from a stream of their own, so everyone generated after them is who they were before
		const g = mulberry32((opts.seed ?? 20261125) ^ 0x0f0f0f0f);
		const F = DEMO_FOREIGN_WORKERS;
		const stories = [
			[F.myanmar, bkk, '2019-05-01', 1_200_000],
			[F.cambodia, employers[2]!, '2021-09-01', 1_050_000],
			[F.laos, bkk2, '2017-03-01', 1_150_000]
		] as const;
		for (const [w, emp, start, wage] of stories) {
			person(w.id, w.th, w.en, w.birth, w.gender, w.nationality, w.passport);
			const months = s33Employment(w.id, emp, start, null, null, wage, g);
			assignHospital(w.id, emp.province, start, g);
			sicknessClaims(w.id, months, 1, g);
		}
	}
	yield;

	// ── everyone else ──
	const used = new Set<string>([...Object.values(D), ...Object.values(DEMO_FOREIGN_WORKERS)].map((p) => p.id));
	const todayYear = Number(today.slice(0, 4));
	const total = opts.persons;
	const batch = opts.batchSize ?? 2000;
	let made = summary.persons;
	while (made < total) {
		const n = Math.min(batch, total - made);
		{
			for (let k = 0; k < n; k++) {
				const gender = r() < 0.5 ? 'M' : 'F';
				const [fTh, fEn] = pick(r, gender === 'M' ? MALE_FIRST : FEMALE_FIRST);
				const [lTh, lEn] = pick(r, LAST);
				const age = int(r, 18, 68);
				const by = todayYear - age;
				const birth = `${by}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
				let id: string;
				do {
					const first12 = (by >= 1984 ? '1' : '3') + String(int(r, 0, 99_999_999_999)).padStart(11, '0');
					id = first12 + nationalIdCheckDigit(first12);
				} while (used.has(id));
				used.add(id);
				const titleTh = gender === 'M' ? 'นาย' : r() < 0.5 ? 'นาง' : 'นางสาว';
				const titleEn = gender === 'M' ? 'Mr.' : titleTh === 'นาง' ? 'Mrs.' : 'Ms.';
				person(id, [titleTh, fTh, lTh], [titleEn, fEn, lEn], birth, gender);

				const adult = `${by + 18}-${birth.slice(5, 7)}-01`;
				// the registry holds ten years: someone older starts within them, so every coverage has its months
				const earliest = adult > `${windowStart}-01` ? adult : `${addMonths(windowStart, int(r, 0, 12))}-01`;
				const roll = r();
				if (roll < 0.55 || (roll < 0.63 && age < 22)) {
					// section 33, working now; one to three jobs
					const jobs = int(r, 1, 3);
					let start = earliest;
					let bases: Month[] = [];
					let province = 0;
					for (let j = 0; j < jobs; j++) {
						const emp = pick(r, employers);
						province = emp.province;
						const wage = int(r, 90, 450) * 10_000;
						const isLast = j === jobs - 1;
						const months = isLast ? 0 : int(r, 6, 48);
						const endP = addMonths(periodOf(start), months);
						if (!isLast && endP >= thisPeriod) {
							bases = bases.concat(s33Employment(id, emp, start, null, null, wage));
							break;
						}
						bases = bases.concat(
							s33Employment(id, emp, start, isLast ? null : lastDay(endP), isLast ? null : pick(r, ['resigned', 'contract_ended', 'resigned'] as const), wage)
						);
						start = `${addMonths(endP, int(r, 1, 3))}-01`;
						if (start.slice(0, 7) > lastPaid) break;
					}
					assignHospital(id, province, earliest);
					if (r() < 0.3) sicknessClaims(id, bases, int(r, 1, 3));
				} else if (roll < 0.63) {
					// section 33, ended within the last 18 months
					const emp = pick(r, employers);
					const endP = addMonths(thisPeriod, -int(r, 1, 18));
					const start = earliest.slice(0, 7) < endP ? earliest : `${addMonths(endP, -24)}-01`;
					const reason = pick(r, ['resigned', 'contract_ended', 'dismissed', 'dismissed', 'business_closed', 'dismissed_misconduct'] as const);
					const months = s33Employment(id, emp, start, lastDay(endP), reason, int(r, 90, 350) * 10_000);
					assignHospital(id, emp.province, start);
					// the claim carries the cause the job ended with: the yearly day caps depend on it
					if (reason !== 'dismissed_misconduct' && r() < 0.5) unemploymentClaim(id, months, lastDay(endP), reason, `${addMonths(endP, 1)}-05`);
				} else if (roll < 0.75) {
					// former employee, now section 39
					const emp = pick(r, employers);
					const leave = addMonths(thisPeriod, -int(r, 4, 60));
					const worked = addMonths(leave, -int(r, 12, 96));
					// not before adulthood nor before the registry's ten years; at least 6 months of work
					const start = worked < periodOf(earliest) ? periodOf(earliest) : worked;
					if (start > addMonths(leave, -6)) continue;
					s33Employment(id, emp, `${start}-01`, lastDay(leave), 'resigned', int(r, 90, 300) * 10_000);
					const misses = new Set([addMonths(lastPaid, -int(r, 0, 30)), r() < 0.3 ? lastPaid : '']);
					s39Membership(id, `${addMonths(leave, 1)}-01`, (p) => misses.has(p));
					assignHospital(id, emp.province, `${start}-01`);
				} else if (roll < 0.88) {
					// section 40
					const opt = pick(r, [1, 2, 2, 3] as const);
					const start = `${addMonths(thisPeriod, -int(r, 2, 100))}-${String(int(r, 1, 28)).padStart(2, '0')}`;
					// section 40 takes members aged 15–65
					const ageAtStart = ageOn(birth, start);
					if (ageAtStart < 15 || ageAtStart > 65) continue;
					s40Membership(id, opt, start, () => r() < 0.15);
				}
				// else: never insured
			}
		}
		made += n;
		yield;
		opts.onProgress?.(made, total);
	}
	return summary;
}
