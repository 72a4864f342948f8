/** The contributions page, its CSV and the yearly statement share this view of a person's contribution lines. */
import type { Locale } from '$lib/i18n';
import { addMonths, periodRange } from '$lib/rules/periods';
import { lastPaidPeriod } from '$lib/rules/workdays';
import type { ContributionLine } from './records';
import { csvDocument } from '../csv';
import { toBE, toCE } from '$lib/format/date';

export interface YearTotals {
	insuredSatang: number;
	employerSatang: number;
	governmentSatang: number;
	totalSatang: number;
	months: number;
}

export function yearsOf(lines: readonly ContributionLine[]): number[] {
	return [...new Set(lines.map((l) => Number(l.period.slice(0, 4))))].sort((a, b) => b - a);
}

/** Parse ?year= (พ.ศ.) against the years that have data; default the newest. */
export function pickYear(param: string | null, years: readonly number[]): number | null {
	if (years.length === 0) return null;
	const be = Number(param);
	if (param && /^\d{4}$/.test(param) && years.includes(toCE(be))) return toCE(be);
	return years[0]!;
}

export function totals(lines: readonly ContributionLine[]): YearTotals {
	const t = { insuredSatang: 0, employerSatang: 0, governmentSatang: 0, totalSatang: 0, months: new Set(lines.map((l) => l.period)).size };
	for (const l of lines) {
		t.insuredSatang += l.insuredSatang;
		t.employerSatang += l.employerSatang;
		t.governmentSatang += l.governmentSatang;
	}
	t.totalSatang = t.insuredSatang + t.employerSatang + t.governmentSatang;
	return t;
}

export type Row = ({ missing: false } & ContributionLine) | { missing: true; period: string };

/**
 * The months of a year, newest first, with every line; a month between the first contribution and the last
 * month due (the previous month) that has no line is marked missing.
 */
export function yearRows(lines: readonly ContributionLine[], year: number, today: string): Row[] {
	const inYear = lines.filter((l) => l.period.startsWith(`${year}-`));
	if (lines.length === 0) return [];
	const first = lines[0]!.period;
	// up to the last month due, or a later month an employer has already submitted
	const latest = lines[lines.length - 1]!.period;
	const lastDue = latest > lastPaidPeriod(today) ? latest : lastPaidPeriod(today);
	const from = `${year}-01` > first ? `${year}-01` : first;
	const to = `${year}-12` < lastDue ? `${year}-12` : lastDue;
	const rows: Row[] = [];
	for (const p of from <= to ? periodRange(from, to).reverse() : []) {
		const ls = inYear.filter((l) => l.period === p);
		if (ls.length === 0) rows.push({ missing: true, period: p });
		else for (const l of ls) rows.push({ missing: false, ...l });
	}
	return rows;
}

/**
 * My part for each of the last 24 months up to the last month due: 0 where nothing was paid, null before the
 * first contribution (nothing was owed then).
 */
export function last24(lines: readonly ContributionLine[], today: string): { period: string; insuredSatang: number | null }[] {
	const lastDue = lastPaidPeriod(today);
	const first = lines[0]?.period ?? lastDue;
	const byPeriod = new Map<string, number>();
	for (const l of lines) byPeriod.set(l.period, (byPeriod.get(l.period) ?? 0) + l.insuredSatang);
	return periodRange(addMonths(lastDue, -23), lastDue).map((period) => ({ period, insuredSatang: period < first ? null : (byPeriod.get(period) ?? 0) }));
}

const money = (satang: number) => (satang / 100).toFixed(2);

/**
 * CSV with a byte-order mark so Excel reads Thai; amounts in baht with two decimals. Employer names come from
 * employers' own filings: quoted and formula-neutralised like every CSV of the portal (src/server/csv.ts).
 */
export function toCsv(lines: readonly ContributionLine[], locale: Locale): string {
	const head =
		locale !== 'th'
			? ['month', 'year_be', 'section', 'employer', 'wage_base', 'my_part', 'employer_part', 'government_part', 'paid_date']
			: ['เดือน', 'ปี_พศ', 'มาตรา', 'นายจ้าง', 'ค่าจ้างที่ใช้คำนวณ', 'ส่วนของฉัน', 'ส่วนนายจ้าง', 'ส่วนรัฐบาล', 'วันที่ชำระ'];
	const body = lines.map((l) => [
		l.period,
		String(toBE(Number(l.period.slice(0, 4)))),
		String(l.section),
		(locale !== 'th' ? l.employerEn : l.employer) ?? '',
		money(l.wageBaseSatang),
		money(l.insuredSatang),
		money(l.employerSatang),
		money(l.governmentSatang),
		l.paidDate
	]);
	return csvDocument([head, ...body]);
}
