import { beforeEach, describe, expect, it } from 'vitest';
import { addPersonTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { thaidProve, thaidSignIn } from './login';
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

	it('an account opened by SMS holds the lower level until ThaID proves it; a ThaID sign-in then raises it once', async () => {
		expect(await account()).toMatchObject({ assurance: 'sms', proved_at: null, thaid_linked_at: null });
		expect(await thaidSignIn(person(ID), ctx)).toEqual({ ok: true, userId: 'u1', firstProof: true });
		const first = await account();
		expect(first).toMatchObject({ assurance: 'thaid' });
		expect(Number(first!.thaid_linked_at)).toBeGreaterThan(0);
		expect(await thaidSignIn(person(ID), ctx)).toEqual({ ok: true, userId: 'u1', firstProof: false });
		// linked once; proved again at each ThaID sign-in
		expect(Number((await account())!.thaid_linked_at)).toBe(Number(first!.thaid_linked_at));
		expect(await actions()).toEqual(['account.proved', 'login.ok', 'login.ok']);
		// the citizen sees both among their account's events, the sign-ins as ThaID's
		const events = await securityEvents('u1', ID);
		expect(events.map((e) => [e.action, e.thaid])).toEqual([
			['login.ok', true],
			['login.ok', true],
			['account.proved', false]
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
		expect(await thaidSignIn(person(ID), ctx)).toMatchObject({ ok: true, firstProof: true });
		expect(await account()).toMatchObject({ assurance: 'in_person' });
	});

	it('a signed-in citizen proves the account with their own ThaID; another person’s proves nothing and is recorded', async () => {
		const user = { id: 'u1', nationalId: ID };
		expect(await thaidProve(user, person(OTHER), ctx)).toEqual({ ok: false, reason: 'other_person' });
		expect(await account()).toMatchObject({ assurance: 'sms', thaid_linked_at: null });
		expect(await thaidProve(user, person(ID), ctx)).toEqual({ ok: true, firstProof: true });
		expect(await account()).toMatchObject({ assurance: 'thaid' });
		expect(await actions()).toEqual(['account.proof_refused', 'account.proved']);
		await db.run("UPDATE users SET closed_at = 1 WHERE id = 'u1'");
		expect(await thaidProve(user, person(ID), ctx)).toEqual({ ok: false, reason: 'closed' });
	});
});
