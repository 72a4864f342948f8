/**
 * The checks of an SSO 1-10 submission before anything is written, line by line, streaming: one checker
 * sees the header, then each detail record, then the end, and keeps only running totals and the IDs seen. Every
 * problem names its line and field, with a message key the page shows in Thai or English.
 *
 * Rules: the header comes first and once; the account and branch are the uploader's own; the wage month is not in the
 * future; the rate is the insured rate of that month; each national ID has a valid check digit, is in the registry and
 * appears once; each employee contribution is the section 33 contribution of that wage in that month (floor, ceiling,
 * rate, rounding: src/lib/rules); the header's count and totals equal the sums of the detail lines.
 */
import { isValidNationalId } from '$lib/validation/national-id';
import { section33For, type Contribution } from '$lib/rules/contributions';
import { rowFor, S33_RATES } from '$lib/rules/rates';
import type { ProblemField, Sso110Detail, Sso110Header } from './sso110';
import type { MessageKey } from '$lib/validation/messages';

/** The first month of the rate table: the Social Security Fund's contributions began in 1991. */
const FIRST_PERIOD = S33_RATES.reduce((a, r) => (r.from < a ? r.from : a), '9999-12');

export interface Problem {
	line: number;
	field: ProblemField;
	/** a message key: emp_err_… */
	code: MessageKey;
	params?: Record<string, string | number>;
}

export interface CheckOptions {
	account: string;
	branch: string;
	/** ISO date, Bangkok */
	today: string;
	/** whether the registry knows the person, and whether they worked for this employer in the wage month */
	person: (nationalId: string, period: string) => 'unknown' | 'not_employed' | 'employed';
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
	/** every national ID so far and its line: 12 bytes a person (IdLines), the one thing that grows with the file */
	private readonly seen = new IdLines();
	private contribution: ((wageSatang: number) => Contribution) | null = null;
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
		else if (h.period < FIRST_PERIOD) this.problem({ line, field: 'period', code: 'emp_err_period_range', params: { first: FIRST_PERIOD } });
		else {
			const rate = rowFor(S33_RATES, h.period).insuredBp;
			if (h.rateBp !== rate) this.problem({ line, field: 'rateBp', code: 'emp_err_rate', params: { expected: rate / 100, got: h.rateBp / 100 } });
		}
		// paid for that month: not before it began, and not in the future
		if (h.paymentDate < `${h.period}-01` || h.paymentDate > this.o.today) this.problem({ line, field: 'paymentDate', code: 'emp_err_payment_date' });
	}

	/** A spreadsheet's month, chosen on the form (its account is the uploader's own by construction). */
	useFormHeader(h: Sso110Header): void {
		this.header = h;
		this.headerTotals = false;
		if (h.period > this.o.today.slice(0, 7)) this.problem({ line: 0, field: 'period', code: 'emp_err_future_period' });
		else if (h.period < FIRST_PERIOD) this.problem({ line: 0, field: 'period', code: 'emp_err_period_range', params: { first: FIRST_PERIOD } });
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
		// sums stay exact (safe integers): a total past 2^53 satang is no real payroll
		if (!Number.isSafeInteger(this.totals.wagesSatang)) this.problem({ line, field: 'wageSatang', code: 'emp_err_field_amount' });
		if (!isValidNationalId(d.nationalId)) this.problem({ line, field: 'nationalId', code: 'emp_err_check_digit' });
		else {
			const who = this.o.person(d.nationalId, this.header.period);
			if (who === 'unknown') this.problem({ line, field: 'nationalId', code: 'emp_err_not_in_registry' });
			else if (who === 'not_employed') this.problem({ line, field: 'nationalId', code: 'emp_err_not_employed' });
		}
		const first = this.seen.add(d.nationalId, line);
		if (first !== line) this.problem({ line, field: 'nationalId', code: 'emp_err_duplicate', params: { first } });
		if (this.header.period > this.o.today.slice(0, 7) || this.header.period < FIRST_PERIOD) return null; // no rate: reported on the header
		this.contribution ??= section33For(this.header.period);
		const c = this.contribution(d.wageSatang);
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

/**
 * National IDs (13 digits, so exact as doubles) and the line each was first seen on, in an open-addressing hash table of
 * typed arrays: 12 bytes a person at the fullest, instead of a string-keyed Map's 100-odd.
 */
export class IdLines {
	private keys = new Float64Array(1024);
	private lines = new Int32Array(1024);
	private size = 0;

	/** The line this ID (13 digits, as the readers give) was first seen on: `line` itself when it is new, and now recorded. */
	add(id: string, line: number): number {
		const key = Number(id) + 1; // 0 marks an empty slot
		if ((this.size + 1) * 2 > this.keys.length) this.grow();
		const mask = this.keys.length - 1;
		let i = Math.imul(key % 2 ** 31, 0x9e3779b1) & mask;
		for (;;) {
			const k = this.keys[i]!;
			if (k === 0) {
				this.keys[i] = key;
				this.lines[i] = line;
				this.size += 1;
				return line;
			}
			if (k === key) return this.lines[i]!;
			i = (i + 1) & mask;
		}
	}

	private grow(): void {
		const { keys, lines } = this;
		this.keys = new Float64Array(keys.length * 2);
		this.lines = new Int32Array(keys.length * 2);
		this.size = 0;
		for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.reinsert(keys[i]!, lines[i]!);
	}

	private reinsert(key: number, line: number): void {
		const mask = this.keys.length - 1;
		let i = Math.imul(key % 2 ** 31, 0x9e3779b1) & mask;
		while (this.keys[i] !== 0) i = (i + 1) & mask;
		this.keys[i] = key;
		this.lines[i] = line;
		this.size += 1;
	}
}
