import { beforeEach, describe, expect, it } from 'vitest';
import { addPersonTo, codeSentTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { completeRegistration, resendRegistrationCode, submitDetails, TERMS_VERSION, type DetailsInput, type RegisterDraft } from './registration';
import { setSmsSenderForTests } from '../sms';
import { login } from './login';

const engines = await testEngines('registration tests on PostgreSQL');
let db: TestDb;
const ID = '1103700123458';
const input: DetailsInput = {
	nationalId: '1-1037-00123-45-8',
	firstName: ' สมชาย ',
	lastName: 'ใจดี',
	birthDay: '27',
	birthMonth: '03',
	birthYear: '2528',
	phone: '081 234 5678',
	password: 'ม้าลาย กินหญ้า',
	passwordConfirm: 'ม้าลาย กินหญ้า'
};
const draft: RegisterDraft = { terms: { version: TERMS_VERSION, acceptedAt: 1 } };
const ctx = { ip: '10.0.0.1', locale: 'th' as const };
const users = () => db.count('SELECT count(*) FROM users');

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		await addPersonTo(db, ID);
	});

	describe('registration service', () => {
		it('checks every field and names each problem', async () => {
			const r = await submitDetails(
				draft,
				{
					nationalId: '1103700123457',
					firstName: '',
					lastName: '',
					birthDay: '30',
					birthMonth: '2',
					birthYear: '2528',
					phone: '02123',
					password: 'short',
					passwordConfirm: ''
				},
				ctx
			);
			expect(r).toEqual({
				ok: false,
				reason: 'invalid',
				errors: {
					nationalId: 'err_national_id',
					firstName: 'err_first_name',
					lastName: 'err_last_name',
					birthDay: 'err_birth_day',
					phone: 'err_phone',
					password: 'err_password_short'
				}
			});
		});

		it('a registry mismatch is one generic answer, whichever field is wrong', async () => {
			expect(await submitDetails(draft, { ...input, lastName: 'ใจร้าย' }, ctx)).toEqual({ ok: false, reason: 'mismatch' });
			expect(await submitDetails(draft, { ...input, birthDay: '28' }, ctx)).toEqual({ ok: false, reason: 'mismatch' });
			expect(await submitDetails(draft, { ...input, nationalId: '1234567890121' }, ctx)).toEqual({ ok: false, reason: 'mismatch' });
		});

		it('writes nothing to users until the code is verified, then exactly one account', async () => {
			const r = await submitDetails(draft, input, ctx);
			if (!r.ok) throw new Error(JSON.stringify(r));
			expect(await users()).toBe(0);
			const pending = (await db.get('SELECT payload FROM otp_challenges')) as { payload: string };
			expect(pending.payload).not.toContain('ม้าลาย'); // only the argon2id hash
			expect(pending.payload).toContain('$argon2id$');
			const code = await codeSentTo(db, '0812345678');
			expect(await completeRegistration(r.draft, code, { ip: null })).toMatchObject({ ok: true });
			expect(await completeRegistration(r.draft, code, { ip: null })).toEqual({ ok: false, reason: 'restart' }); // double submit
			expect(await users()).toBe(1);
			const u = await db.get<{ terms_accepted_at: number | string }>('SELECT national_id, phone, terms_version, terms_accepted_at FROM users');
			// PostgreSQL gives a bigint as text
			expect({ ...u, terms_accepted_at: Number(u?.terms_accepted_at) }).toEqual({
				national_id: ID,
				phone: '0812345678',
				terms_version: TERMS_VERSION,
				terms_accepted_at: 1
			});
			expect(await submitDetails(draft, input, ctx)).toEqual({ ok: false, reason: 'already_registered' });
		});

		it('a migrant worker registers with the pink card’s 00… number and the English name on the passport, then signs in with it', async () => {
			const PINK = '0011990012345';
			await db.run(
				'INSERT INTO persons (national_id,title_th,first_name_th,last_name_th,title_en,first_name_en,last_name_en,birth_date,gender,nationality,passport_no,passport_expiry) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
				PINK,
				'นาย',
				'ซอ',
				'มิน',
				'Mr.',
				'Zaw',
				'Min',
				'1994-08-14',
				'M',
				'MM',
				'MH482931',
				'2029-03-31'
			);
			const worker = {
				...input,
				nationalId: '0-0119-90012-34-5',
				firstName: 'ZAW',
				lastName: 'MIN',
				birthDay: '14',
				birthMonth: '8',
				birthYear: '2537',
				phone: '0898765432'
			};
			// the same digits without their leading zeros are another (invalid) number, not this person
			expect(await submitDetails(draft, { ...worker, nationalId: '11990012345' }, ctx)).toMatchObject({
				reason: 'invalid',
				errors: { nationalId: 'err_national_id' }
			});
			const r = await submitDetails(draft, worker, ctx);
			if (!r.ok) throw new Error(JSON.stringify(r));
			expect(await completeRegistration(r.draft, await codeSentTo(db, '0898765432'), { ip: null })).toMatchObject({ ok: true });
			expect(await db.get('SELECT national_id, phone FROM users')).toEqual({ national_id: PINK, phone: '0898765432' });
			expect(await login(PINK, input.password, { ip: '10.0.0.2' })).toMatchObject({ ok: true });
		});

		it('a foreign worker without the number at hand registers by passport: its number and state, the name and the birth date', async () => {
			const PINK = '0011990012345';
			await db.run(
				'INSERT INTO persons (national_id,title_th,first_name_th,last_name_th,title_en,first_name_en,last_name_en,birth_date,gender,nationality,passport_no,passport_expiry) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
				...[PINK, 'นาย', 'ซอ', 'มิน', 'Mr.', 'Zaw', 'Min', '1994-08-14', 'M', 'MM', 'MH482931', '2029-03-31']
			);
			const worker = {
				...input,
				nationalId: '',
				idKind: 'passport' as const,
				passportNo: ' mh-482931 ',
				nationality: 'MM',
				firstName: 'Zaw',
				lastName: 'Min',
				birthDay: '14',
				birthMonth: '8',
				birthYear: '2537',
				phone: '0898765432'
			};
			// each part is checked, and a wrong one is the same one answer as for a typed number
			expect(await submitDetails(draft, { ...worker, passportNo: 'MH-4', nationality: 'XX' }, ctx)).toMatchObject({
				reason: 'invalid',
				errors: { passportNo: 'err_passport', nationality: 'err_nationality' }
			});
			for (const wrong of [{ nationality: 'KH' }, { passportNo: 'MH482932' }, { birthDay: '15' }, { lastName: 'Aung' }])
				expect(await submitDetails(draft, { ...worker, ...wrong }, ctx), JSON.stringify(wrong)).toEqual({ ok: false, reason: 'mismatch' });
			// the password may not be the number they will log in with, though they did not type it
			expect(await submitDetails(draft, { ...worker, password: '0011990012345', passwordConfirm: '0011990012345' }, ctx)).toMatchObject({
				reason: 'invalid',
				errors: { password: expect.stringMatching(/^err_password_/) }
			});
			const r = await submitDetails(draft, worker, ctx);
			if (!r.ok) throw new Error(JSON.stringify(r));
			// the account is the registry's number of the passport's holder
			expect(r.draft.details).toMatchObject({ nationalId: PINK, passportNo: 'MH482931', nationality: 'MM' });
			expect(await completeRegistration(r.draft, await codeSentTo(db, '0898765432'), { ip: null })).toMatchObject({ ok: true });
			expect(await db.get('SELECT national_id FROM users')).toEqual({ national_id: PINK });
			expect(await submitDetails(draft, worker, ctx)).toEqual({ ok: false, reason: 'already_registered' });
		});

		it('a provider failure leaves no account and lets the citizen retry', async () => {
			setSmsSenderForTests({
				name: 'twilio',
				send: async () => {
					throw new Error('provider down');
				}
			});
			const r = await submitDetails(draft, input, ctx);
			expect(r).toMatchObject({ ok: false, reason: 'sms_failed' });
			expect(await users()).toBe(0);
			expect(await db.get('SELECT status FROM sms_outbox')).toEqual({ status: 'failed' });
			// the provider is back: the retry goes at once (no 60-second wait for a text that never left) and the code works
			setSmsSenderForTests(undefined);
			if (r.ok || r.reason !== 'sms_failed') throw new Error('unexpected');
			expect(await resendRegistrationCode(r.draft, ctx)).toEqual({ ok: true, sending: false });
			expect(await completeRegistration(r.draft, await codeSentTo(db, '0812345678'), { ip: null })).toMatchObject({ ok: true });
			expect(await users()).toBe(1);
		});

		it('the same details sent again keep the open challenge: no new text, the first code works, its tries are not reset', async () => {
			const texts = () => db.count('SELECT count(*) FROM sms_outbox');
			const first = await submitDetails(draft, input, ctx);
			if (!first.ok) throw new Error(JSON.stringify(first));
			const code = await codeSentTo(db, '0812345678');
			const wrong = code === '000000' ? '111111' : '000000';
			expect(await completeRegistration(first.draft, wrong, { ip: null })).toMatchObject({
				reason: 'invalid',
				error: { key: 'err_code_wrong', params: { left: 4 } }
			});
			// back to step 2 and on again: same person and number (typed a little differently), a new password
			const again = await submitDetails(
				first.draft,
				{ ...input, birthMonth: '3', nationalId: '1103700123458', password: 'ยีราฟ คอยาว มาก', passwordConfirm: 'ยีราฟ คอยาว มาก' },
				ctx
			);
			if (!again.ok) throw new Error(JSON.stringify(again));
			expect(again.draft.challengeId).toBe(first.draft.challengeId);
			expect(again.draft.codeNotice).toBe('kept');
			expect(await texts()).toBe(1);
			// the wrong code before still counts: going back gives no new tries
			expect(await completeRegistration(again.draft, wrong, { ip: null })).toMatchObject({
				reason: 'invalid',
				error: { key: 'err_code_wrong', params: { left: 3 } }
			});
			expect(await completeRegistration(again.draft, code, { ip: null })).toMatchObject({ ok: true });
			// the password typed last is the account's
			const hash = ((await db.get('SELECT password_hash h FROM users')) as { h: string }).h;
			const { verifyPassword } = await import('../auth/password');
			expect(await verifyPassword(hash, 'ยีราฟ คอยาว มาก')).toBe(true);
		});

		it('changed details start a new challenge (a new text, counted against the caps) and say to use the latest code', async () => {
			const first = await submitDetails(draft, input, ctx);
			if (!first.ok) throw new Error(JSON.stringify(first));
			const old = await codeSentTo(db, '0812345678');
			const changed = await submitDetails(first.draft, { ...input, phone: '0898765432' }, ctx);
			if (!changed.ok) throw new Error(JSON.stringify(changed));
			expect(changed.draft.challengeId).not.toBe(first.draft.challengeId);
			expect(changed.draft.codeNotice).toBe('new');
			const code = await codeSentTo(db, '0898765432');
			if (code !== old) expect(await completeRegistration(changed.draft, old, { ip: null })).toMatchObject({ reason: 'invalid' });
			expect(await completeRegistration(changed.draft, code, { ip: null })).toMatchObject({ ok: true });
		});

		it('a challenge that can no longer succeed is not kept: five wrong codes, then the same details start a new one', async () => {
			const first = await submitDetails(draft, input, ctx);
			if (!first.ok) throw new Error(JSON.stringify(first));
			const code = await codeSentTo(db, '0812345678');
			const wrong = code === '000000' ? '111111' : '000000';
			for (let i = 0; i < 5; i++) await completeRegistration(first.draft, wrong, { ip: null });
			const again = await submitDetails(first.draft, input, ctx);
			if (!again.ok) throw new Error(JSON.stringify(again));
			expect(again.draft.challengeId).not.toBe(first.draft.challengeId);
			expect(again.draft.codeNotice).toBe('new');
		});

		it('keeping the challenge still counts each registry look-up against the per-IP cap', async () => {
			const { config } = await import('../config');
			let r = await submitDetails(draft, input, ctx);
			if (!r.ok) throw new Error(JSON.stringify(r));
			for (let i = 1; i < config().REGISTER_IP_PER_HOUR; i++) {
				r = await submitDetails(r.ok ? r.draft : draft, input, ctx);
				expect(r.ok).toBe(true);
			}
			expect(await submitDetails(r.ok ? r.draft : draft, input, ctx)).toMatchObject({ ok: false, reason: 'rate_limited' });
		});
	});
});
