import { describe, expect, it } from 'vitest';
import { birthDateOf, ialOf, splitName, thaidPerson } from './claims';

const PID = '1101700203450';

describe('ThaID claims', () => {
	it('reads given and family names, titles and the national ID from pid', () => {
		expect(
			thaidPerson({
				sub: 'x',
				pid: PID,
				given_name: 'สมชาย',
				family_name: 'ใจดี',
				title: 'นาย',
				given_name_en: 'Somchai',
				family_name_en: 'Jaidee',
				title_en: 'Mr.',
				birthdate: '1980-01-31'
			})
		).toEqual({
			person: {
				nationalId: PID,
				titleTh: 'นาย',
				firstNameTh: 'สมชาย',
				lastNameTh: 'ใจดี',
				titleEn: 'Mr.',
				firstNameEn: 'Somchai',
				lastNameEn: 'Jaidee',
				birthDate: '1980-01-31'
			}
		});
	});

	it('refuses a subject that is another national ID than pid (an opaque subject is fine)', () => {
		const named = { name: 'นาย สมชาย ใจดี', birthdate: '1980-01-31' };
		expect(thaidPerson({ sub: '3100600456785', pid: PID, ...named })).toEqual({ problem: 'pid_mismatch' });
		expect(thaidPerson({ sub: '1-1017-00203-45-0', pid: PID, ...named })).toMatchObject({ person: { nationalId: PID } });
		expect(thaidPerson({ sub: 'a3f9c0', pid: PID, ...named })).toMatchObject({ person: { nationalId: PID } });
		// thirteen digits that are no national ID (the check digit is wrong): an opaque subject too
		expect(thaidPerson({ sub: '1101700203451', pid: PID, ...named })).toMatchObject({ person: { nationalId: PID } });
		expect(thaidPerson({ sub: PID, ...named })).toMatchObject({ person: { nationalId: PID } });
	});

	it('takes an answer whose ial is 2.3 or above (or says none), and refuses a lower or unreadable one', () => {
		const named = { pid: PID, name: 'นาย สมชาย ใจดี', birthdate: '1980-01-31' };
		for (const ial of ['2.3', 2.3, 'IAL2.3', 'ial 3', '3', 3, undefined])
			expect(thaidPerson({ ...named, ial }), String(ial)).toMatchObject({ person: { nationalId: PID } });
		for (const ial of ['1.3', 2.2, 'IAL2', 1, 'high', '', {}]) expect(thaidPerson({ ...named, ial }), String(ial)).toEqual({ problem: 'low_ial' });
		// the token response's ial counts where the id_token has none
		expect(thaidPerson(named, { ial: '1.1' })).toEqual({ problem: 'low_ial' });
		expect(ialOf('IAL 2.3')).toEqual([2, 3]);
		expect(ialOf('4')).toBeNull();
	});

	it('splits whole names, with the title before or against the first name, and a last name of two words', () => {
		expect(thaidPerson({ pid: PID, name: 'นางสาว สุดา  รักไทย', name_en: 'Miss Suda Rakthai', birthdate: '2530-05-01' })).toMatchObject({
			person: {
				titleTh: 'นางสาว',
				firstNameTh: 'สุดา',
				lastNameTh: 'รักไทย',
				titleEn: 'Miss',
				firstNameEn: 'Suda',
				lastNameEn: 'Rakthai',
				birthDate: '1987-05-01'
			}
		});
		expect(splitName('นางสมศรี มีสุข', ['นางสาว', 'นาง'])).toEqual({ title: 'นาง', first: 'สมศรี', last: 'มีสุข' });
		expect(splitName('นางสาวสมศรี ณ อยุธยา', ['นางสาว', 'นาง'])).toEqual({ title: 'นางสาว', first: 'สมศรี', last: 'ณ อยุธยา' });
		// "Mrs" is not the start of "Mrsomchai"; a name alone has no last name
		expect(splitName('Missy Jones', ['Miss'])).toEqual({ title: null, first: 'Missy', last: 'Jones' });
		expect(splitName('สมชาย', ['นาย'])).toBeNull();
	});

	it('takes claims from the token response when the id_token lacks them, the id_token when both have them', () => {
		const r = thaidPerson(
			{ sub: '1111111111119', given_name: 'สมชาย' },
			{ pid: '1111111111119', family_name: 'ใจดี', given_name: 'ไม่ใช่', birthdate: '19800131' }
		);
		expect(r).toMatchObject({ person: { nationalId: '1111111111119', firstNameTh: 'สมชาย', lastNameTh: 'ใจดี', birthDate: '1980-01-31' } });
		// pid missing everywhere: a 13-digit sub is the national ID
		expect(thaidPerson({ sub: PID, name: 'นาย สมชาย ใจดี', birthdate: '1980-01-31' })).toMatchObject({ person: { nationalId: PID } });
	});

	it('says what is missing or wrong', () => {
		expect(thaidPerson({ sub: 'abc', name: 'นาย สมชาย ใจดี', birthdate: '1980-01-31' })).toEqual({ problem: 'no_pid' });
		expect(thaidPerson({ pid: '1101700203451', name: 'นาย สมชาย ใจดี', birthdate: '1980-01-31' })).toEqual({ problem: 'bad_pid' });
		expect(thaidPerson({ pid: PID, name: 'สมชาย', birthdate: '1980-01-31' })).toEqual({ problem: 'no_name' });
		expect(thaidPerson({ pid: PID, name: 'นาย สมชาย ใจดี' })).toEqual({ problem: 'bad_birthdate' });
		expect(thaidPerson({ pid: PID, name: 'นาย สมชาย ใจดี', birthdate: '1980-02-30' })).toEqual({ problem: 'bad_birthdate' });
	});

	it('reads birth dates in the forms seen, Buddhist-era years included, and keeps an unknown day or month as 00', () => {
		expect(birthDateOf('1980-01-31')).toBe('1980-01-31');
		expect(birthDateOf('2523-01-31')).toBe('1980-01-31');
		expect(birthDateOf('31/01/2523')).toBe('1980-01-31');
		expect(birthDateOf('1/2/1980')).toBe('1980-02-01');
		expect(birthDateOf('25230131')).toBe('1980-01-31');
		expect(birthDateOf(19800131)).toBe('1980-01-31');
		expect(birthDateOf('2480-00-00')).toBe('1937-00-00');
		expect(birthDateOf('2480-05-00')).toBe('1937-05-00');
		for (const bad of ['2480-00-05', '1980-13-01', '31-01-1980', '', null, 'พ.ศ. 2523', '1700-01-01']) expect(birthDateOf(bad), String(bad)).toBeNull();
	});
});
