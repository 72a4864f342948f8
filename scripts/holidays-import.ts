/**
 * npm run holidays:import -- <list.csv | bot-th.json bot-en.json> [--source bot|cabinet|law] [--title T] [--url U]
 *     [--announced YYYY-MM-DD] [--note N] [--unknown "what the list lacks" …] [--dir src/lib/rules/holidays]
 *
 * Imports one year's holidays (the Bank of Thailand's financial institutions holiday list, or the cabinet's
 * government-only days with --source cabinet) into src/lib/rules/holidays/<year>.json and rewrites index.ts there.
 * The input formats are described in scripts/lib/holidays.ts and docs/OPERATIONS.md. Bad input changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HolidayInputError, mergeYear, parseBotJson, parseCsv, problems, render, renderIndex } from './lib/holidays';
import type { HolidaySource, HolidayYear } from '../src/lib/rules/holidays/types';

const SOURCES: Record<string, { title: string; url: string }> = {
	bot: {
		title: 'ธนาคารแห่งประเทศไทย: วันหยุดตามประเพณีของสถาบันการเงินและสถาบันการเงินเฉพาะกิจ / Bank of Thailand: financial institutions holidays',
		url: 'https://www.bot.or.th/th/financial-institutions-holiday.html'
	},
	cabinet: { title: 'วันหยุดราชการ (มติคณะรัฐมนตรี) / government holidays (cabinet resolutions)', url: 'https://resolution.soc.go.th/' },
	law: { title: 'วันหยุดที่กำหนดวันที่ตายตัว / fixed-date holidays', url: 'https://en.wikipedia.org/wiki/Public_holidays_in_Thailand' }
};

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		source: { type: 'string', default: 'bot' },
		title: { type: 'string' },
		url: { type: 'string' },
		data: { type: 'string' },
		announced: { type: 'string' },
		note: { type: 'string' },
		unknown: { type: 'string', multiple: true, default: [] },
		dir: { type: 'string', default: 'src/lib/rules/holidays' }
	}
});

async function main(): Promise<void> {
	if (positionals.length < 1 || positionals.length > 2) throw new HolidayInputError('give one CSV file, or the Thai and the English BOT JSON files');
	const known = SOURCES[values.source] ?? { title: '', url: '' };
	const read = (f: string) => fs.readFileSync(f, 'utf8');
	const entries =
		positionals.length === 2
			? parseBotJson(JSON.parse(read(positionals[0]!)), JSON.parse(read(positionals[1]!)))
			: positionals[0]!.toLowerCase().endsWith('.json')
				? (() => {
						throw new HolidayInputError('the BOT JSON comes in two files (Thai and English): give both');
					})()
				: parseCsv(read(positionals[0]!));
	const source: HolidaySource = {
		id: values.source,
		title: values.title ?? known.title,
		url: values.url ?? known.url,
		...(values.data ? { data: values.data } : {}),
		announced: values.announced ?? null,
		retrieved: new Date().toISOString().slice(0, 10),
		...(values.note ? { note: values.note } : {})
	};
	const year = Number(entries[0]?.date.slice(0, 4));
	const file = path.join(values.dir, `${year}.json`);
	const existing = fs.existsSync(file) ? (JSON.parse(read(file)) as HolidayYear) : null;
	const merged = mergeYear(existing, entries, source, values.unknown);
	const bad = problems(merged, year);
	if (bad.length) throw new HolidayInputError(bad.join('\n'));
	fs.writeFileSync(file, await render(merged, file));
	const years = fs
		.readdirSync(values.dir)
		.filter((f) => /^\d{4}\.json$/.test(f))
		.map((f) => JSON.parse(read(path.join(values.dir, f))) as HolidayYear);
	const index = path.join(values.dir, 'index.ts');
	fs.writeFileSync(index, await renderIndex(years, index));
	console.log(
		`${file}: ${merged.holidays.length} holidays (${merged.holidays.filter((h) => h.source === source.id).length} from ${source.id})${merged.provisional ? ', provisional' : ''}`
	);
}

main().catch((e: unknown) => {
	console.error(e instanceof HolidayInputError ? `holidays:import: ${e.message}` : e);
	process.exit(1);
});
