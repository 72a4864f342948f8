/**
 * The demo registry says nothing the rules contradict: every seeded row is recomputed here from src/lib/rules
 * (contribution amounts of each section and month, old-age savings, sickness and unemployment claim amounts, real
 * calendar dates, section 40 coverage from the first payment, no coverage long before its first contribution).
 * Differences are collected and listed, so a failure shows what is wrong and how often.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../../../tests/unit/fresh-db';
import { DEMO_PEOPLE, seedRegistry } from './seed';
import { section33Contribution, section39Contribution, section40Contribution } from '$lib/rules/contributions';
import { rowFor, S33_WAGE_BANDS } from '$lib/rules/rates';
import { oldAgeShare, totalOldAgeSavings } from '$lib/rules/savings';
import { isIsoDate, sicknessClaim, daysInclusive, SICKNESS_MAX_DAYS_PER_YEAR } from '$lib/rules/sickness';
import { estimateUnemployment, isLayoff, type Cause } from '$lib/rules/unemployment';
import { addDays, addMonths, ageOn, periodOf } from '$lib/rules/periods';
import { lastPaidPeriod } from '$lib/rules/workdays';

interface Contribution {
	person_id: string;
	period: string;
	section: number;
	employer_id: number | null;
	payer: string;
	wage_base_satang: number;
	insured_satang: number;
	employer_satang: number;
	government_satang: number;
	paid_date: string;
}
interface Coverage {
	person_id: string;
	section: number;
	s40_option: number | null;
	start_date: string;
	end_date: string | null;
	end_reason: string | null;
}
interface Employment {
	person_id: string;
	employer_id: number;
	start_date: string;
	end_date: string | null;
	end_reason: string | null;
}
interface Claim {
	person_id: string;
	kind: string;
	claim_date: string;
	start_date: string | null;
	end_date: string | null;
	amount_satang: number;
	status: string;
	paid_date: string | null;
	cause: string | null;
}

const group = <T extends { person_id: string }>(rows: T[]) => {
	const m = new Map<string, T[]>();
	for (const r of rows) m.set(r.person_id, [...(m.get(r.person_id) ?? []), r]);
	return m;
};
const within = (period: string, c: { start_date: string; end_date: string | null }) =>
	period >= periodOf(c.start_date) && (c.end_date === null || period <= periodOf(c.end_date));

/** Every difference between the seeded registry and the rules, as readable lines. */
function differences(persons: number, today: string, seed: number): { diffs: string[]; claims: Record<string, number> } {
	const db = freshDb();
	seedRegistry(db, { persons, today, seed });
	const all = <T>(sql: string) => db.$client.prepare(sql).all() as T[];
	const out: string[] = [];
	const lastPaid = lastPaidPeriod(today);
	// the registry holds ten years of contribution months (seed.test.ts); older months are outside its history
	const historyFrom = addMonths(lastPaid, -119);

	const contributions = group(all<Contribution>('SELECT * FROM contributions ORDER BY person_id, period'));
	const coverages = group(all<Coverage>('SELECT * FROM coverages ORDER BY person_id, start_date'));
	const employments = group(all<Employment>('SELECT * FROM employments ORDER BY person_id, start_date'));
	const claims = group(all<Claim>('SELECT * FROM benefit_claims ORDER BY person_id, start_date'));

	const births = new Map<string, string>();
	for (const p of all<{ national_id: string; birth_date: string }>('SELECT national_id, birth_date FROM persons')) {
		if (!isIsoDate(p.birth_date)) out.push(`${p.national_id} birth date ${p.birth_date}`);
		births.set(p.national_id, p.birth_date);
	}
	// the named demo people's stories begin before the registry's ten years (README: employed since 2016, left work in
	// 2023 after thirteen years); their older months are outside the history it holds
	const storiesBeforeHistory = new Set<string>([DEMO_PEOPLE.s33Active.id, DEMO_PEOPLE.s39.id]);
	for (const a of all<{ person_id: string; valid_from: string }>('SELECT person_id, valid_from FROM hospital_assignments'))
		if (!isIsoDate(a.valid_from)) out.push(`${a.person_id} hospital from ${a.valid_from}`);

	for (const [pid, covs] of coverages) {
		const rows = contributions.get(pid) ?? [];
		for (const c of covs) {
			if (!isIsoDate(c.start_date) || (c.end_date !== null && (!isIsoDate(c.end_date) || c.end_date < c.start_date)))
				out.push(`${pid} s${c.section} coverage ${c.start_date}..${c.end_date}`);
			const mine = rows.filter((r) => r.section === c.section && within(r.period, c));
			if (periodOf(c.start_date) < historyFrom && !storiesBeforeHistory.has(pid))
				out.push(`${pid} s${c.section} coverage starts ${c.start_date}, before the history`);
			if (c.section === 40) {
				// Coverage starts on the date of the first payment (sso-rules.md, section 40 membership)
				const age = ageOn(births.get(pid)!, c.start_date);
				if (age < 15 || age > 65) out.push(`${pid} s40 coverage starts at age ${age}`);
				const first = mine.map((r) => r.paid_date).sort()[0];
				if (first !== c.start_date) out.push(`${pid} s40 coverage starts ${c.start_date}, first payment ${first}`);
				if (mine[0] && mine[0].period !== periodOf(c.start_date)) out.push(`${pid} s40 coverage starts ${c.start_date}, first month ${mine[0].period}`);
			} else {
				// contributions from the first month of coverage; a coverage older than the registry's history starts at its first month
				const expected = periodOf(c.start_date) < historyFrom ? historyFrom : periodOf(c.start_date);
				const endsBefore = c.end_date !== null && periodOf(c.end_date) < historyFrom;
				if (!endsBefore && expected <= lastPaid && mine[0]?.period !== expected)
					out.push(`${pid} s${c.section} coverage starts ${c.start_date}, first contribution ${mine[0]?.period}`);
			}
		}
	}

	for (const [pid, rows] of contributions) {
		const covs = coverages.get(pid) ?? [];
		const jobs = employments.get(pid) ?? [];
		const priced: Parameters<typeof totalOldAgeSavings>[0][number][] = [];
		const seen = new Set<string>();
		for (const r of rows) {
			const at = `${pid} ${r.period} s${r.section}`;
			if (r.period > lastPaid) out.push(`${at} after the last month due`);
			if (!isIsoDate(r.paid_date) || r.paid_date > today) out.push(`${at} paid ${r.paid_date}`);
			const cov = covs.find((c) => c.section === r.section && within(r.period, c));
			if (!cov) out.push(`${at} outside any section ${r.section} coverage`);
			if (r.section !== 40) {
				if (seen.has(r.period)) out.push(`${at} a second section 33/39 row in the month`);
				seen.add(r.period);
			}
			const got = [r.wage_base_satang, r.insured_satang, r.employer_satang, r.government_satang];
			let c;
			if (r.section === 33) {
				c = section33Contribution(r.wage_base_satang, r.period);
				const band = rowFor(S33_WAGE_BANDS, r.period);
				if (r.wage_base_satang < band.floorSatang || r.wage_base_satang > band.ceilingSatang)
					out.push(`${at} wage base ${r.wage_base_satang} outside the band`);
				if (!jobs.some((j) => j.employer_id === r.employer_id && within(r.period, j))) out.push(`${at} no employment with employer ${r.employer_id}`);
			} else if (r.section === 39) c = section39Contribution(r.period);
			else if (r.section === 40 && cov && (cov.s40_option === 1 || cov.s40_option === 2 || cov.s40_option === 3)) c = section40Contribution(cov.s40_option);
			if (!c) {
				out.push(`${at} cannot be priced`);
				continue;
			}
			const want = [c.wageBaseSatang, c.insuredSatang, c.employerSatang, c.governmentSatang];
			if (got.join() !== want.join()) out.push(`${at} stored ${got.join('/')}, rules ${want.join('/')}`);
			priced.push({
				period: r.period,
				section: r.section,
				wageBaseSatang: r.wage_base_satang,
				insuredSatang: r.insured_satang,
				employerSatang: r.employer_satang,
				governmentSatang: r.government_satang,
				s40Option: cov?.s40_option ?? null
			});
		}
		// savings: the sum of each month's old-age share, each priced with its own row (whole satang, never negative)
		const total = totalOldAgeSavings(priced);
		const byHand = priced.reduce((a, r) => a + oldAgeShare(r).insuredSatang + oldAgeShare(r).employerSatang, 0);
		if (total.totalSatang !== byHand || !Number.isInteger(total.totalSatang)) out.push(`${pid} savings ${total.totalSatang} ≠ ${byHand}`);
	}

	for (const [pid, list] of claims) {
		const rows = (contributions.get(pid) ?? []).filter((r) => r.section === 33 || r.section === 39);
		const monthly = rows.map((r) => ({ period: r.period, wageBaseSatang: r.wage_base_satang }));
		const covs = (coverages.get(pid) ?? []).filter((c) => c.section === 33 || c.section === 39);
		const daysByYear = new Map<string, { sick: number; layoff: number; resign: number }>();
		const year = (y: string) => daysByYear.get(y) ?? daysByYear.set(y, { sick: 0, layoff: 0, resign: 0 }).get(y)!;
		let lastEnd = '';
		for (const c of list) {
			const at = `${pid} ${c.kind} ${c.start_date}..${c.end_date}`;
			const dates = [c.claim_date, c.start_date, c.end_date, c.paid_date].filter((d): d is string => d !== null);
			if (!dates.every(isIsoDate) || !c.start_date || !c.end_date) {
				out.push(`${at} dates ${dates.join(' ')}`);
				continue;
			}
			if (c.end_date < c.start_date || (c.paid_date !== null && (c.paid_date < c.end_date || c.paid_date > today)) || c.claim_date > today)
				out.push(`${at} claimed ${c.claim_date}, paid ${c.paid_date}`);
			if (c.start_date <= lastEnd) out.push(`${at} overlaps the claim before`);
			lastEnd = c.end_date;
			for (let d = c.start_date; d <= c.end_date; d = addDays(d, 1)) {
				const y = year(d.slice(0, 4));
				if (c.kind === 'sickness') y.sick++;
				else if (isLayoff((c.cause ?? 'resigned') as Cause)) y.layoff++;
				else y.resign++;
			}
			if (c.kind === 'sickness') {
				if (!covs.some((v) => c.start_date! >= v.start_date && (v.end_date === null || c.end_date! <= v.end_date))) out.push(`${at} outside coverage`);
				const s = sicknessClaim(monthly, c.start_date, c.end_date);
				if (!s.qualifies) out.push(`${at} without 3 months in 15 (${s.paid})`);
				if (s.days !== s.paidDays) out.push(`${at} longer than 90 days`);
				if (c.amount_satang !== s.totalSatang) out.push(`${at} stored ${c.amount_satang}, rules ${s.totalSatang} (${s.days} days at ${s.dailySatang})`);
			} else if (c.kind === 'unemployment') {
				const job = (employments.get(pid) ?? []).filter((j) => j.end_date !== null && j.end_date < c.start_date!).pop();
				if (!job || job.end_reason !== c.cause) {
					out.push(`${at} cause ${c.cause}, job ended ${job?.end_reason}`);
					continue;
				}
				const e = estimateUnemployment({
					contributions: monthly,
					lastWorkingDay: job.end_date!,
					cause: c.cause as Cause,
					registrationDate: c.claim_date
				});
				if (!e.eligible) {
					out.push(`${at} not eligible (${e.reason})`);
					continue;
				}
				if (c.start_date < e.payFrom) out.push(`${at} paid before ${e.payFrom}`);
				const want = e.dailySatang! * daysInclusive(c.start_date, c.end_date);
				if (c.amount_satang !== want) out.push(`${at} stored ${c.amount_satang}, rules ${want}`);
			} else out.push(`${at} a kind the seed does not price`);
		}
		for (const [y, d] of daysByYear) {
			if (d.sick > SICKNESS_MAX_DAYS_PER_YEAR) out.push(`${pid} ${y} ${d.sick} sickness days`);
			if (d.layoff + d.resign > 180 || d.resign > 90) out.push(`${pid} ${y} unemployment days ${d.layoff} + ${d.resign}`);
		}
	}
	const kinds = all<{ kind: string; n: number }>('SELECT kind, count(*) n FROM benefit_claims GROUP BY kind');
	return { diffs: out, claims: Object.fromEntries(kinds.map((k) => [k.kind, k.n])) };
}

describe('the demo registry agrees with the rules', () => {
	it.each([
		[400, '2026-11-25', 20261125],
		[300, '2026-01-10', 5]
	])('%d persons as of %s (seed %d): no row differs from its recomputation', (persons, today, seed) => {
		const { diffs, claims } = differences(persons, today, seed);
		// the check is not empty: the registry holds claims of both kinds it prices
		expect(claims.sickness).toBeGreaterThan(10);
		expect(claims.unemployment).toBeGreaterThan(10);
		// how many of each kind (numbers and IDs blanked), and a few whole lines
		const kinds: Record<string, number> = {};
		for (const d of diffs) {
			const k = d.replace(/^\d{13} /, '').replace(/[\d./-]+/g, '#');
			kinds[k] = (kinds[k] ?? 0) + 1;
		}
		expect({ count: diffs.length, kinds, some: diffs.filter((_, i) => i % Math.ceil(diffs.length / 12) === 0) }).toEqual({ count: 0, kinds: {}, some: [] });
	});
});
