/**
 * The foreign workers' languages (Burmese, Khmer, Lao) cover the pages a worker uses: every message those pages show,
 * found by following the pages' imports through src, is translated (its text is not the English one, unless it has no
 * words of its own, like "{from} – {to}"). The rest of the app is in English for them (each file holds every key; an
 * untranslated one has the English text). Translated texts are in their own script, never in Thai.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The pages a foreign worker uses: landing, registration, log-in, dashboard, status, hospital, contributions, entitlements, with the layouts and error pages around them. */
const WORKER_PAGES = [
	'src/routes/+layout.svelte',
	'src/routes/+layout.server.ts',
	'src/routes/+page.svelte',
	'src/routes/+page.server.ts',
	'src/routes/+error.svelte',
	'src/routes/login',
	'src/routes/register',
	'src/routes/forgot-password',
	'src/routes/offline',
	'src/routes/(app)/+layout.svelte',
	'src/routes/(app)/+layout.server.ts',
	'src/routes/(app)/dashboard',
	'src/routes/(app)/status',
	'src/routes/(app)/hospital',
	'src/routes/(app)/contributions',
	'src/routes/(app)/entitlements'
];
const WORKER_LOCALES = ['my', 'km', 'lo'] as const;
const SCRIPTS: Record<(typeof WORKER_LOCALES)[number], RegExp> = { my: /[\u1000-\u109F]/, km: /[\u1780-\u17FF]/, lo: /[\u0E81-\u0EDF]/ };
const THAI = /[\u0E01-\u0E5B]/;

const read = (locale: string) => {
	const messages = JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
	delete messages.$schema;
	return messages;
};

function sourceFiles(p: string): string[] {
	if (fs.statSync(p).isDirectory()) return fs.readdirSync(p).flatMap((e) => sourceFiles(path.join(p, e)));
	return /\.(ts|svelte)$/.test(p) && !p.endsWith('.test.ts') ? [p] : [];
}

function resolveImport(from: string, spec: string): string | null {
	const base = spec.startsWith('$lib/')
		? path.join('src/lib', spec.slice(5))
		: spec.startsWith('$server/')
			? path.join('src/server', spec.slice(8))
			: spec.startsWith('.')
				? path.join(path.dirname(from), spec)
				: null;
	if (!base || base.includes('paraglide')) return null;
	return [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

/** The message keys the given files use, following their imports through src (by name, as a string, or as a `family_${…}`). */
function keysUsedFrom(roots: string[], keys: Set<string>): Set<string> {
	const used = new Set<string>();
	const seen = new Set<string>();
	const queue = roots.flatMap(sourceFiles);
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const text = fs.readFileSync(file, 'utf8');
		for (const m of text.matchAll(/\bm\.(\w+)\b|['"`](\w+)['"`]/g)) if (keys.has(m[1] ?? m[2]!)) used.add(m[1] ?? m[2]!);
		for (const m of text.matchAll(/`([a-z0-9_]+_)\$\{/g)) for (const k of keys) if (k.startsWith(m[1]!)) used.add(k);
		for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
			const next = resolveImport(file, m[1]!);
			if (next) queue.push(next);
		}
	}
	return used;
}

describe('the foreign workers’ languages', () => {
	const en = read('en');
	const used = [...keysUsedFrom(WORKER_PAGES, new Set(Object.keys(en)))].sort();

	it('the worker pages are found with their messages', () => {
		expect(used.length).toBeGreaterThan(300);
		for (const k of ['app_name', 'reg_details_title', 'err_national_id_checksum']) if (k in en) expect(used).toContain(k);
	});

	it.each(WORKER_LOCALES)('%s: every message of the worker pages is translated, in its own script and never in Thai', (locale) => {
		const texts = read(locale);
		const words = (t: string) => t.replace(/\{\w+\}/g, '').replace(/[\s\p{P}\p{S}\d]/gu, '');
		const untranslated = used.filter((k) => texts[k] === en[k] && words(en[k]!) !== '');
		expect(untranslated, `${locale}: still English`).toEqual([]);
		const notInScript = used.filter((k) => texts[k] !== en[k] && !SCRIPTS[locale].test(texts[k]!));
		expect(notInScript, `${locale}: not in the language's script`).toEqual([]);
		const thai = Object.keys(texts).filter((k) => THAI.test(texts[k]!) && !THAI.test(en[k]!));
		expect(thai, `${locale}: Thai text`).toEqual([]);
	});

	it.each(WORKER_LOCALES)('%s: every key of the app is there (English where not translated yet)', (locale) => {
		expect(Object.keys(read(locale)).sort()).toEqual(Object.keys(en).sort());
	});
});
