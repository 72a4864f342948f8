import { describe, expect, it } from 'vitest';
import { formatNationalId, isValidNationalId, nationalIdCheckDigit, normaliseNationalId } from './national-id';
import { isValidThaiMobile, maskPhone, normaliseThaiMobile, toE164 } from './phone';
import { ceYearTyped, daysInMonth, isLeapYearCE, isoToBeParts, parseBirthDateBE } from './be-date';
import { beYearMessage, parseBirthFields } from './forms';
import { checkPassword, passwordLength } from './password';
import { isCommonPassword } from '../../server/auth/common-passwords';

describe('national ID check digit (mod 11)', () => {
	it.each(['1103700123458', '3100600456785', '3501100789014', '1102900345674', '1100500567899', '1234567890121', '1-1037-00123-45-8', '1 1037 00123 45 8'])(
		'accepts %s',
		(id) => {
			expect(isValidNationalId(id)).toBe(true);
		}
	);
	it.each([
		['1103700123457', 'wrong check digit'],
		['1103700123459', 'wrong check digit'],
		['110370012345', '12 digits'],
		['11037001234580', '14 digits'],
		['0103700123452', 'type 0, wrong check digit'],
		['0012345678908', 'pink card, wrong check digit'],
		['11037001234a8', 'a letter'],
		['', 'empty']
	])('rejects %s (%s)', (id) => {
		expect(isValidNationalId(id)).toBe(false);
	});
	// persons without Thai nationality: type 0 (a migrant worker's pink card begins 00), 6, 7 and 8, the same check digit
	it.each(['0012345678909', '00-1234-56789-09', '0103700123450', '6104700123450', '7110200345679', '8110300456781'])('accepts the non-Thai number %s', (id) => {
		expect(isValidNationalId(id)).toBe(true);
	});
	it('computes the check digit by hand: 1-2345-67890-12-?', () => {
		// 1·13+2·12+3·11+4·10+5·9+6·8+7·7+8·6+9·5+0·4+1·3+2·2 = 352; 352 mod 11 = 0; (11−0) mod 10 = 1
		expect(nationalIdCheckDigit('123456789012')).toBe(1);
	});
	it('normalises and formats', () => {
		expect(normaliseNationalId(' 1-1037-00123-45-8 ')).toBe('1103700123458');
		expect(formatNationalId('1103700123458')).toBe('1-1037-00123-45-8');
	});
});

describe('Thai mobile numbers', () => {
	it.each([
		['0812345678', '0812345678'],
		['081-234-5678', '0812345678'],
		['081 234 5678', '0812345678'],
		['+66812345678', '0812345678'],
		['+66 81 234 5678', '0812345678'],
		['66912345678', '0912345678'],
		['0612345678', '0612345678']
	])('%s → %s', (input, out) => {
		expect(normaliseThaiMobile(input)).toBe(out);
	});
	it.each(['021234567', '0212345678', '081234567', '08123456789', '1812345678', 'abc', ''])('rejects %s', (input) => {
		expect(isValidThaiMobile(input)).toBe(false);
	});
	it('E.164 and masking', () => {
		expect(toE164('081-234-5678')).toBe('+66812345678');
		expect(maskPhone('0812345678')).toBe('08X-XXX-5678');
		expect(() => toE164('02123456')).toThrow();
	});
});

describe('Buddhist Era birth dates', () => {
	const today = '2026-11-25';
	it('converts พ.ศ. to ISO', () => {
		expect(parseBirthDateBE('27', '3', '2528', today)).toEqual({ ok: true, iso: '1985-03-27' });
		expect(isoToBeParts('1985-03-27')).toEqual({ day: '27', month: '3', year: '2528' });
	});
	it('29 February exists in leap years only', () => {
		expect(parseBirthDateBE('29', '2', '2543', today)).toEqual({ ok: true, iso: '2000-02-29' }); // 2000: divisible by 400
		expect(parseBirthDateBE('29', '2', '2547', today)).toEqual({ ok: true, iso: '2004-02-29' });
		expect(parseBirthDateBE('29', '2', '2544', today)).toEqual({ ok: false, field: 'day' }); // 2001
		expect(parseBirthDateBE('29', '2', '2443', today)).toEqual({ ok: false, field: 'day' }); // 1900: divisible by 100, not 400
		expect(isLeapYearCE(1900)).toBe(false);
		expect(isLeapYearCE(2000)).toBe(true);
		expect(daysInMonth(2024, 2)).toBe(29);
		expect(daysInMonth(2025, 2)).toBe(28);
	});
	it('reports which field is wrong', () => {
		expect(parseBirthDateBE('31', '4', '2528', today)).toEqual({ ok: false, field: 'day' });
		expect(parseBirthDateBE('0', '4', '2528', today)).toEqual({ ok: false, field: 'day' });
		expect(parseBirthDateBE('1', '13', '2528', today)).toEqual({ ok: false, field: 'month' });
		expect(parseBirthDateBE('1', '0', '2528', today)).toEqual({ ok: false, field: 'month' });
		expect(parseBirthDateBE('1', '1', 'abcd', today)).toEqual({ ok: false, field: 'year' });
	});
	it('year range: not before 2420 BE, not after this year; a year in ค.ศ. is caught', () => {
		expect(parseBirthDateBE('1', '1', '2419', today)).toEqual({ ok: false, field: 'year' });
		expect(parseBirthDateBE('1', '1', '2420', today).ok).toBe(true);
		expect(parseBirthDateBE('1', '1', '1985', today)).toEqual({ ok: false, field: 'year' });
		expect(parseBirthDateBE('25', '11', '2569', today).ok).toBe(true);
		expect(parseBirthDateBE('26', '11', '2569', today)).toEqual({ ok: false, field: 'day' }); // tomorrow
		expect(parseBirthDateBE('1', '1', '2570', today)).toEqual({ ok: false, field: 'year' });
	});
});

describe('password rule', () => {
	const facts = { nationalId: '1103700123458', phone: '0812345678', birthDateIso: '1985-03-27' };
	it('at least 8 characters of any kind, counted in code points', () => {
		expect(checkPassword('short', facts)).toBe('short');
		expect(checkPassword('1234567', facts)).toBe('short');
		expect(checkPassword('รหัสลับของฉัน', facts)).toBeNull();
		expect(checkPassword('a b c d e', facts)).toBeNull();
		expect(passwordLength('กี่')).toBe(3); // ก, ี, ่
		expect(passwordLength('e\u0301')).toBe(1); // é composed by NFC
		expect(checkPassword('x'.repeat(129), facts)).toBe('long');
	});
	it('not a common password', () => {
		for (const pw of ['12345678', 'password', 'Password1', 'qwerty123', '11111111', 'aaaaaaaaaa', 'iloveyou', 'P@ssw0rd', 'password!']) {
			expect(checkPassword(pw, facts, isCommonPassword), pw).toBe('common');
		}
		expect(checkPassword('ม้าลายกินหญ้า 7 ตัว', facts, isCommonPassword)).toBeNull();
	});
	it('not the ID, phone or birth date, whatever the separators', () => {
		expect(checkPassword('1103700123458', facts)).toBe('personal');
		expect(checkPassword('my1-1037-00123-45-8', facts)).toBe('personal');
		expect(checkPassword('0812345678', facts)).toBe('personal');
		expect(checkPassword('27032528', facts)).toBe('personal');
		expect(checkPassword('27/03/1985', facts)).toBe('personal');
		expect(checkPassword('19850327x', facts)).toBe('personal');
		expect(checkPassword('25280327', facts)).toBe('personal');
	});
});

describe('a year typed in ค.ศ. where พ.ศ. is asked for', () => {
	const today = '2026-11-25';
	it('names the พ.ศ. year it stands for', () => {
		expect(ceYearTyped('1986', today)).toEqual({ ce: 1986, be: 2529 });
		expect(ceYearTyped(' 2000 ', today)).toEqual({ ce: 2000, be: 2543 });
		expect(ceYearTyped('2026', today)).toEqual({ ce: 2026, be: 2569 });
	});
	it('only for a year the date could have in พ.ศ.', () => {
		expect(ceYearTyped('2027', today)).toBeNull(); // 2570: next year
		expect(ceYearTyped('1850', today)).toBeNull(); // 2393: before the oldest birth year
		expect(ceYearTyped('2529', today)).toBeNull(); // already พ.ศ. (and in the future as ค.ศ.)
		expect(ceYearTyped('86', today)).toBeNull();
		expect(ceYearTyped('abcd', today)).toBeNull();
	});
	it('the birth date says so, with the converted year, instead of "enter a valid year"', () => {
		expect(parseBirthFields('27', '3', '1985', today)).toEqual({ ok: false, errors: { birthYear: { key: 'err_year_ce', params: { ce: 1985, be: 2528 } } } });
		expect(parseBirthFields('1', '1', '1986', today)).toEqual({ ok: false, errors: { birthYear: { key: 'err_year_ce', params: { ce: 1986, be: 2529 } } } });
		expect(parseBirthFields('1', '1', '2419', today)).toEqual({ ok: false, errors: { birthYear: 'err_birth_year' } });
		expect(parseBirthFields('1', '1', '2570', today)).toEqual({ ok: false, errors: { birthYear: 'err_birth_year' } });
	});
	it('other พ.ศ. dates keep their own message unless the year is ค.ศ.', () => {
		expect(beYearMessage('2025', today, 'err_last_working_day')).toEqual({ key: 'err_year_ce', params: { ce: 2025, be: 2568 } });
		expect(beYearMessage('25', today, 'err_last_working_day')).toBe('err_last_working_day');
	});
});
