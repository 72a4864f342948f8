import { describe, expect, it } from 'vitest';
import { encodeTis620 } from '../../../tests/card/fake-card.mjs';
import {
	detectEncoding,
	encodeDetail,
	encodeFile,
	encodeHeader,
	lines,
	parseDetail,
	parseHeader,
	RECORD_LENGTH,
	type Encoding,
	type Sso110Detail,
	type Sso110Header
} from './sso110';

const HEADER: Sso110Header = {
	account: '1000012345',
	branch: '000000',
	paymentDate: '2022-05-10',
	period: '2022-04',
	companyName: 'มหาวิทยาลัยทดสอบ',
	rateBp: 500,
	count: 2,
	totalWagesSatang: 3_000_000,
	totalContributionSatang: 150_000,
	employeeSatang: 75_000,
	employerSatang: 75_000
};
const ROWS: Sso110Detail[] = [
	{ nationalId: '1103700123458', titleCode: '003', firstName: 'สมชาย', lastName: 'ใจดี', wageSatang: 1_500_000, employeeSatang: 37_500 },
	{ nationalId: '3100600456785', titleCode: '004', firstName: 'สุดา', lastName: 'รักไทย', wageSatang: 1_500_000, employeeSatang: 37_500 }
];

async function all(chunks: Uint8Array[]) {
	const out: { no: number; text: string; encoding: Encoding }[] = [];
	for await (const l of lines(chunks)) out.push(l);
	return out;
}

describe('SSO 1-10 fixed-width records', () => {
	it('write and read back, 135 characters each, BE dates, satang amounts', () => {
		const h = encodeHeader(HEADER);
		expect(h).toHaveLength(RECORD_LENGTH);
		expect(h.slice(0, 27)).toBe('11000012345000000100565' + '0465');
		expect(parseHeader(h, 1)).toEqual({ ok: true, value: HEADER });
		for (const r of ROWS) {
			const d = encodeDetail(r);
			expect(d).toHaveLength(RECORD_LENGTH);
			expect(parseDetail(d, 2)).toEqual({ ok: true, value: r });
		}
	});

	it('names each bad field with its line', () => {
		const h = encodeHeader(HEADER);
		expect(parseHeader(h.slice(0, 134), 1)).toEqual({ ok: false, problems: [{ line: 1, field: 'record', code: 'length' }] });
		const bad = '2' + h.slice(1, 17) + '310265' + '1365' + h.slice(27, 72) + 'x500' + h.slice(76);
		const r = parseHeader(bad, 1);
		expect(r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['type:record_type', 'paymentDate:date', 'period:period', 'rateBp:amount']);
		const d = encodeDetail(ROWS[0]!);
		const badD = d.slice(0, 1) + '11037001234a8' + d.slice(14, 17) + ' '.repeat(30) + d.slice(47, 82) + '0000000015000-' + d.slice(96);
		const rd = parseDetail(badD, 7);
		expect(rd.ok ? [] : rd.problems).toEqual([
			{ line: 7, field: 'nationalId', code: 'digits' },
			{ line: 7, field: 'firstName', code: 'text' },
			{ line: 7, field: 'wageSatang', code: 'amount' }
		]);
	});

	it('refuses amounts or names that do not fit', () => {
		expect(() => encodeDetail({ ...ROWS[0]!, firstName: 'ก'.repeat(31) })).toThrow(RangeError);
		expect(() => encodeHeader({ ...HEADER, employeeSatang: 10 ** 12 })).toThrow(RangeError);
	});

	it('reads TIS-620 and UTF-8, CRLF and LF, split anywhere across chunks', async () => {
		const text = encodeFile(HEADER, ROWS, '\r\n');
		const tis = Uint8Array.from(encodeTis620(text) as ArrayLike<number>);
		const utf8 = new TextEncoder().encode(encodeFile(HEADER, ROWS, '\n'));
		expect(detectEncoding(tis)).toBe('windows-874');
		expect(detectEncoding(utf8)).toBe('utf-8');
		for (const bytes of [tis, utf8]) {
			for (const size of [1, 7, 135, 4096]) {
				const chunks: Uint8Array[] = [];
				for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
				const got = await all(chunks);
				expect(got.map((l) => l.no)).toEqual([1, 2, 3]);
				expect(got.every((l) => l.text.length === RECORD_LENGTH)).toBe(true);
				expect(parseDetail(got[2]!.text, 3, got[2]!.encoding)).toEqual({ ok: true, value: ROWS[1] });
				expect(parseHeader(got[0]!.text, 1, got[0]!.encoding)).toEqual({ ok: true, value: HEADER });
			}
		}
		// a last line without a line end is still a line
		expect((await all([new TextEncoder().encode('a\r\nb')])).map((l) => l.text)).toEqual(['a', 'b']);
	});
});
