/**
 * The build's language packs (scripts/lib/locale-packs.ts): every message module Paraglide compiled is read, with each
 * language's text, and a pack holds exactly the translated texts, as functions that give the same text the server's
 * messages give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKED, packSource, parseMessageModule } from '../../scripts/lib/locale-packs';
import * as m from '../../src/lib/paraglide/messages';

const DIR = 'src/lib/paraglide/messages';
const LOCALES = ['th', 'en', ...PACKED];
const modules = fs
	.readdirSync(DIR)
	.filter((f) => f.endsWith('.js') && f !== '_index.js')
	.sort();
const parsed = modules.map((file, id) => ({ file, id, parsed: parseMessageModule(fs.readFileSync(path.join(DIR, file), 'utf8'), LOCALES) }));

describe('the language packs', () => {
	it('reads every compiled message, each with its five languages and its picking function', () => {
		expect(modules.length).toBeGreaterThan(1000);
		const unread = parsed.filter((p) => !p.parsed || p.parsed.texts.size !== LOCALES.length).map((p) => p.file);
		expect(unread).toEqual([]);
		// a name JavaScript reserves is declared, then exported under its own name
		const reserved = parsed.find((p) => p.file === '_continue.js')!.parsed!;
		expect(reserved.name).toBe('_continue');
		const source = fs.readFileSync(path.join(DIR, '_continue.js'), 'utf8');
		expect(source.slice(reserved.picker.start, reserved.picker.end)).toMatch(/^const _continue = [\s\S]*\}\);$/);
	});

	it.each(PACKED)('%s: the pack holds the translated messages only, each giving the text the server gives', async (locale) => {
		const messages = parsed.map((p) => ({ name: p.parsed!.name, id: p.id, texts: p.parsed!.texts }));
		const source = packSource(messages, locale, path.resolve('src/lib/paraglide/registry.js'));
		const pack = ((await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: Record<number, (i?: object) => string> }).default;
		const texts = JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
		const english = JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, string>;
		const translated = Object.keys(texts).filter((k) => k !== '$schema' && texts[k] !== english[k]);
		expect(Object.keys(pack)).toHaveLength(translated.length);
		const byName = new Map(messages.map((x) => [x.name, x.id]));
		const msgs = m as unknown as Record<string, (i: object, o: { locale: string }) => string>;
		for (const [key, inputs] of [
			['app_name', {}],
			['account_no', { account: '1000123456', branch: '000001' }]
		] as const) {
			expect(pack[byName.get(key)!]!(inputs)).toBe(msgs[key]!(inputs, { locale }));
			expect(pack[byName.get(key)!]!(inputs)).toBe(texts[key]!.replace(/\{(\w+)\}/g, (_, p: string) => (inputs as Record<string, string>)[p]!));
		}
		// a message not translated yet is not in the pack: the browser shows its English text
		const untranslated = Object.keys(texts).find((k) => k !== '$schema' && texts[k] === english[k] && byName.has(k));
		if (untranslated) expect(pack[byName.get(untranslated)!]).toBeUndefined();
	});

	it('packs a message the language lacks with the text Paraglide falls back to, so the browser shows what the server does', async () => {
		const texts = (my: string) =>
			new Map([
				['th', '() => `สวัสดี`'],
				['en', '() => `Hello`'],
				['my', my]
			]);
		const source = packSource(
			[
				{ name: 'a', id: 0, texts: texts('th_a;') },
				{ name: 'b', id: 1, texts: texts('en_b;') },
				{ name: 'c', id: 2, texts: texts('() => `မင်္ဂလာပါ`') },
				{ name: 'd', id: 3, texts: texts('() => `Hello`') }
			],
			'my',
			'/nowhere/registry.js'
		);
		expect(source).not.toContain('registry');
		const pack = ((await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: Record<number, () => string> }).default;
		expect(Object.fromEntries(Object.entries(pack).map(([id, f]) => [id, f()]))).toEqual({ 0: 'สวัสดี', 2: 'မင်္ဂလာပါ' });
	});
});
