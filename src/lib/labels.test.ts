/** Each word of the records' closed lists has a name on the page, in Thai and in English (src/lib/labels.ts). */
import type { Locale } from '$lib/i18n';
import { describe, expect, it } from 'vitest';
import { BENEFIT_KIND_LABEL, CLAIM_STATUS_LABEL, END_REASON_LABEL, LOOKUP_VIEW_LABEL, STAFF_STATE_LABEL } from './labels';
import { BENEFIT_KINDS, CLAIM_STATUSES, END_REASONS, LOOKUP_VIEWS, STAFF_STATES } from './vocabulary';

type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;
const TABLES: [string, readonly string[], Record<string, Label>][] = [
	['benefit kinds', BENEFIT_KINDS, BENEFIT_KIND_LABEL],
	['claim statuses', CLAIM_STATUSES, CLAIM_STATUS_LABEL],
	['end reasons', END_REASONS, END_REASON_LABEL],
	['lookup views', LOOKUP_VIEWS, LOOKUP_VIEW_LABEL],
	['staff states', STAFF_STATES, STAFF_STATE_LABEL]
];

describe.each(TABLES)('%s', (_name, words, table) => {
	it('name every word and nothing else', () => {
		expect(Object.keys(table).sort()).toEqual([...words].sort());
	});

	it('are different words in Thai, different in English, and Thai is written in Thai', () => {
		const th = words.map((w) => table[w]!({}, { locale: 'th' }));
		const en = words.map((w) => table[w]!({}, { locale: 'en' }));
		expect(new Set(th).size).toBe(words.length);
		expect(new Set(en).size).toBe(words.length);
		for (const t of th) expect(t).toMatch(/[\u0E00-\u0E7F]/);
		for (const e of en) expect(e).toMatch(/^[A-Z][\w ,'()/-]*$/);
	});
});
