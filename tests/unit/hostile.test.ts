/**
 * Hostile input at the schema level: the rules the forms share refuse SQL and script payloads, invisible and
 * stacked characters, malformed IDs, impossible dates and absurd numbers, and keep well-formed Thai with its marks.
 * The HTTP side (status codes, messages, nothing written) is tests/http/hostile.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CodeSchema, DetailsSchema, LoginSchema, NationalIdField, PhoneField, parseForm } from '../../src/lib/validation/forms';
import { parseBirthDateBE } from '../../src/lib/validation/be-date';
import { isPlainText } from '../../src/lib/validation/text';
import { checkPassword } from '../../src/lib/validation/password';
import * as v from 'valibot';

const SQL = [`' OR 1=1 --`, `"; DROP TABLE users; --`];
const SCRIPT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const INVISIBLE = ['สม\u200bชาย', '\u200b', '\u200d', '\u202eนายก', '\u0000', 'a\tb', 'ก็็็็'];
const NUMBERS = ['-1', '1e308', '99999999999999999999', '๑๒', 'NaN', '0x10', 'Infinity', ' '];
const TODAY = '2026-11-26';

describe('national ID', () => {
	it.each([
		['110370012345', '12 digits'],
		['11037001234ab', 'letters'],
		['1103700123457', 'wrong check digit'],
		['๑๑๐๓๗๐๐๑๒๓๔๕๘', 'Thai digits of a valid ID'],
		['1103700123458\u200b', 'a zero-width space after a valid ID'],
		['11037001234580', '14 digits'],
		...[...SQL, ...SCRIPT].map((s) => [s, 'payload'])
	])('refuses %s (%s)', (id) => {
		expect(v.safeParse(NationalIdField, id).success).toBe(false);
		expect(parseForm(LoginSchema, { nationalId: id, password: 'x' })).toEqual({ ok: false, errors: { nationalId: 'err_national_id' } });
	});
});

describe('names', () => {
	const details = (firstName: string, lastName = 'ใจดี') => parseForm(DetailsSchema, { nationalId: '1103700123458', firstName, lastName, phone: '0812345678' });
	it.each([...SQL, ...SCRIPT, 'สม\u200bชาย', '\u200b', '\u202eนายก', ' ', 'a'.repeat(101)])('refuses %s', (name) => {
		expect(details(name)).toEqual({ ok: false, errors: { firstName: 'err_first_name' } });
		expect(details('สมชาย', name)).toEqual({ ok: false, errors: { lastName: 'err_last_name' } });
	});
	it('keeps Thai names with their vowel and tone marks, composed (NFC) and with spaces tidied', () => {
		const r = details('  น้ำฝน ', 'ศักดิ์สิทธิ์');
		expect(r.ok && r.data).toMatchObject({ firstName: 'น้ำฝน', lastName: 'ศักดิ์สิทธิ์' });
	});
	it('passes stacked marks to the registry match (which then finds nobody): the form rule checks letters, not spelling', () => {
		expect(details('ก็็็็').ok).toBe(true);
	});
});

describe('free text (address, employer, occupation)', () => {
	it.each([...SQL, ...SCRIPT, ...INVISIBLE, '{{7*7}}', '${7*7}', 'a;b', 'a=b', 'a\\b'])('refuses %s', (s) => {
		expect(isPlainText(s)).toBe(false);
	});
	it.each([
		'99/1 หมู่ 2 ถนนพหลโยธิน',
		'ซ.สุขุมวิท 21 (อโศก)',
		'บริษัท เอ แอนด์ บี จำกัด (มหาชน)',
		"O'Brien & Sons, Ltd.",
		'น้ำฝน',
		'ศักดิ์สิทธิ์',
		'กิ่ง',
		'๙๙/๑',
		'7-Eleven #12',
		''
	])('keeps %s', (s) => {
		expect(isPlainText(s)).toBe(true);
	});
});

describe('dates in the Buddhist Era', () => {
	it.each([
		['31', '2', '2528', 'day'],
		['29', '2', '2566', 'day'], // 2023: not a leap year
		['31', '4', '2530', 'day'],
		['0', '1', '2530', 'day'],
		['1', '13', '2530', 'month'],
		['1', '1', '2600', 'year'],
		['1', '1', '1985', 'year'],
		...NUMBERS.map((n) => [n, '1', '2530', 'day']),
		...NUMBERS.map((n) => ['1', n, '2530', 'month']),
		...NUMBERS.map((n) => ['1', '1', n, 'year']),
		[SQL[0]!, '1', '2530', 'day'],
		['1', SCRIPT[0]!, '2530', 'month']
	])('%s/%s/%s is wrong in its %s', (d, m, y, field) => {
		expect(parseBirthDateBE(d!, m!, y!, TODAY)).toEqual({ ok: false, field });
	});
	it('29 February 2567 (2024, a leap year) exists', () => {
		expect(parseBirthDateBE('29', '2', '2567', TODAY)).toEqual({ ok: true, iso: '2024-02-29' });
	});
});

describe('phone, code, password', () => {
	it.each([...SQL, ...SCRIPT, ...NUMBERS, '๐๘๑๒๓๔๕๖๗๘', '0212345678', '+1 555 0100', '0812345678\u200b'])('phone refuses %s', (s) => {
		expect(v.safeParse(PhoneField, s).success).toBe(false);
	});
	it.each([...SQL, ...SCRIPT, ...NUMBERS, '๑๒๓๔๕๖', '12345', '1234567', '\u200b123456'])('code refuses %s', (s) => {
		expect(parseForm(CodeSchema, { code: s })).toEqual({ ok: false, errors: { code: 'err_code_format' } });
	});
	it('a password may hold any characters (it is only ever hashed), within the length limits', () => {
		expect(checkPassword(SQL[0]!, {})).toBeNull();
		expect(checkPassword(SCRIPT[0]!, {})).toBeNull();
		expect(checkPassword('ก'.repeat(129), {})).toBe('long');
		expect(checkPassword('\u200b\u200b\u200b', {})).toBe('short');
	});
});
