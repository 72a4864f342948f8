/**
 * The SSO 1-10 contribution file: 135-character fixed-width records, a header record "1" and one detail
 * record "2" per insured person; amounts in satang, zero-padded on the left; text space-padded on the right. Layout:
 * ../shared/domain/sso-rules-sources.md §8 (reconstructed from independent exporters; no SSO byte specification).
 *
 * Widths are in TIS-620 bytes, one byte per Thai character (vowel and tone marks included), which is one UTF-16 code unit
 * per character here, so a decoded line is measured by its length. Dates carry a two-digit Buddhist-era year (the
 * exporters disagree; regodemo and the C# builder use BE, which this follows). Pure: runs in the browser too.
 */
import { toBE, toCE } from '../format/date';
export const RECORD_LENGTH = 135;

export interface Sso110Header {
	/** employer SSO account number, 10 digits */
	account: string;
	/** branch sequence, 6 digits (000000 = head office) */
	branch: string;
	/** ISO date */
	paymentDate: string;
	/** wage period, YYYY-MM */
	period: string;
	companyName: string;
	/** the rate × 100: 500 = 5.00 % */
	rateBp: number;
	count: number;
	totalWagesSatang: number;
	totalContributionSatang: number;
	employeeSatang: number;
	employerSatang: number;
}

export interface Sso110Detail {
	nationalId: string;
	titleCode: string;
	firstName: string;
	lastName: string;
	wageSatang: number;
	employeeSatang: number;
}

/**
 * Where in a file a problem is: a field of the header or of a detail line, or the line, the header or the file as a whole
 * (the employer's page names each: src/server/employers/web.ts).
 */
export type ProblemField = keyof Sso110Header | keyof Sso110Detail | 'type' | 'record' | 'header' | 'file' | 'name' | 'filler';

/** A problem with one field of one line: what the page shows, in the employer's language, by its code. */
export interface FieldProblem {
	line: number;
	field: ProblemField;
	code: 'length' | 'record_type' | 'header_row' | 'digits' | 'date' | 'period' | 'amount' | 'text';
}

const HEADER: [keyof Sso110Header | 'type', number][] = [
	['type', 1],
	['account', 10],
	['branch', 6],
	['paymentDate', 6],
	['period', 4],
	['companyName', 45],
	['rateBp', 4],
	['count', 6],
	['totalWagesSatang', 15],
	['totalContributionSatang', 14],
	['employeeSatang', 12],
	['employerSatang', 12]
];

const DETAIL: [keyof Sso110Detail | 'type' | 'filler', number][] = [
	['type', 1],
	['nationalId', 13],
	['titleCode', 3],
	['firstName', 30],
	['lastName', 35],
	['wageSatang', 14],
	['employeeSatang', 12],
	['filler', 27]
];

function slice(line: string, layout: [string, number][]): Record<string, string> {
	const out: Record<string, string> = {};
	let at = 0;
	for (const [name, width] of layout) {
		out[name] = line.slice(at, at + width);
		at += width;
	}
	return out;
}

const DIGITS = /^\d+$/;

/** "dd mm yy" with a BE year → ISO, or null. */
function beDate(s: string): string | null {
	if (!/^\d{6}$/.test(s)) return null;
	const y = toCE(2500 + Number(s.slice(4)));
	const iso = `${y}-${s.slice(2, 4)}-${s.slice(0, 2)}`;
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** "mm yy" with a BE year → YYYY-MM, or null. */
function bePeriod(s: string): string | null {
	if (!/^\d{4}$/.test(s)) return null;
	const m = Number(s.slice(0, 2));
	if (m < 1 || m > 12) return null;
	return `${toCE(2500 + Number(s.slice(2)))}-${s.slice(0, 2)}`;
}

/** Free text in a record: printable, no control characters (the names and the company). */
export const textOk = (s: string) => !/[\p{Cc}\p{Cf}\p{Co}\uFFFD]/u.test(s);

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function parseHeader(line: string, lineNo: number, encoding: Encoding = 'utf-8'): Parsed<Sso110Header> {
	const problems: FieldProblem[] = [];
	const bad = (field: ProblemField, code: FieldProblem['code']) => problems.push({ line: lineNo, field, code });
	if (line.length !== RECORD_LENGTH) return { ok: false, problems: [{ line: lineNo, field: 'record', code: 'length' }] };
	const f = slice(line, HEADER);
	if (f.type !== '1') bad('type', 'record_type');
	if (!DIGITS.test(f.account!)) bad('account', 'digits');
	if (!DIGITS.test(f.branch!)) bad('branch', 'digits');
	const paymentDate = beDate(f.paymentDate!);
	if (!paymentDate) bad('paymentDate', 'date');
	const period = bePeriod(f.period!);
	if (!period) bad('period', 'period');
	const companyName = encoding === 'utf-8' ? f.companyName!.trimEnd() : fromW874(f.companyName!.trimEnd());
	if (!companyName || !textOk(companyName)) bad('companyName', 'text');
	const nums = ['rateBp', 'count', 'totalWagesSatang', 'totalContributionSatang', 'employeeSatang', 'employerSatang'] as const;
	for (const k of nums) if (!DIGITS.test(f[k]!)) bad(k, 'amount');
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		value: {
			account: f.account!,
			branch: f.branch!,
			paymentDate: paymentDate!,
			period: period!,
			companyName,
			rateBp: Number(f.rateBp),
			count: Number(f.count),
			totalWagesSatang: Number(f.totalWagesSatang),
			totalContributionSatang: Number(f.totalContributionSatang),
			employeeSatang: Number(f.employeeSatang),
			employerSatang: Number(f.employerSatang)
		}
	};
}

export function parseDetail(line: string, lineNo: number, encoding: Encoding = 'utf-8'): Parsed<Sso110Detail> {
	const problems: FieldProblem[] = [];
	const bad = (field: ProblemField, code: FieldProblem['code']) => problems.push({ line: lineNo, field, code });
	if (line.length !== RECORD_LENGTH) return { ok: false, problems: [{ line: lineNo, field: 'record', code: 'length' }] };
	const f = slice(line, DETAIL);
	if (f.type !== '2') bad('type', 'record_type');
	if (!/^\d{13}$/.test(f.nationalId!)) bad('nationalId', 'digits');
	if (!/^\d{3}$|^ {3}$/.test(f.titleCode!)) bad('titleCode', 'digits');
	const text = encoding === 'utf-8' ? (t: string) => t.trim() : (t: string) => fromW874(t.trim());
	const firstName = text(f.firstName!);
	const lastName = text(f.lastName!);
	if (!firstName || !textOk(firstName)) bad('firstName', 'text');
	if (!lastName || !textOk(lastName)) bad('lastName', 'text');
	if (!DIGITS.test(f.wageSatang!)) bad('wageSatang', 'amount');
	if (!DIGITS.test(f.employeeSatang!)) bad('employeeSatang', 'amount');
	if (f.filler!.trim() !== '') bad('filler', 'text');
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		value: {
			nationalId: f.nationalId!,
			titleCode: f.titleCode!.trim(),
			firstName,
			lastName,
			wageSatang: Number(f.wageSatang),
			employeeSatang: Number(f.employeeSatang)
		}
	};
}

// ── writing (the fixtures, the benchmark, and a corrected file offered back to the employer) ──

const num = (n: number, width: number) => {
	const s = String(n);
	if (!Number.isSafeInteger(n) || n < 0 || s.length > width) throw new RangeError(`${n} does not fit ${width} digits`);
	return s.padStart(width, '0');
};
const text = (s: string, width: number) => {
	if (s.length > width) throw new RangeError(`"${s}" is longer than ${width} characters`);
	return s.padEnd(width, ' ');
};
const beYY = (year: number) => String(toBE(year) % 100).padStart(2, '0');

export function encodeHeader(h: Sso110Header): string {
	const [y, m, d] = h.paymentDate.split('-');
	const [py, pm] = h.period.split('-');
	return [
		'1',
		num(Number(h.account), 10),
		num(Number(h.branch), 6),
		`${d}${m}${beYY(Number(y))}`,
		`${pm}${beYY(Number(py))}`,
		text(h.companyName, 45),
		num(h.rateBp, 4),
		num(h.count, 6),
		num(h.totalWagesSatang, 15),
		num(h.totalContributionSatang, 14),
		num(h.employeeSatang, 12),
		num(h.employerSatang, 12)
	].join('');
}

export function encodeDetail(r: Sso110Detail): string {
	return [
		'2',
		r.nationalId,
		text(r.titleCode, 3),
		text(r.firstName, 30),
		text(r.lastName, 35),
		num(r.wageSatang, 14),
		num(r.employeeSatang, 12),
		' '.repeat(27)
	].join('');
}

/** A whole file as text (encode it to TIS-620 for upload, or keep it UTF-8: both are read). */
export function encodeFile(h: Sso110Header, rows: Iterable<Sso110Detail>, eol: '\r\n' | '\n' = '\r\n'): string {
	const lines = [encodeHeader(h)];
	for (const r of rows) lines.push(encodeDetail(r));
	return lines.join(eol) + eol;
}

// ── reading bytes: the encoding, and lines as they stream in ──

/** UTF-8 when the bytes are valid UTF-8 (with or without a BOM), else TIS-620 (read as windows-874, its superset). */
export function detectEncoding(head: Uint8Array): Encoding {
	try {
		// a chunk may end inside a character: ignore up to three trailing bytes of an unfinished sequence
		let end = head.length;
		for (let i = head.length - 1; i >= Math.max(0, head.length - 3); i--) {
			if ((head[i]! & 0xc0) === 0xc0) {
				end = i;
				break;
			}
			if ((head[i]! & 0x80) === 0) break;
		}
		new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
		return 'utf-8';
	} catch {
		return 'windows-874';
	}
}

/** Bytes enough to tell the encoding: the first non-ASCII byte and the three after it, or 64 KiB of ASCII. */
function telling(b: Uint8Array): boolean {
	const i = b.findIndex((x) => x >= 0x80);
	return i >= 0 ? b.length >= i + 4 : b.length >= 64 * 1024;
}

export type Encoding = 'utf-8' | 'windows-874';

/** windows-874 (TIS-620 and Microsoft's nine additions) byte → character, as the platform's own decoder maps them. */
const W874 = new TextDecoder('windows-874').decode(Uint8Array.from({ length: 256 }, (_, i) => i));

/** A windows-874 file's text held one character per byte (bytes as Latin-1) → the real characters. */
export function fromW874(s: string): string {
	let out = '';
	let plain = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) continue;
		out += s.slice(plain, i) + W874[c];
		plain = i + 1;
	}
	return plain === 0 ? s : out + s.slice(plain);
}

interface Decoder {
	decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * windows-874 is one byte a character: its bytes are kept as Latin-1 characters (the fastest text a runtime makes, and
 * one-byte strings for the line splitting), and only the name fields become Thai, in the record readers (`fromW874`).
 * Decoding the whole file to Thai took as long as everything else the import does.
 */
function bytesAsLatin1(): Decoder {
	const B = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, l: number): { toString(e: string): string } } }).Buffer;
	return {
		decode(bytes) {
			if (!bytes?.length) return '';
			if (B) return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
			let out = '';
			for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
			return out;
		}
	};
}

const decoderFor = (e: Encoding): Decoder => (e === 'utf-8' ? new TextDecoder('utf-8') : bytesAsLatin1());

/**
 * The lines of a file arriving in chunks, numbered from 1, without the line ends (CRLF or LF). The encoding is decided at
 * the first non-ASCII byte (the header's company name, usually), so nothing is decoded before then. Memory stays at one
 * chunk and one line, whatever the file's size. A windows-874 line comes as its bytes (one character each): pass its
 * `encoding` to parseHeader / parseDetail, which turn the text fields into Thai.
 */
export async function* lines(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<{ no: number; text: string; encoding: Encoding }> {
	let encoding: Encoding = 'utf-8';
	let decoder: Decoder | null = null;
	let held = new Uint8Array(0);
	let rest = '';
	let no = 0;
	function* split(): Generator<{ no: number; text: string; encoding: Encoding }> {
		let start = 0;
		let nl: number;
		while ((nl = rest.indexOf('\n', start)) >= 0) {
			const end = nl > start && rest.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
			yield { no: ++no, text: rest.slice(start, end), encoding };
			start = nl + 1;
		}
		rest = rest.slice(start);
	}
	for await (const chunk of chunks) {
		let bytes = chunk;
		if (!decoder) {
			const joined = new Uint8Array(held.length + chunk.length);
			joined.set(held);
			joined.set(chunk, held.length);
			if (!telling(joined)) {
				held = joined;
				continue;
			}
			encoding = detectEncoding(joined);
			decoder = decoderFor(encoding);
			held = new Uint8Array(0);
			bytes = joined;
		}
		rest += decoder.decode(bytes, { stream: true });
		yield* split();
	}
	if (!decoder) {
		encoding = detectEncoding(held);
		decoder = decoderFor(encoding);
		rest += decoder.decode(held, { stream: true });
	}
	rest += decoder.decode();
	yield* split();
	if (rest.length) yield { no: ++no, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, encoding };
}
