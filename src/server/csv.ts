/**
 * Every CSV the portal hands out (the citizen's contributions, the administrator's lookups) is written here, with
 * csv-stringify: RFC 4180 quoting (a field holding a comma, a quote or a line break is quoted, quotes doubled), and
 * formula injection neutralised as OWASP advises: a text cell that starts with = + - @, a tab, a carriage return or a
 * line feed (or the full-width = + - @) gets a leading apostrophe, so a spreadsheet shows it as text and never runs
 * it. A number cell is written as a number; an amount passed as text ("-12.50") would get the apostrophe too, which is
 * why amounts that can be negative must be passed as numbers (no export has one today).
 */
import { stringify, type Options } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

const OPTIONS: Options = {
	escape_formulas: true,
	// csv-stringify's own list has no line feed: a text cell starting with one is neutralised here
	cast: { string: (s) => (s.startsWith('\n') ? `'${s}` : s) },
	record_delimiter: 'windows',
	// quote a field with a line break of either kind, not only one holding the record delimiter itself
	quote_record_delimiter: true,
	eof: false
};

/** One record, without its line end (CRLF between records). */
export function csvRecord(cells: readonly CsvCell[]): string {
	return stringify([cells.map((c) => c ?? '')], OPTIONS);
}

/** Records joined by CRLF, ending in CRLF, after a byte-order mark so that Excel reads Thai as UTF-8. */
export function csvDocument(rows: readonly (readonly CsvCell[])[]): string {
	return '\uFEFF' + rows.map(csvRecord).join('\r\n') + '\r\n';
}
