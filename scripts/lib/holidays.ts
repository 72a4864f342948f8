/**
 * Reading the Bank of Thailand's holiday list, checking it, and writing one year's file in
 * src/lib/rules/holidays (used by scripts/holidays-import.ts; pure apart from `render`, which runs prettier).
 *
 * Accepted inputs (docs/OPERATIONS.md, "Holidays"):
 * - CSV, UTF-8, with a header row naming the columns `date`, `name_th`, `name_en` (any order, other columns ignored).
 *   A date is ISO (2026-04-13) or day/month/year (13/4/2569 or 13/04/2026; a year above 2400 is Buddhist era).
 * - The BOT website's holiday-calendar JSON, one file per language, as served at
 *   https://www.bot.or.th/content/bot/th/financial-institutions-holiday/jcr:content/root/container/holidaycalendar_copy.model.<พ.ศ.>.json (Thai)
 *   https://www.bot.or.th/content/bot/en/financial-institutions-holiday/jcr:content/root/container/holidaycalendar.model.<year>.json (English):
 *   `{ "holidayCalendarLists": [{ "date": "Monday 13", "month": "April", "year": "2026", "holidayDescription": "Songkran Festival" }, …] }`
 *   (the Thai file: `"date": "วันจันทร์ 13", "month": "เมษายน", "year": "2569"`). Both files are needed, for the two names.
 */
import { format, resolveConfig } from 'prettier';
import type { Holiday, HolidaySource, HolidayYear } from '../../src/lib/rules/holidays/types';
import { toCE } from '../../src/lib/format/date';

export interface Entry {
	date: string;
	th: string;
	en: string;
}

export class HolidayInputError extends Error {}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A real calendar date as ISO, or null. */
export function realDate(y: number, m: number, d: number): string | null {
	if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1900 || y > 2200) return null;
	const t = new Date(Date.UTC(y, m - 1, d));
	if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
	return t.toISOString().slice(0, 10);
}

const ceYear = (y: number) => (y > 2400 ? toCE(y) : y);

function parseDate(s: string): string | null {
	const iso = ISO.exec(s.trim());
	if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
	const dmy = DMY.exec(s.trim());
	if (dmy) return realDate(ceYear(Number(dmy[3])), Number(dmy[2]), Number(dmy[1]));
	return null;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function csvRows(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const src = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < src.length; i++) {
		const c = src[i]!;
		if (quoted) {
			if (c === '"' && src[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && src[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export function parseCsv(text: string): Entry[] {
	const [header, ...rows] = csvRows(text);
	if (!header) throw new HolidayInputError('the CSV is empty');
	const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
	const [d, th, en] = [col('date'), col('name_th'), col('name_en')];
	if (d < 0 || th < 0 || en < 0) throw new HolidayInputError('the CSV header must name the columns date, name_th and name_en');
	return rows.map((r, i) => {
		const date = parseDate(r[d] ?? '');
		if (!date) throw new HolidayInputError(`row ${i + 2}: "${r[d] ?? ''}" is not a real date (YYYY-MM-DD or D/M/YYYY)`);
		return { date, th: (r[th] ?? '').trim(), en: (r[en] ?? '').trim() };
	});
}

const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTHS_TH = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];

function botList(json: unknown, lang: string): { date: string; name: string }[] {
	const list = (json as { holidayCalendarLists?: unknown } | null)?.holidayCalendarLists;
	if (!Array.isArray(list)) throw new HolidayInputError(`the ${lang} file has no holidayCalendarLists array (is it the BOT holiday-calendar JSON?)`);
	return list.map((e: Record<string, unknown>, i) => {
		const day = Number(/(\d{1,2})\s*$/.exec(String(e.date ?? ''))?.[1]);
		const monthName = String(e.month ?? '')
			.trim()
			.toLowerCase();
		const m = Math.max(MONTHS_EN.indexOf(monthName), MONTHS_TH.indexOf(monthName)) + 1;
		const date = m > 0 ? realDate(ceYear(Number(e.year)), m, day) : null;
		if (!date) throw new HolidayInputError(`${lang} entry ${i + 1}: "${String(e.date)} ${String(e.month)} ${String(e.year)}" is not a real date`);
		const name = String(e.holidayDescription ?? '')
			.replace(/\s+/g, ' ')
			.trim();
		return { date, name };
	});
}

/** The two BOT files (Thai and English, in either order) joined by date. */
export function parseBotJson(a: unknown, b: unknown): Entry[] {
	const isThai = (j: unknown) => /[\u0E00-\u0E7F]/.test(JSON.stringify(j));
	const [thJson, enJson] = isThai(a) ? [a, b] : [b, a];
	if (!isThai(thJson) || isThai(enJson)) throw new HolidayInputError('give the Thai and the English BOT file');
	const th = botList(thJson, 'Thai');
	const en = new Map(botList(enJson, 'English').map((e) => [e.date, e.name]));
	const out = th.map((t) => {
		const name = en.get(t.date);
		if (name === undefined) throw new HolidayInputError(`${t.date} is in the Thai file but not in the English one`);
		en.delete(t.date);
		return { date: t.date, th: t.name, en: name };
	});
	const extra = [...en.keys()][0];
	if (extra) throw new HolidayInputError(`${extra} is in the English file but not in the Thai one`);
	return out;
}

/** Checks an imported list: at least one holiday, all in one year, no date twice, both names present. Returns the year. */
export function checkEntries(entries: readonly Entry[]): number {
	if (entries.length === 0) throw new HolidayInputError('the list holds no holidays');
	const years = [...new Set(entries.map((e) => e.date.slice(0, 4)))];
	if (years.length > 1) throw new HolidayInputError(`the list spans several years (${years.join(', ')}): import one year at a time`);
	const seen = new Set<string>();
	for (const e of entries) {
		if (seen.has(e.date)) throw new HolidayInputError(`${e.date} is listed twice`);
		seen.add(e.date);
		if (!e.th) throw new HolidayInputError(`${e.date} has no Thai name`);
		if (!e.en) throw new HolidayInputError(`${e.date} has no English name`);
	}
	return Number(years[0]);
}

/**
 * The year's file after an import from `source`: the source's own earlier entries are replaced (an import of the BOT
 * list also replaces the fixed-date placeholders of a provisional year, source `law`); entries from other sources
 * (government-only days, source `cabinet`) stay, unless the import lists the same date.
 */
export function mergeYear(existing: HolidayYear | null, entries: readonly Entry[], source: HolidaySource, unknown: readonly string[]): HolidayYear {
	const year = checkEntries(entries);
	const replaced = new Set(source.id === 'bot' ? ['bot', 'law'] : [source.id]);
	const dates = new Set(entries.map((e) => e.date));
	const kept = (existing?.holidays ?? []).filter((h) => !replaced.has(h.source) && !dates.has(h.date));
	const holidays: Holiday[] = [...kept, ...entries.map((e) => ({ date: e.date, th: e.th, en: e.en, source: source.id }))].sort((a, b) =>
		a.date < b.date ? -1 : a.date > b.date ? 1 : 0
	);
	const used = new Set(holidays.map((h) => h.source));
	const sources = [...(existing?.sources ?? []).filter((s) => s.id !== source.id), source].filter((s) => used.has(s.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
	const keepUnknown = source.id !== 'bot' && unknown.length === 0 ? (existing?.unknown ?? []) : [...unknown];
	return { year, provisional: keepUnknown.length > 0, unknown: keepUnknown, sources, holidays };
}

/** Everything wrong with a year file (empty when it is sound). */
export function problems(y: HolidayYear, fileYear?: number): string[] {
	const out: string[] = [];
	if (fileYear !== undefined && y.year !== fileYear) out.push(`the file for ${fileYear} says year ${y.year}`);
	if (y.provisional !== y.unknown.length > 0) out.push('provisional must be true exactly when unknown lists something');
	const ids = new Set(y.sources.map((s) => s.id));
	for (const s of y.sources) {
		if (!s.url.startsWith('https://') && !s.url.startsWith('http://')) out.push(`source ${s.id} has no URL`);
		if (s.announced !== null && !parseDate(s.announced)) out.push(`source ${s.id}: announced is not a date`);
		if (!parseDate(s.retrieved)) out.push(`source ${s.id}: retrieved is not a date`);
	}
	let last = '';
	for (const h of y.holidays) {
		if (!parseDate(h.date) || parseDate(h.date) !== h.date) out.push(`${h.date} is not a real ISO date`);
		if (h.date.slice(0, 4) !== String(y.year)) out.push(`${h.date} is not in ${y.year}`);
		if (h.date <= last) out.push(`${h.date} is out of order or listed twice`);
		if (!h.th.trim() || !h.en.trim()) out.push(`${h.date} lacks a name`);
		if (!ids.has(h.source)) out.push(`${h.date}: source ${h.source} is not among the file's sources`);
		last = h.date;
	}
	return out;
}

/** The year file's text: fixed key order, prettier's JSON layout, so the same input always writes the same bytes. */
export async function render(y: HolidayYear, file: string): Promise<string> {
	const ordered: HolidayYear = {
		year: y.year,
		provisional: y.provisional,
		unknown: y.unknown,
		sources: y.sources.map((s) => ({
			id: s.id,
			title: s.title,
			url: s.url,
			...(s.data ? { data: s.data } : {}),
			announced: s.announced,
			retrieved: s.retrieved,
			...(s.note ? { note: s.note } : {})
		})),
		holidays: y.holidays.map((h) => ({ date: h.date, th: h.th, en: h.en, source: h.source }))
	};
	return format(JSON.stringify(ordered), { ...(await resolveConfig(file)), parser: 'json' });
}

/**
 * src/lib/rules/holidays/index.ts: the dates of every year file, nothing else, so the rules that run in the browser
 * carry a few hundred bytes instead of the names and sources (the JSON files stay the record of where each date came from).
 */
export async function renderIndex(years: readonly HolidayYear[], file: string): Promise<string> {
	const sorted = [...years].sort((a, b) => a.year - b.year);
	const text = [
		'// Written by scripts/holidays-import.ts from the year files beside it (npm run holidays:import); do not edit by hand.',
		'// The names and the source of each date are in those files.',
		"import type { HolidayDates } from './types';",
		'',
		'export const HOLIDAY_YEARS: readonly HolidayDates[] = [',
		...sorted.map((y) => `{ year: ${y.year}, provisional: ${y.provisional}, dates: '${y.holidays.map((h) => h.date.slice(5)).join(' ')}' },`),
		'];',
		''
	].join('\n');
	return format(text, { ...(await resolveConfig(file)), parser: 'typescript' });
}
