import { beforeEach, describe, expect, it } from 'vitest';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { addPersonTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { setClockOffset } from '../clock';
import { createSession, invalidateAllSessions, validateSessionToken } from './session';
import { generateToken, hashToken } from './tokens';

const engines = await testEngines('session tests on PostgreSQL');
let db: TestDb;
async function addUser(id = 'u1', nationalId = '1103700123458') {
	await addPersonTo(db, nationalId);
	await db.run(
		"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES (?,?,'0812345678','x',0,'v',0,0,0)",
		id,
		nationalId
	);
}

describe.each(engines)('session tokens on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		await addUser();
	});

	it('are 160 random bits in base32 and stored as their SHA-256 only', async () => {
		const t = generateToken();
		expect(t).toMatch(/^[a-z2-7]{32}$/);
		expect(generateToken()).not.toBe(t);
		expect(hashToken(t)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(t))));
		const { token } = await createSession('u1', { ip: '127.0.0.1' });
		const ids = await db.all<{ id: string }>('SELECT id FROM sessions');
		expect(ids).toEqual([{ id: hashToken(token) }]);
		expect(JSON.stringify(await db.all('SELECT * FROM sessions'))).not.toContain(token);
	});

	it('validate to the user and person', async () => {
		const { token } = await createSession('u1', {});
		const v = await validateSessionToken(token);
		expect(v.user).toMatchObject({ id: 'u1', nationalId: '1103700123458', firstNameTh: 'สมชาย' });
		expect((await validateSessionToken(generateToken())).user).toBeNull();
	});

	it('end after 30 idle minutes, and activity keeps them alive', async () => {
		const { token } = await createSession('u1', {});
		setClockOffset(29 * 60_000);
		expect((await validateSessionToken(token)).session).not.toBeNull(); // touched at 29 min
		setClockOffset(58 * 60_000);
		expect((await validateSessionToken(token)).session).not.toBeNull(); // 29 min after the touch
		setClockOffset(88 * 60_000 + 1);
		expect((await validateSessionToken(token)).session).toBeNull(); // 30 min idle
		expect(await db.count('SELECT count(*) FROM sessions')).toBe(0);
	});

	it('end after 12 hours however active', async () => {
		const { token } = await createSession('u1', {});
		for (let m = 20; m < 12 * 60; m += 20) {
			setClockOffset(m * 60_000);
			expect((await validateSessionToken(token)).session, `at ${m} min`).not.toBeNull();
		}
		setClockOffset(12 * 3_600_000);
		expect((await validateSessionToken(token)).session).toBeNull();
	});

	it('timeouts are configurable', async () => {
		db = await freshDatabase(engine, { SESSION_IDLE_MINUTES: '5', SESSION_ABSOLUTE_HOURS: '1' });
		await addUser();
		const { token } = await createSession('u1', {});
		setClockOffset(5 * 60_000);
		expect((await validateSessionToken(token)).session).toBeNull();
	});

	it('a sign-in gets a session only while the account still has the password it checked, and is open', async () => {
		// the password checked was 'x'; a change (or a reset) committed while the hash was being checked
		expect(await createSession('u1', {}, 'x')).not.toBeNull();
		await db.run("UPDATE users SET password_hash = 'y' WHERE id = 'u1'");
		expect(await createSession('u1', {}, 'x')).toBeNull();
		await db.run("UPDATE users SET closed_at = 1 WHERE id = 'u1'");
		expect(await createSession('u1', {}, 'y')).toBeNull();
		expect(await db.count('SELECT count(*) FROM sessions')).toBe(1);
	});

	it('all sessions of a user can be ended at once', async () => {
		const a = await createSession('u1', {});
		const b = await createSession('u1', {});
		await invalidateAllSessions('u1');
		expect((await validateSessionToken(a.token)).session).toBeNull();
		expect((await validateSessionToken(b.token)).session).toBeNull();
	});
});
