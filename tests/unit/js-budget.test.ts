/**
 * What each key page makes a phone download in JavaScript, gzipped, from the build (scripts/lib/js-budget.ts). Sizes,
 * not timings: the same build gives the same numbers, so a budget can fail the suite. Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JS_BUDGETS, KB, pageScripts } from '../../scripts/lib/js-budget';

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

describe('JavaScript budgets of the key pages', async () => {
	const pages = await pageScripts();

	it('finds every page route of the build, each loading the client entry', () => {
		expect(pages.length).toBeGreaterThan(40);
		for (const p of pages)
			expect(
				p.files.some((f) => f.file.includes('/entry/start.')),
				p.route
			).toBe(true);
	});

	it.each(JS_BUDGETS)('$name ($route) loads at most its budget', ({ route, bytes }) => {
		const page = pages.find((p) => p.route === route);
		expect(page, `${route} is not a page of the build`).toBeDefined();
		const heaviest = [...page!.files]
			.sort((a, b) => b.gzipBytes - a.gzipBytes)
			.slice(0, 5)
			.map((f) => `${f.file} ${kb(f.gzipBytes)}`)
			.join(', ');
		expect(page!.gzipBytes, `${route}: ${kb(page!.gzipBytes)} of JavaScript against ${kb(bytes)} (heaviest: ${heaviest})`).toBeLessThanOrEqual(bytes);
	});

	// Burmese, Khmer and Lao come as packs their readers' browsers load (scripts/lib/locale-packs.ts): the key pages carry
	// none of their texts, only the language chooser's names of them
	it.each(JS_BUDGETS)('$name ($route) carries no Burmese, Khmer or Lao text but the chooser’s names', ({ route }) => {
		const page = pages.find((p) => p.route === route)!;
		const carried = page.files
			.map((f) => ({ file: f.file, text: fs.readFileSync(path.join('.svelte-kit/output/client', f.file), 'utf8').replace(/မြန်မာ|ខ្មែរ|ລາວ/g, '') }))
			.filter((f) => /[\u1000-\u109F\u1780-\u17FF\u0E81-\u0EDF]/.test(f.text))
			.map((f) => f.file);
		expect(carried).toEqual([]);
	});
});
