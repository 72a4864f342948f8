import { beforeEach, describe, expect, it } from 'vitest';
import { addPersonTo, codeSentTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { completeRegistration, startThaidRegistration, submitThaidPhone, TERMS_VERSION } from '../accounts/registration';
import { passwordAttempt } from '../accounts/login';
import { confirmProof, thaidProve, thaidSignIn } from './login';
import { securityEvents } from '../accounts/account';
import type { ThaidPerson } from './claims';

const engines = await testEngines('ThaID account tests on PostgreSQL');
let db: TestDb;
const ID = '1103700123458';
const OTHER = '3100600456785';
const person = (nationalId: string): ThaidPerson => ({
	nationalId,
	titleTh: 'นาย',
	firstNameTh: 'สมชาย',
	lastNameTh: 'ใจดี',
	titleEn: 'Mr.',
	firstNameEn: 'Somchai',
	lastNameEn: 'Jaidee',
	birthDate: '1985-03-27'
});
const ctx = { ip: '1.1.1.1', userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36', device: null };

describe.each(engines)('ThaID and the account, on %s', (engine) => {
	const account = () =>
		db.get<{ assurance: string; proved_at: unknown; thaid_linked_at: unknown }>("SELECT assurance, proved_at, thaid_linked_at FROM users WHERE id = 'u1'");
	const actions = async () => (await db.all<{ action: string }>("SELECT action FROM audit_log WHERE actor = 'u1' ORDER BY id")).map((r) => r.action);

	beforeEach(async () => {
		db = await freshDatabase(engine);
		await addPersonTo(db, ID);
		await addPersonTo(db, OTHER);
		await db.run(
			"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678','x',0,'v',0,0,0)",
			ID
		);
	});

	it('an account opened by SMS is raised only once the person ThaID proved says its number is theirs; other sessions end then', async () => {
		await db.run("INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES ('impostor','u1',0,0,9999999999999)");
		await db.run("INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES ('mine','u1',0,0,9999999999999)");
		expect(await account()).toMatchObject({ assurance: 'sms', proved_at: null, thaid_linked_at: null });
		// signed in, but the number and password were set by whoever knew the ID, name and birth date: not raised yet
		expect(await thaidSignIn(person(ID), ctx)).toEqual({ ok: true, userId: 'u1', pending: true });
		expect(await account()).toMatchObject({ assurance: 'sms', thaid_linked_at: null });
		expect(await confirmProof({ userId: 'u1', nationalId: ID, sessionId: 'mine', ip: null })).toBe(true);
		const first = await account();
		expect(first).toMatchObject({ assurance: 'thaid' });
		expect(Number(first!.thaid_linked_at)).toBeGreaterThan(0);
		expect((await db.all<{ id: string }>("SELECT id FROM sessions WHERE user_id = 'u1'")).map((r) => r.id)).toEqual(['mine']);
		// from now on a ThaID sign-in is proved at once; linked once
		expect(await thaidSignIn(person(ID), ctx)).toEqual({ ok: true, userId: 'u1', pending: false });
		expect(Number((await account())!.thaid_linked_at)).toBe(Number(first!.thaid_linked_at));
		expect(await actions()).toEqual(['login.ok', 'account.proved', 'login.ok']);
		// the citizen sees them among their account's events, the sign-ins as ThaID's
		const events = await securityEvents('u1', ID);
		expect(events.map((e) => [e.action, e.thaid])).toEqual([
			['login.ok', true],
			['account.proved', false],
			['login.ok', true]
		]);
	});

	it('a person without an open account is told to register first', async () => {
		expect(await thaidSignIn(person(OTHER), ctx)).toEqual({ ok: false, reason: 'no_account' });
		await db.run("UPDATE users SET closed_at = 1 WHERE id = 'u1'");
		expect(await thaidSignIn(person(ID), ctx)).toEqual({ ok: false, reason: 'no_account' });
		expect(await account()).toMatchObject({ assurance: 'sms', thaid_linked_at: null });
	});

	it('a proof only ever raises the level: an officer’s proof in person stays', async () => {
		await db.run("UPDATE users SET assurance = 'in_person' WHERE id = 'u1'");
		expect(await thaidSignIn(person(ID), ctx)).toMatchObject({ ok: true, pending: false });
		expect(await account()).toMatchObject({ assurance: 'in_person' });
	});

	it('a signed-in citizen proves the account with their own ThaID (the number confirmed next); another person’s proves nothing and is recorded', async () => {
		const user = { id: 'u1', nationalId: ID };
		expect(await thaidProve(user, person(OTHER), ctx)).toEqual({ ok: false, reason: 'other_person' });
		expect(await account()).toMatchObject({ assurance: 'sms', thaid_linked_at: null });
		expect(await thaidProve(user, person(ID), ctx)).toEqual({ ok: true, pending: true });
		expect(await account()).toMatchObject({ assurance: 'sms' });
		await confirmProof({ userId: 'u1', nationalId: ID, sessionId: 'none', ip: null });
		expect(await account()).toMatchObject({ assurance: 'thaid' });
		expect(await thaidProve(user, person(ID), ctx)).toEqual({ ok: true, pending: false });
		expect(await actions()).toEqual(['account.proof_refused', 'account.proved']);
		await db.run("UPDATE users SET closed_at = 1 WHERE id = 'u1'");
		expect(await thaidProve(user, person(ID), ctx)).toEqual({ ok: false, reason: 'closed' });
	});

	it('a person ThaID proved, without an account, registers with a mobile number only: proved from the start, no password', async () => {
		// the registry's name and birth date must be ThaID's (Thai or English names)
		expect(await startThaidRegistration({ ...person(OTHER), lastNameTh: 'อื่น', lastNameEn: 'Other' }, ctx)).toEqual({ ok: false, reason: 'mismatch' });
		expect(await startThaidRegistration({ ...person(OTHER), birthDate: '1985-03-28' }, ctx)).toEqual({ ok: false, reason: 'mismatch' });
		expect(await startThaidRegistration(person(ID), ctx)).toEqual({ ok: false, reason: 'already_registered' });
		const start = await startThaidRegistration({ ...person(OTHER), firstNameTh: 'x', lastNameTh: 'y' }, ctx);
		expect(start).toMatchObject({ ok: true });
		if (!start.ok) return;
		// the terms first
		expect(await submitThaidPhone(start.draft, '0898765432', { ip: null, locale: 'th' })).toEqual({ ok: false, reason: 'restart' });
		const draft = { ...start.draft, terms: { version: TERMS_VERSION, acceptedAt: 1 } };
		expect(await submitThaidPhone(draft, '12345', { ip: null, locale: 'th' })).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { phone: expect.anything() }
		});
		const sent = await submitThaidPhone(draft, '089 876 5432', { ip: null, locale: 'th' });
		expect(sent).toMatchObject({ ok: true, draft: { details: { nationalId: OTHER, phone: '0898765432', birthYear: '2528' } } });
		if (!sent.ok) return;
		const done = await completeRegistration(sent.draft, await codeSentTo(db, '0898765432'), { ip: null });
		expect(done).toMatchObject({ ok: true });
		const row = await db.get<{ assurance: string; password_hash: string; thaid_linked_at: unknown }>(
			'SELECT assurance, password_hash, thaid_linked_at FROM users WHERE national_id = ?',
			OTHER
		);
		expect(row).toMatchObject({ assurance: 'thaid', password_hash: '' });
		expect(Number(row!.thaid_linked_at)).toBeGreaterThan(0);
		// no password signs in to it, and the failure takes as long as a wrong one
		expect(await passwordAttempt(OTHER, '')).toMatchObject({ ok: false });
		expect(await passwordAttempt(OTHER, 'anything at all 1')).toMatchObject({ ok: false, known: true });
	});
});
