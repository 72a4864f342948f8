import { beforeEach, describe, expect, it } from 'vitest';
import { addPersonTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { accountLevel, proveInPerson, raiseAssurance } from './assurance';
import { securityEvents } from './account';

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
		expect(await accountLevel(ID)).toEqual({ userId: 'u1', assurance: 'sms', provedAt: null });
		expect(await proveInPerson({ id: 'staff-1', place: 'ศูนย์บริการร่วมกระทรวงแรงงาน ดินแดง' }, ID, '10.0.0.1')).toEqual({ ok: true });
		expect(await accountLevel(ID)).toMatchObject({ assurance: 'in_person' });
		const [event] = await securityEvents('u1', ID);
		expect(event).toMatchObject({ action: 'account.proved', inPersonAt: 'ศูนย์บริการร่วมกระทรวงแรงงาน ดินแดง', ip: '10.0.0.1' });
		expect(await db.get("SELECT actor FROM audit_log WHERE action = 'account.proved'")).toEqual({ actor: 'staff:staff-1' });
	});

	it('a proof never lowers the level, and a closed account or no account is not proved', async () => {
		await raiseAssurance('u1', 'in_person');
		expect(await raiseAssurance('u1', 'thaid')).toEqual({ first: true, before: 'in_person' });
		expect(await accountLevel(ID)).toMatchObject({ assurance: 'in_person' });
		expect(await proveInPerson({ id: 's', place: 'x' }, '3100600456785', null)).toEqual({ ok: false, reason: 'no_account' });
		await db.run("UPDATE users SET closed_at = 1 WHERE id = 'u1'");
		expect(await proveInPerson({ id: 's', place: 'x' }, ID, null)).toEqual({ ok: false, reason: 'no_account' });
		expect(await raiseAssurance('u1', 'thaid')).toBeNull();
	});
});
