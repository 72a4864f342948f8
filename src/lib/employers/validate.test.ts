import { describe, expect, it } from 'vitest';
import { IdLines, Sso110Checker, type CheckOptions } from './validate';
import type { Sso110Detail, Sso110Header } from './sso110';
import { section33Contribution } from '$lib/rules/contributions';

const REGISTRY = new Set(['1103700123458', '3100600456785', '3501100789014']);
const OPTS: CheckOptions = { account: '1000012345', branch: '000000', today: '2026-11-26', person: (id) => (REGISTRY.has(id) ? 'employed' : 'unknown') };

/** April 2565 (2022-04): 5 %, ceiling 15,000. */
function row(nationalId: string, wageSatang: number, period = '2022-04'): Sso110Detail {
	return { nationalId, titleCode: '003', firstName: 'ก', lastName: 'ข', wageSatang, employeeSatang: section33Contribution(wageSatang, period).insuredSatang };
}

function header(rows: Sso110Detail[], over: Partial<Sso110Header> = {}): Sso110Header {
	const employer = rows.reduce((a, r) => a + section33Contribution(r.wageSatang, over.period ?? '2022-04').employerSatang, 0);
	const employee = rows.reduce((a, r) => a + r.employeeSatang, 0);
	return {
		account: '1000012345',
		branch: '000000',
		paymentDate: '2022-05-10',
		period: '2022-04',
		companyName: 'มหาวิทยาลัยทดสอบ',
		rateBp: 500,
		count: rows.length,
		totalWagesSatang: rows.reduce((a, r) => a + r.wageSatang, 0),
		totalContributionSatang: employee + employer,
		employeeSatang: employee,
		employerSatang: employer,
		...over
	};
}

function check(h: Sso110Header | null, rows: Sso110Detail[], opts = OPTS) {
	const c = new Sso110Checker(opts);
	let line = 0;
	if (h) c.checkHeader(h, ++line);
	for (const r of rows) c.checkDetail(r, ++line);
	c.finish(line);
	return c;
}

const codes = (c: Sso110Checker) => c.problems.map((p) => `${p.line}:${p.field}:${p.code}`);

describe('SSO 1-10 checks', () => {
	it('a right file passes, with its totals (wages above the ceiling counted at 15,000)', () => {
		const rows = [row('1103700123458', 2_000_000), row('3100600456785', 1_000_000), row('3501100789014', 100_000)];
		const c = check(header(rows), rows);
		expect(codes(c)).toEqual([]);
		expect(c.ok).toBe(true);
		// 750 + 500 + 83 (1,650 floor × 5 % = 82.50 → 83)
		expect(c.totals).toEqual({
			count: 3,
			wagesSatang: 3_100_000,
			wageBaseSatang: 1_500_000 + 1_000_000 + 165_000,
			employeeSatang: 133_300,
			employerSatang: 133_300
		});
	});

	it('each rule, with the line that breaks it', () => {
		const good = [row('1103700123458', 1_500_000), row('3100600456785', 1_000_000)];
		const bad = [
			row('1103700123458', 1_500_000),
			{ ...row('3100600456785', 1_000_000), employeeSatang: 50_001 }, // wrong contribution
			row('1103700123459', 1_000_000), // check digit
			row('1100500567899', 1_000_000), // not in the registry
			row('1103700123458', 1_000_000) // twice
		];
		expect(codes(check(header(good), bad))).toEqual([
			'3:employeeSatang:emp_err_contribution',
			'4:nationalId:emp_err_check_digit',
			'5:nationalId:emp_err_not_in_registry',
			'6:nationalId:emp_err_duplicate',
			'1:count:emp_err_header_total',
			'1:totalWagesSatang:emp_err_header_total',
			'1:employeeSatang:emp_err_header_total',
			'1:employerSatang:emp_err_header_total',
			'1:totalContributionSatang:emp_err_header_total'
		]);
		expect(codes(check(header(good, { account: '1000099999' }), good))).toEqual(['1:account:emp_err_not_your_account']);
		expect(codes(check(header(good, { rateBp: 300 }), good))).toEqual(['1:rateBp:emp_err_rate']);
		// May 2022 was 1 %: the same wages at 5 % are wrong for that month
		expect(codes(check(header(good, { period: '2022-05', rateBp: 100 }), good))).toEqual([
			'2:employeeSatang:emp_err_contribution',
			'3:employeeSatang:emp_err_contribution'
		]);
		expect(codes(check(header(good, { period: '2026-12' }), good))).toContain('1:period:emp_err_future_period');
		expect(codes(check(null, good))).toEqual(['1:type:emp_err_no_header']);
		// a header after the lines, and a second header
		const late = new Sso110Checker(OPTS);
		late.checkDetail(good[0]!, 1);
		late.checkHeader(header(good), 2);
		late.checkHeader(header(good), 3);
		expect(codes(late)).toEqual(['1:type:emp_err_no_header', '2:type:emp_err_header_not_first', '3:type:emp_err_second_header']);
		expect(codes(check(null, []))).toEqual(['1:type:emp_err_empty']);
		expect(codes(check(header([]), []))).toEqual(['1:type:emp_err_no_rows']);
	});

	it('keeps the first problems and counts the rest', () => {
		const rows = Array.from({ length: 50 }, () => row('1103700123459', 1_000_000));
		const c = check(header(rows), rows, { ...OPTS, maxProblems: 10 });
		expect(c.problems).toHaveLength(10);
		expect(c.problemCount).toBe(50 + 49);
	});
});

describe('IdLines', () => {
	it('remembers each ID’s first line through many growths, and tells a repeat', () => {
		const s = new IdLines();
		const id = (n: number) => String(1_100_000_000_000 + n * 7919);
		for (let n = 0; n < 20_000; n++) expect(s.add(id(n), n + 2)).toBe(n + 2);
		expect(s.add(id(0), 99_999)).toBe(2);
		expect(s.add(id(12_345), 99_999)).toBe(12_347);
		expect(s.add('9999999999999', 5)).toBe(5);
	});
});
