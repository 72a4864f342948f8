/**
 * The holiday import (scripts/lib/holidays.ts) and the shipped year files in src/lib/rules/holidays:
 * the parser reads the BOT list as published, refuses a bad one, and every year file is sound and matches index.ts.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { HolidayInputError, checkEntries, mergeYear, parseBotJson, parseCsv, problems, render, renderIndex } from '../../scripts/lib/holidays';
import type { HolidaySource, HolidayYear } from '../../src/lib/rules/holidays/types';

const FIXTURES = 'tests/fixtures/holidays';
const DIR = 'src/lib/rules/holidays';
const fixture = (f: string) => fs.readFileSync(path.join(FIXTURES, f), 'utf8');
const expected = [
	{ date: '2026-01-01', th: 'วันขึ้นปีใหม่', en: 'New Year’s Day' },
	{ date: '2026-04-13', th: 'วันสงกรานต์', en: 'Songkran Festival' },
	{ date: '2026-06-01', th: 'ชดเชยวันวิสาขบูชา (วันอาทิตย์ที่ 31 พฤษภาคม 2569)', en: 'Substitution for Visakha Bucha Day (Sunday 31st May 2026)' }
];
const bot: HolidaySource = {
	id: 'bot',
	title: 'BOT',
	url: 'https://www.bot.or.th/th/financial-institutions-holiday.html',
	announced: '2025-10-01',
	retrieved: '2025-10-02'
};

describe('reading the BOT list', () => {
	it('joins the Thai and English holiday-calendar JSON by date (Buddhist-era year, Thai month names, either order)', () => {
		const th = JSON.parse(fixture('bot-th.json'));
		const en = JSON.parse(fixture('bot-en.json'));
		expect(parseBotJson(th, en)).toEqual(expected);
		expect(parseBotJson(en, th)).toEqual(expected);
	});

	it('reads the CSV: BOM, CRLF, quoted commas, ISO and day/month/year dates in either era, extra columns ignored', () => {
		expect(parseCsv(fixture('bot.csv'))).toEqual([
			{ date: '2026-01-01', th: 'วันขึ้นปีใหม่', en: "New Year's Day" },
			{ date: '2026-04-13', th: 'วันสงกรานต์', en: 'Songkran Festival' },
			{ date: '2026-06-01', th: 'ชดเชยวันวิสาขบูชา', en: 'Visakha Bucha Day (substitution, for Sunday 31 May)' }
		]);
	});

	it('refuses dates that do not exist, a missing column, a date in one language only, two years, a date twice, a missing name', () => {
		const bad = (f: () => unknown) => expect(f).toThrow(HolidayInputError);
		bad(() => parseCsv('date,name_th,name_en\n2026-02-30,ก,A\n'));
		bad(() => parseCsv('date,name_th,name_en\n31/4/2569,ก,A\n'));
		bad(() => parseCsv('date,name_th\n2026-01-01,ก\n'));
		bad(() => parseCsv(''));
		const th = JSON.parse(fixture('bot-th.json'));
		const en = JSON.parse(fixture('bot-en.json'));
		bad(() => parseBotJson(th, { holidayCalendarLists: en.holidayCalendarLists.slice(1) }));
		bad(() => parseBotJson(th, th));
		bad(() => parseBotJson({ items: [] }, en));
		bad(() => checkEntries([]));
		bad(() => checkEntries([...expected, { date: '2027-01-01', th: 'ก', en: 'A' }]));
		bad(() => checkEntries([...expected, expected[0]!]));
		bad(() => checkEntries([{ date: '2026-01-01', th: 'ก', en: ' '.trim() }]));
		expect(checkEntries(expected)).toBe(2026);
	});
});

describe('writing a year file', () => {
	const existing: HolidayYear = {
		year: 2026,
		provisional: true,
		unknown: ['lunar dates'],
		sources: [
			{ id: 'cabinet', title: 'Cabinet', url: 'https://resolution.soc.go.th/', announced: null, retrieved: '2025-09-01' },
			{ id: 'law', title: 'Fixed', url: 'https://example.org/', announced: null, retrieved: '2025-09-01' }
		],
		holidays: [
			{ date: '2026-01-01', th: 'วันขึ้นปีใหม่', en: "New Year's Day", source: 'law' },
			{ date: '2026-05-13', th: 'วันพืชมงคล', en: 'Royal Ploughing Ceremony Day', source: 'cabinet' }
		]
	};

	it('replaces the provisional fixed dates by the BOT list, keeps the government-only days, and is no longer provisional', () => {
		const y = mergeYear(existing, expected, bot, []);
		expect(y).toMatchObject({ year: 2026, provisional: false, unknown: [] });
		expect(y.holidays.map((h) => `${h.date} ${h.source}`)).toEqual(['2026-01-01 bot', '2026-04-13 bot', '2026-05-13 cabinet', '2026-06-01 bot']);
		expect(y.sources.map((s) => s.id)).toEqual(['bot', 'cabinet']);
		expect(problems(y, 2026)).toEqual([]);
	});

	it('writes the same bytes for the same list, whatever its order', async () => {
		const file = path.join(DIR, '2026.json');
		const a = await render(mergeYear(null, expected, bot, []), file);
		const b = await render(mergeYear(null, [...expected].reverse(), bot, []), file);
		expect(a).toBe(b);
		expect(JSON.parse(a)).toMatchObject({ year: 2026, holidays: [{ date: '2026-01-01', source: 'bot' }, {}, {}] });
	});

	it('finds what is wrong with a file', () => {
		const y = mergeYear(null, expected, bot, []);
		expect(problems({ ...y, holidays: [y.holidays[1]!, y.holidays[0]!] }, 2026)).toEqual(['2026-01-01 is out of order or listed twice']);
		expect(problems({ ...y, provisional: true }, 2026)).toEqual(['provisional must be true exactly when unknown lists something']);
		expect(problems(y, 2027)).toContain('the file for 2027 says year 2026');
	});
});

describe('the shipped holiday files', () => {
	const files = fs.readdirSync(DIR).filter((f) => /^\d{4}\.json$/.test(f));
	const years = files.map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as HolidayYear);

	it('cover 2025 to 2027, each with its sources, and only 2027 provisional', () => {
		expect(years.map((y) => [y.year, y.provisional])).toEqual([
			[2025, false],
			[2026, false],
			[2027, true]
		]);
		for (const y of years) expect(problems(y, y.year), String(y.year)).toEqual([]);
	});

	it('are written as the import writes them, and index.ts holds exactly their dates', async () => {
		for (const [i, y] of years.entries()) expect(await render(y, path.join(DIR, files[i]!))).toBe(fs.readFileSync(path.join(DIR, files[i]!), 'utf8'));
		const index = path.join(DIR, 'index.ts');
		expect(await renderIndex(years, index)).toBe(fs.readFileSync(index, 'utf8'));
	});
});
