/**
 * The messages (messages/{th,en}.json, Paraglide's own files, edited directly) checked as part of `npm run lint`:
 * - both languages have the same keys, and each message the same {parameters} in both;
 * - every message is used somewhere in src: by name (`m.key`, a key written as a string) or as one of a family the
 *   code builds a key for (`emp_err_field_${code}`: the compiler checks that each such key exists).
 * A misspelt key in the code is the compiler's to catch (MessageKey in src/lib/validation/messages.ts).
 * Exit status 1, with every problem listed, when a check fails. Run alone: `npx tsx scripts/messages-check.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';

type Messages = Record<string, string>;

export interface MessageProblems {
	missing: string[];
	params: string[];
	unused: string[];
}

const read = (locale: string): Messages => {
	const messages = JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
	delete messages.$schema;
	return messages;
};

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

function sources(dir: string): string[] {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((e) =>
			e.isDirectory() ? (e.name === 'paraglide' ? [] : sources(path.join(dir, e.name))) : /\.(ts|svelte|js)$/.test(e.name) ? [path.join(dir, e.name)] : []
		);
}

/** What is wrong with the message files, given the languages and the source texts that use them. */
export function checkMessages(languages: Record<string, Messages>, code: string[]): MessageProblems {
	const [base, ...others] = Object.keys(languages);
	const all = new Set(Object.values(languages).flatMap((l) => Object.keys(l)));
	const missing = [...all].flatMap((key) =>
		Object.keys(languages)
			.filter((l) => !(key in languages[l]!))
			.map((l) => `${key} (no ${l})`)
	);
	const params = [...all].flatMap((key) =>
		others
			.filter((l) => key in languages[l]! && key in languages[base!]! && paramsOf(languages[l]![key]!).join() !== paramsOf(languages[base!]![key]!).join())
			.map((l) => `${key} ({${paramsOf(languages[base!]![key]!).join('}, {')}} in ${base}, {${paramsOf(languages[l]![key]!).join('}, {')}} in ${l})`)
	);
	const text = code.join('\n');
	const named = new Set([...text.matchAll(/\bm\.([A-Za-z0-9_]+)\b|['"`]([A-Za-z0-9_]+)['"`]/g)].map((m) => m[1] ?? m[2]!));
	const families = [...text.matchAll(/`([a-z0-9_]+_)\$\{/g)].map((m) => m[1]!);
	const unused = [...all].filter((key) => !named.has(key) && !families.some((f) => key.startsWith(f)));
	return { missing, params, unused };
}

function main() {
	const locales = (JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as { locales: string[] }).locales;
	const languages = Object.fromEntries(locales.map((l) => [l, read(l)]));
	const code = sources('src')
		.filter((f) => !/\.test\.ts$/.test(f))
		.map((f) => fs.readFileSync(f, 'utf8'));
	const problems = checkMessages(languages, code);
	const lines = [
		...problems.missing.map((p) => `missing in one language: ${p}`),
		...problems.params.map((p) => `parameters differ: ${p}`),
		...problems.unused.map((p) => `not used in src: ${p} (remove it from messages/*.json)`)
	];
	if (lines.length) {
		console.error(`messages/*.json: ${lines.length} problem(s)\n${lines.map((l) => `  ${l}`).join('\n')}`);
		process.exit(1);
	}
	console.log(`messages/*.json: ${Object.keys(languages[locales[0]!]!).length} messages in ${locales.join(' and ')}, all used`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
