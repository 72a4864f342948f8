import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addPersonTo, codeSentTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { accountLevel, proveInPerson, raiseAssurance } from './assurance';
import { completePhoneChange, securityEvents, startPhoneReplace } from './account';

const engines = await testEngines('identity proof tests on PostgreSQL');
let db: TestDb;
const ID = '1103700123458';

describe.each(engines)('identity proof, on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		await addPersonTo(db, ID);
		await db.run(
			"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678','x',0,'v',0,0,0)",
			ID
		);
	});

	it('an officer proves the account in person: the higher level, recorded with the place, shown to the citizen', async () => {
		expect(await accountLevel(ID)).toEqual({ userId: 'u1', assurance: 'sms', provedAt: null, phone: '0812345678' });
		await db.run("INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES ('s1','u1',0,0,9999999999999)");
		expect(await proveInPerson({ id: 'staff-1', place: 'ศูนย์บริการร่วมกระทรวงแรงงาน ดินแดง' }, ID, '10.0.0.1')).toEqual({ ok: true });
		// the sessions opened with the number and password as they were do not carry the proof
		expect(await db.count("SELECT count(*) FROM sessions WHERE user_id = 'u1'")).toBe(0);
		expect(await accountLevel(ID)).toMatchObject({ assurance: 'in_person' });
		const [event] = await securityEvents('u1', ID);
		expect(event).toMatchObject({ action: 'account.proved', inPersonAt: 'ศูนย์บริการร่วมกระทรวงแรงงาน ดินแดง', ip: '10.0.0.1' });
		expect(await db.get("SELECT actor FROM audit_log WHERE action = 'account.proved'")).toEqual({ actor: 'staff:staff-1' });
	});

	it('a proof never lowers the level, and a closed account or no account is not proved', async () => {
		await raiseAssurance('u1', 'in_person');
		expect(await raiseAssurance('u1', 'thaid')).toEqual({ before: 'in_person' });
		expect(await accountLevel(ID)).toMatchObject({ assurance: 'in_person' });
		expect(await proveInPerson({ id: 's', place: 'x' }, '3100600456785', null)).toEqual({ ok: false, reason: 'no_account' });
		await db.run("UPDATE users SET closed_at = 1 WHERE id = 'u1'");
		expect(await proveInPerson({ id: 's', place: 'x' }, ID, null)).toEqual({ ok: false, reason: 'no_account' });
		expect(await raiseAssurance('u1', 'thaid')).toBeNull();
	});

	it('a take-over repaired: the person’s own number, the other’s password and every session gone, the old number told', async () => {
		await db.run("INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES ('s1','u1',0,0,9999999999999)");
		const who = { userId: 'u1', nationalId: ID, ip: null };
		expect(await startPhoneReplace(who, { phone: '0812345678', takeover: true }, 'th')).toMatchObject({ ok: false, errors: { phone: 'err_phone_same' } });
		const r = await startPhoneReplace(who, { phone: '089 111 2222', takeover: true, prove: true }, 'th');
		expect(r).toMatchObject({ ok: true });
		if (!r.ok) return;
		expect(await completePhoneChange(who, r.draft, await codeSentTo(db, '0891112222'), 'th')).toEqual({ ok: true });
		// the person ThaID proved has the account back: raised now
		expect(await db.get("SELECT phone, password_hash, assurance FROM users WHERE id = 'u1'")).toEqual({
			phone: '0891112222',
			password_hash: '',
			assurance: 'thaid'
		});
		expect(await db.count("SELECT count(*) FROM sessions WHERE user_id = 'u1'")).toBe(0);
		expect((await securityEvents('u1', ID)).map((e) => e.action).sort()).toEqual(['account.proved', 'account.repaired']);
		await vi.waitFor(async () =>
			expect(await db.get<{ body: string }>("SELECT body FROM sms_outbox WHERE to_phone = '0812345678' AND purpose = 'notice:phone'")).toMatchObject({
				body: expect.stringContaining('เจ้าของบัตรประชาชนได้ยืนยันตัวตน')
			})
		);
	});
});
