import { describe, expect, it } from 'vitest';
import { amountSatang, sheetLines, splitName, type Cell } from './sheet';

describe('the e-Service bulk sheet', () => {
	it('reads amounts as text, as numbers, or as baht and satang columns', () => {
		expect(amountSatang('20,780.00', undefined, false)).toBe(2_078_000);
		expect(amountSatang('10970.5', undefined, false)).toBe(1_097_050);
		expect(amountSatang(549, undefined, false)).toBe(54_900);
		expect(amountSatang(10_970.1, undefined, false)).toBe(1_097_010);
		expect(amountSatang(20_780, 30, true)).toBe(2_078_030);
		expect(amountSatang('1,234', '05', true)).toBe(123_405);
		for (const bad of ['', 'abc', '1.234', '-5', '1,23.00']) expect(amountSatang(bad, undefined, false)).toBeNull();
		expect(amountSatang(-1, undefined, false)).toBeNull();
		expect(amountSatang(1.005, undefined, false)).toBeNull();
		expect(amountSatang(10, 100, true)).toBeNull();
		// no more than the file's 14 digits of satang (a safe integer, whole satang)
		expect(amountSatang('999,999,999,999.99', undefined, false)).toBe(99_999_999_999_999);
		expect(amountSatang('99999999999999999999', undefined, false)).toBeNull();
		expect(amountSatang(1e13, undefined, false)).toBeNull();
		expect(amountSatang(1e13, 0, true)).toBeNull();
	});

	it('splits a title and a name', () => {
		expect(splitName('นางสาวสมจารี ใจดี')).toEqual({ title: 'นางสาว', firstName: 'สมจารี', lastName: 'ใจดี' });
		expect(splitName(' นาย ภูรี  ศรี สุข ')).toEqual({ title: 'นาย', firstName: 'ภูรี', lastName: 'ศรี สุข' });
		expect(splitName('Mr. NIRMAL DALRAL')).toEqual({ title: 'Mr.', firstName: 'NIRMAL', lastName: 'DALRAL' });
	});

	it('finds the header row, skips blank rows, and names the bad cells by row', () => {
		const rows: Cell[][] = [
			['แบบนำส่งข้อมูลเงินสมทบ'],
			['ลำดับที่', 'เลขประจำตัวประชาชน', 'คำนำหน้า-ชื่อ-สกุล', 'ค่าจ้าง', 'สตางค์', 'เงินสมทบ', 'สตางค์'],
			[1, '1-1037-00123-45-8', 'นายสมชาย ใจดี', 15_000, 0, 750, 0],
			[],
			[2, '12345', 'นาย', 'x', 0, 750, 0]
		];
		const out = [...sheetLines(rows)];
		expect(out[0]).toEqual({
			line: 3,
			title: 'นาย',
			detail: { nationalId: '1103700123458', titleCode: '', firstName: 'สมชาย', lastName: 'ใจดี', wageSatang: 1_500_000, employeeSatang: 75_000 }
		});
		expect(out[1]).toEqual({
			line: 5,
			problems: [
				{ line: 5, field: 'nationalId', code: 'digits' },
				{ line: 5, field: 'name', code: 'text' },
				{ line: 5, field: 'wageSatang', code: 'amount' }
			]
		});
		// a column kept as numbers: the zeros that begin a foreign worker's number come back; a number too long, or text, does not change
		const numbers = (...ids: Cell[]) =>
			[...sheetLines([['เลขประจำตัวประชาชน', 'ชื่อ', 'ค่าจ้าง', 'เงินสมทบ'], ...ids.map((id) => [id, 'Mr. ZAW MIN', 12_000, 600])])].map((l) =>
				'detail' in l ? l.detail!.nationalId : l.problems
			);
		expect(numbers(11990012345, 6111000789011, 1103700123458, '0011990012345')).toEqual(['0011990012345', '6111000789011', '1103700123458', '0011990012345']);
		expect(numbers(11990012345.5, 1e13, '11990012345')).toEqual([
			[{ line: 2, field: 'nationalId', code: 'digits' }],
			[{ line: 3, field: 'nationalId', code: 'digits' }],
			[{ line: 4, field: 'nationalId', code: 'digits' }]
		]);
		expect([
			...sheetLines([
				['a', 'b'],
				[1, 2]
			])
		]).toEqual([{ line: 1, problems: [{ line: 1, field: 'header', code: 'header_row' }] }]);
	});
});
