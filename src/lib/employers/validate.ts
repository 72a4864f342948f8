/**
 * The checks of an SSO 1-10 submission before anything is written (issue 9), line by line, streaming: one checker
 * sees the header, then each detail record, then the end, and keeps only running totals and the IDs seen. Every
 * problem names its line and field, with a message key the page shows in Thai or English.
 *
 * Rules: the header comes first and once; the account and branch are the uploader's own; the wage month is not in the
 * future; the rate is the insured rate of that month; each national ID has a valid check digit, is in the registry and
 * appears once; each employee contribution is the section 33 contribution of that wage in that month (floor, ceiling,
 * rate, rounding: src/lib/rules); the header's count and totals equal the sums of the detail lines.
 */
import { isValidNationalId } from '$lib/validation/national-id';
import { section33Contribution, type Contribution } from '$lib/rules/contributions';
import { rowFor, S33_RATES } from '$lib/rules/rates';
import type { Sso110Detail, Sso110Header } from './sso110';

export interface Problem {
	line: number;
	field: string;
	/** a message key: emp_err_… */
	code: string;
	params?: Record<string, string | number>;
}

export interface CheckOptions {
	account: string;
	branch: string;
	/** ISO date, Bangkok */
	today: string;
	personExists: (nationalId: string) => boolean;
	/** stop collecting after this many problems (the page shows the first ones and the count) */
	maxProblems?: number;
}

export interface Totals {
	count: number;
	wagesSatang: number;
	wageBaseSatang: number;
	employeeSatang: number;
	employerSatang: number;
}

export class Sso110Checker {
	readonly problems: Problem[] = [];
	problemCount = 0;
	header: Sso110Header | null = null;
	readonly totals: Totals = { count: 0, wagesSatang: 0, wageBaseSatang: 0, employeeSatang: 0, employerSatang: 0 };
	private readonly seen = new Map<string, number>();
	private headerLine = 0;
	/** a spreadsheet has no header record: its month comes from the form, and there are no header totals to compare */
	private headerTotals = true;

	constructor(private readonly o: CheckOptions) {}

	problem(p: Problem): void {
		this.problemCount += 1;
		if (this.problems.length < (this.o.maxProblems ?? 500)) this.problems.push(p);
	}

	checkHeader(h: Sso110Header, line: number): void {
		if (this.header) {
			this.problem({ line, field: 'type', code: 'emp_err_second_header', params: { first: this.headerLine } });
			return;
		}
		this.header = h;
		this.headerLine = line;
		if (line !== 1) this.problem({ line, field: 'type', code: 'emp_err_header_not_first' });
		if (h.account !== this.o.account || h.branch !== this.o.branch)
			this.problem({ line, field: 'account', code: 'emp_err_not_your_account', params: { account: h.account, branch: h.branch } });
		if (h.period > this.o.today.slice(0, 7)) this.problem({ line, field: 'period', code: 'emp_err_future_period' });
		else {
			const rate = rowFor(S33_RATES, h.period).insuredBp;
			if (h.rateBp !== rate) this.problem({ line, field: 'rateBp', code: 'emp_err_rate', params: { expected: rate / 100, got: h.rateBp / 100 } });
		}
	}

	/** A spreadsheet's month, chosen on the form (its account is the uploader's own by construction). */
	useFormHeader(h: Sso110Header): void {
		this.header = h;
		this.headerTotals = false;
		if (h.period > this.o.today.slice(0, 7)) this.problem({ line: 0, field: 'period', code: 'emp_err_future_period' });
	}

	/** Checks one person's line; returns the contribution of that wage in that month (for the ledger), or null. */
	checkDetail(d: Sso110Detail, line: number): Contribution | null {
		if (!this.header) {
			if (this.totals.count === 0) this.problem({ line, field: 'type', code: 'emp_err_no_header' });
			this.totals.count += 1;
			return null;
		}
		this.totals.count += 1;
		this.totals.wagesSatang += d.wageSatang;
		if (!isValidNationalId(d.nationalId)) this.problem({ line, field: 'nationalId', code: 'emp_err_check_digit' });
		else if (!this.o.personExists(d.nationalId)) this.problem({ line, field: 'nationalId', code: 'emp_err_not_in_registry' });
		const first = this.seen.get(d.nationalId);
		if (first !== undefined) this.problem({ line, field: 'nationalId', code: 'emp_err_duplicate', params: { first } });
		else this.seen.set(d.nationalId, line);
		if (this.header.period > this.o.today.slice(0, 7)) return null; // no rate for a future month; reported on the header
		const c = section33Contribution(d.wageSatang, this.header.period);
		this.totals.wageBaseSatang += c.wageBaseSatang;
		this.totals.employeeSatang += d.employeeSatang;
		this.totals.employerSatang += c.employerSatang;
		if (d.employeeSatang !== c.insuredSatang)
			this.problem({ line, field: 'employeeSatang', code: 'emp_err_contribution', params: { expected: c.insuredSatang, got: d.employeeSatang } });
		return c;
	}

	/** After the last line: the header's count and totals against the sums. */
	finish(lastLine: number): void {
		const h = this.header;
		if (!h) {
			if (this.totals.count === 0) this.problem({ line: Math.max(1, lastLine), field: 'type', code: 'emp_err_empty' });
			return;
		}
		if (this.totals.count === 0) this.problem({ line: lastLine, field: 'type', code: 'emp_err_no_rows' });
		if (!this.headerTotals) return;
		const t = this.totals;
		const want: [keyof Sso110Header, number][] = [
			['count', t.count],
			['totalWagesSatang', t.wagesSatang],
			['employeeSatang', t.employeeSatang],
			['employerSatang', t.employerSatang],
			['totalContributionSatang', t.employeeSatang + t.employerSatang]
		];
		for (const [field, sum] of want)
			if (h[field] !== sum) this.problem({ line: this.headerLine, field, code: 'emp_err_header_total', params: { header: Number(h[field]), sum } });
	}

	get ok(): boolean {
		return this.problemCount === 0;
	}
}
