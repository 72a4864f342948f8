/** The message check `npm run lint` runs (scripts/messages-check.ts), on small made-up message files and code. */
import { describe, expect, it } from 'vitest';
import { checkMessages } from '../../scripts/messages-check';

const th = { hello: 'สวัสดี {name}', bye: 'ลาก่อน', err_a: 'ก', emp_field_x: 'x', emp_field_y: 'y' };
const en = { hello: 'Hello {name}', bye: 'Goodbye', err_a: 'A', emp_field_x: 'x', emp_field_y: 'y' };
const code = ['m.hello({ name })', "return { error: 'err_a' };", '<p>{m.bye()}</p>', 'say(`emp_field_${p.field}`)'];

describe('the message check', () => {
	it('passes messages that are in both languages, with the same parameters, and used', () => {
		expect(checkMessages({ th, en }, code)).toEqual({ missing: [], params: [], unused: [] });
	});

	it('names a message missing in one language', () => {
		const enWithoutBye: Record<string, string> = { ...en };
		delete enWithoutBye.bye;
		expect(checkMessages({ th, en: enWithoutBye }, code).missing).toEqual(['bye (no en)']);
		expect(checkMessages({ th: { ...th, extra: 'x' }, en: { ...en } }, [...code, 'm.extra()']).missing).toEqual(['extra (no en)']);
	});

	it('names a message whose parameters differ between the languages', () => {
		expect(checkMessages({ th, en: { ...en, hello: 'Hello {who}' } }, code).params).toEqual(['hello ({name} in th, {who} in en)']);
	});

	it('names a message nothing uses, and counts a family the code builds a key for as used', () => {
		expect(checkMessages({ th, en }, code.slice(0, 3)).unused).toEqual(['emp_field_x', 'emp_field_y']);
		expect(checkMessages({ th, en }, code.slice(1)).unused).toEqual(['hello']);
	});
});
