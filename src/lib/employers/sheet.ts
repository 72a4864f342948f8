/**
 * The SSO e-Service bulk sheet, the spreadsheet successor of the SSO 1-10 text file: one row per insured
 * person under a header row with ลำดับที่, เลขประจำตัวประชาชน, คำนำหน้า-ชื่อ-สกุล, ค่าจ้าง, เงินสมทบ. The wage and the
 * contribution come either as one amount column each ("20,780.00") or as baht and satang columns side by side (the
 * TypeScript e-Service exporter in ../shared/domain/sso-rules-sources.md §8). Read from CSV or XLSX into the same
 * details the fixed-width reader gives, with the sheet's row numbers as line numbers. Pure: runs in the browser too.
 */
import { textOk, type Sso110Detail, type FieldProblem, type ProblemField } from './sso110';

export type Cell = string | number | boolean | Date | null | undefined;

interface Columns {
	nationalId: number;
	name: number;
	wage: number;
	wageSatang: number | null;
	contribution: number;
	contributionSatang: number | null;
}

const norm = (c: Cell) => String(c ?? '').replace(/\s+/g, '');
const isSatang = (c: Cell) => /^(สตางค์|สต\.?|satang)$/i.test(norm(c));

/**
 * The national ID as text. A spreadsheet that keeps the column as numbers has dropped the leading zeros of the numbers
 * of persons without Thai nationality (0…, a migrant worker's pink card 00…): a whole number is padded back to 13
 * digits, and its check digit is still checked after. Text is taken as typed.
 */
function idText(c: Cell): string {
	if (typeof c === 'number') return Number.isSafeInteger(c) && c > 0 && c < 1e13 ? String(c).padStart(13, '0') : String(c);
	return norm(c).replace(/-/g, '');
}

/** Finds the header row: the first row with a national-ID column, a name column, a wage and a contribution column. */
function columnsOf(row: readonly Cell[]): Columns | null {
	const cells = row.map(norm);
	const find = (test: (s: string) => boolean) => cells.findIndex(test);
	const nationalId = find((s) => s.includes('เลขประจำตัวประชาชน') || /^(nationalid|citizenid)/i.test(s));
	const name = find((s) => s.includes('ชื่อ') || /^name/i.test(s));
	const wage = find((s) => s.startsWith('ค่าจ้าง') || /^wage/i.test(s));
	const contribution = find((s) => s.startsWith('เงินสมทบ') || /^contribution/i.test(s));
	if (nationalId < 0 || name < 0 || wage < 0 || contribution < 0) return null;
	return {
		nationalId,
		name,
		wage,
		wageSatang: isSatang(row[wage + 1]) ? wage + 1 : null,
		contribution,
		contributionSatang: isSatang(row[contribution + 1]) ? contribution + 1 : null
	};
}

/** The largest amount a line may carry: the 14 digits of satang of the fixed-width file's wage field. */
const MAX_SATANG = 99_999_999_999_999;

/** "20,780.00", "20780", 20780.5 → satang; with a satang column the first holds whole baht. Null when not an amount. */
export function amountSatang(main: Cell, satang: Cell | undefined, split: boolean): number | null {
	const v = amountOrNull(main, satang, split);
	return v !== null && v <= MAX_SATANG ? v : null;
}

function amountOrNull(main: Cell, satang: Cell | undefined, split: boolean): number | null {
	if (split) {
		const b =
			typeof main === 'number'
				? main
				: Number(
						String(main ?? '')
							.replace(/,/g, '')
							.trim() || NaN
					);
		const s = typeof satang === 'number' ? satang : Number(String(satang ?? '').trim() || 0);
		if (!Number.isInteger(b) || b < 0 || !Number.isInteger(s) || s < 0 || s > 99) return null;
		return b * 100 + s;
	}
	if (typeof main === 'number') {
		const v = Math.round(main * 100);
		return main >= 0 && Math.abs(v - main * 100) < 1e-6 ? v : null;
	}
	const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(String(main ?? '').trim());
	if (!m) return null;
	return Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const TITLES = ['นางสาว', 'นาง', 'นาย', 'น.ส.', 'ด.ช.', 'ด.ญ.', 'Miss', 'Mrs.', 'Mr.', 'Ms.'];

/** "นายภูรี ใจดี" → title, first name, surname (the rest of the words). */
export function splitName(full: string): { title: string; firstName: string; lastName: string } {
	let s = full.replace(/\s+/g, ' ').trim();
	let title = '';
	for (const t of TITLES)
		if (s.startsWith(t)) {
			title = t;
			s = s.slice(t.length).trim();
			break;
		}
	const at = s.indexOf(' ');
	return at < 0 ? { title, firstName: s, lastName: '' } : { title, firstName: s.slice(0, at), lastName: s.slice(at + 1) };
}

export type SheetLine = { line: number; detail: Sso110Detail; title: string } | { line: number; problems: FieldProblem[] };

/**
 * The persons of a sheet, row by row (line = the sheet's row number, 1-based). Rows before the header row and empty
 * rows are skipped; a sheet without the header row gives one problem on line 1.
 */
export function* sheetLines(rows: Iterable<readonly Cell[]>): Generator<SheetLine> {
	const reader = sheetReader();
	for (const row of rows) {
		const l = reader.row(row);
		if (l) yield l;
	}
	const end = reader.end();
	if (end) yield end;
}

/** `sheetLines` a row at a time, for rows that arrive in batches: each row gives its line or null; `end` the last word. */
export function sheetReader(): { row(row: readonly Cell[]): SheetLine | null; end(): SheetLine | null } {
	let cols: Columns | null = null;
	let line = 0;
	return {
		row(row) {
			line += 1;
			if (!cols) {
				cols = columnsOf(row);
				return null;
			}
			if (row.every((c) => norm(c) === '')) return null;
			const problems: FieldProblem[] = [];
			const bad = (field: ProblemField, code: FieldProblem['code']) => problems.push({ line, field, code });
			const id = idText(row[cols.nationalId]);
			if (!/^\d{13}$/.test(id)) bad('nationalId', 'digits');
			const name = splitName(String(row[cols.name] ?? ''));
			if (!name.firstName || !name.lastName || !textOk(name.firstName + name.lastName)) bad('name', 'text');
			const wage = amountSatang(row[cols.wage], cols.wageSatang === null ? undefined : row[cols.wageSatang], cols.wageSatang !== null);
			if (wage === null) bad('wageSatang', 'amount');
			const c = amountSatang(
				row[cols.contribution],
				cols.contributionSatang === null ? undefined : row[cols.contributionSatang],
				cols.contributionSatang !== null
			);
			if (c === null) bad('employeeSatang', 'amount');
			if (problems.length) return { line, problems };
			return {
				line,
				title: name.title,
				detail: { nationalId: id, titleCode: '', firstName: name.firstName, lastName: name.lastName, wageSatang: wage!, employeeSatang: c! }
			};
		},
		end: () => (cols ? null : { line: 1, problems: [{ line: 1, field: 'header', code: 'header_row' }] })
	};
}
