/**
 * The languages a foreign worker reads (Burmese, Khmer, Lao) without making a Thai or English reader download them.
 *
 * Paraglide compiles each message to one module holding every language's text and a function that picks one; in the
 * browser that would put five languages of every message a page uses into the page's scripts. In the client build
 * only, this plugin rewrites each message's picking function to a shared one, `pick(id, thai, english)`, so a message
 * module brings Thai and English as before, and moves the other languages' texts into one chunk per language (a
 * "pack": a message's id to its text). The browser loads the pack of the reader's language before the page starts
 * (src/hooks.client.ts, `init`); a message the pack lacks (not translated yet: its text is the English one) is shown in
 * English. The server build is left as Paraglide made it: a page rendered on the server is in the reader's language
 * whatever the browser has loaded, and the browser's pass over it gives the same text.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The languages every page carries; the first is the one a message falls back to (the base locale). */
export const CARRIED = ['th', 'en'] as const;
/** The languages that come as packs, loaded only by their readers. */
export const PACKED = ['my', 'km', 'lo'] as const;
export type PackedLocale = (typeof PACKED)[number];

const PICK_MODULE = 'virtual:prakan-locale-pick';
export const PACK_MODULE = 'virtual:prakan-locale-pack/';
const LOADERS_MODULE = 'virtual:prakan-locale-loaders';

interface CompiledMessage {
	/** The module's name for the message (Paraglide's safe id) and its number in the build. */
	name: string;
	id: number;
	/** Each language's function, as source text, named by language. */
	texts: Map<string, string>;
}

/** A compiled message module's top-level `const <locale>_<name> = …` statements (the texts) and its picking function. */
export function parseMessageModule(
	source: string,
	locales: readonly string[]
): { name: string; texts: Map<string, string>; picker: { start: number; end: number } } | null {
	// the picking function: `export const name = …` (or, for a name JavaScript reserves, `const _name = …` exported under
	// its own name after it), whose body starts by finding the locale
	const exported = /^(?:export )?const (\w+) = [^\n]*\n\tconst locale = [\s\S]*?\n\}\);/m.exec(source);
	if (!exported) return null;
	const name = exported[1]!;
	const texts = new Map<string, string>();
	for (const locale of locales) {
		const start = source.indexOf(`\nconst ${locale}_${name} = `);
		if (start < 0) continue;
		// a statement runs to the next top-level line (a declaration, a comment or the export)
		const next = /\n(?=const |\/\*\*|export )/g;
		next.lastIndex = start + 1;
		const end = next.exec(source)?.index ?? source.length;
		texts.set(
			locale,
			source
				.slice(start + 1, end)
				.trim()
				.replace(`const ${locale}_${name} = `, '')
		);
	}
	return { name, texts, picker: { start: exported.index, end: exported.index + exported[0].length } };
}

function readMessages(dir: string): CompiledMessage[] {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.js') && f !== '_index.js')
		.sort()
		.flatMap((file, id) => {
			const parsed = parseMessageModule(fs.readFileSync(path.join(dir, file), 'utf8'), [...CARRIED, ...PACKED]);
			return parsed ? [{ name: parsed.name, id, texts: parsed.texts }] : [];
		});
}

/** The code of one language's pack: each message whose text differs from the English one, by id. */
export function packSource(messages: readonly CompiledMessage[], locale: PackedLocale, registryPath: string): string {
	const entries = messages.flatMap((msg) => {
		let text = msg.texts.get(locale);
		// a message missing in the language is Paraglide's fallback, another language's function by name (`th_x;`): its text
		const alias = text && new RegExp(`^(\\w+)_${msg.name};$`).exec(text);
		if (alias) text = msg.texts.get(alias[1]!);
		// the English text is what the browser shows for a message the pack lacks
		if (!text || text === msg.texts.get('en')) return [];
		return [`${msg.id}: ${text.replace(/;$/, '')}`];
	});
	// a text that formats a number or a date calls Paraglide's registry
	const registry = entries.some((e) => /\bregistry\./.test(e)) ? `import * as registry from ${JSON.stringify(registryPath)};\n` : '';
	return `${registry}export default {\n${entries.join(',\n')}\n};\n`;
}

export function localePacks(paraglideDir = 'src/lib/paraglide', fontsDir = 'src/lib/fonts', localeModule = path.resolve('src/lib/locale.ts')): Plugin {
	const dir = path.resolve(paraglideDir);
	const messagesDir = path.join(dir, 'messages');
	let messages: CompiledMessage[] | null = null;
	let building = false;
	const ids = () => (messages ??= readMessages(messagesDir));
	return {
		name: 'prakan:locale-packs',
		configResolved(config) {
			building = config.command === 'build';
		},
		// Paraglide's plugin compiles the messages when the build starts: read them after it
		buildStart() {
			messages = null;
		},
		resolveId(id) {
			if (id === PICK_MODULE || id === LOADERS_MODULE || id.startsWith(PACK_MODULE)) return `\0${id}`;
			return null;
		},
		load(id) {
			// inputs may be left out (a message's text reads them as `i?.name`); options too
			if (id === `\0${PICK_MODULE}`)
				return [
					`import { currentLocale } from ${JSON.stringify(localeModule)};`,
					`let packed, pack = {};`,
					`export const usePack = (locale, p) => { packed = locale; pack = p; };`,
					// a language whose pack is not the one loaded (or none was) is shown in English
					`export const pick = (id, th, en) => (inputs, options) => { const l = options?.locale ?? currentLocale(); return (l === "th" ? th : l === packed ? pack[id] ?? en : en)(inputs); };`
				].join('\n');
			// the packs' loaders in a module of their own, so that a page carries one import of it, not one per language
			if (id === `\0${LOADERS_MODULE}`)
				return `export const load = (l) => ${PACKED.map((l) => `l === ${JSON.stringify(l)} ? import(${JSON.stringify(PACK_MODULE + l)}) : `).join('')}undefined;`;
			if (id.startsWith(`\0${PACK_MODULE}`)) {
				const locale = id.slice(PACK_MODULE.length + 1) as PackedLocale;
				if (!PACKED.includes(locale)) throw new Error(`no language pack ${locale}`);
				// the language's font comes with its texts (the page's scripts load the pack's styles with it)
				return `import ${JSON.stringify(path.resolve(fontsDir, `${locale}.css`))};\n${packSource(ids(), locale, path.join(dir, 'registry.js'))}`;
			}
			return null;
		},
		transform(code, id) {
			if (!building || this.environment.name !== 'client' || path.dirname(id) !== messagesDir || id.endsWith('/_index.js')) return null;
			const parsed = parseMessageModule(code, CARRIED);
			const msg = parsed && ids().find((x) => x.name === parsed.name);
			// a module the plugin cannot read would carry every language: the build stops instead
			if (!parsed || !msg || !parsed.texts.has('th') || !parsed.texts.has('en')) throw new Error(`message module ${id} is not as Paraglide compiles one`);
			const exported = code.slice(parsed.picker.start).startsWith('export ') ? 'export ' : '';
			const picker = `${exported}const ${msg.name} = /* @__PURE__ */ pick(${msg.id}, th_${msg.name}, en_${msg.name});`;
			return {
				code: `import { pick } from ${JSON.stringify(PICK_MODULE)};\n${code.slice(0, parsed.picker.start)}${picker}${code.slice(parsed.picker.end)}`,
				map: null
			};
		}
	};
}
