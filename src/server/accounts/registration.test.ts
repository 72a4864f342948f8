import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, addPerson, lastCode } from '../../../tests/unit/fresh-db';
import { completeRegistration, resendRegistrationCode, submitDetails, TERMS_VERSION, type DetailsInput, type RegisterDraft } from './registration';
import { setSmsSenderForTests } from '../sms';
import type { Db } from '../db';

let db: Db;
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
const users = () => (db.$client.prepare('SELECT count(*) n FROM users').get() as { n: number }).n;

beforeEach(() => {
	db = freshDb();
	addPerson(db, ID);
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
			kind: 'invalid',
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
		expect(await submitDetails(draft, { ...input, lastName: 'ใจร้าย' }, ctx)).toEqual({ ok: false, kind: 'mismatch' });
		expect(await submitDetails(draft, { ...input, birthDay: '28' }, ctx)).toEqual({ ok: false, kind: 'mismatch' });
		expect(await submitDetails(draft, { ...input, nationalId: '1234567890121' }, ctx)).toEqual({ ok: false, kind: 'mismatch' });
	});

	it('writes nothing to users until the code is verified, then exactly one account', async () => {
		const r = await submitDetails(draft, input, ctx);
		if (!r.ok) throw new Error(JSON.stringify(r));
		expect(users()).toBe(0);
		const pending = db.$client.prepare('SELECT payload FROM otp_challenges').get() as { payload: string };
		expect(pending.payload).not.toContain('ม้าลาย'); // only the argon2id hash
		expect(pending.payload).toContain('$argon2id$');
		const code = lastCode(db, '0812345678');
		expect(completeRegistration(r.draft, code, { ip: null })).toMatchObject({ ok: true });
		expect(completeRegistration(r.draft, code, { ip: null })).toEqual({ ok: false, kind: 'restart' }); // double submit
		expect(users()).toBe(1);
		const u = db.$client.prepare('SELECT national_id, phone, terms_version, terms_accepted_at FROM users').get();
		expect(u).toEqual({ national_id: ID, phone: '0812345678', terms_version: TERMS_VERSION, terms_accepted_at: 1 });
		expect(await submitDetails(draft, input, ctx)).toEqual({ ok: false, kind: 'already_registered' });
	});

	it('a provider failure leaves no account and lets the citizen retry', async () => {
		setSmsSenderForTests({
			name: 'twilio',
			send: async () => {
				throw new Error('provider down');
			}
		});
		const r = await submitDetails(draft, input, ctx);
		expect(r).toMatchObject({ ok: false, kind: 'sms_failed' });
		expect(users()).toBe(0);
		expect(db.$client.prepare('SELECT status FROM sms_outbox').get()).toEqual({ status: 'failed' });
		// the provider is back: the retry goes at once (no 60-second wait for a text that never left) and the code works
		setSmsSenderForTests(undefined);
		if (r.ok || r.kind !== 'sms_failed') throw new Error('unexpected');
		expect(await resendRegistrationCode(r.draft, ctx)).toEqual({ ok: true, sending: false });
		expect(completeRegistration(r.draft, lastCode(db, '0812345678'), { ip: null })).toMatchObject({ ok: true });
		expect(users()).toBe(1);
	});
});
