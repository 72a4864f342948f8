import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { addPersonTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { setClockOffset } from '../clock';
import { hashPassword } from '../auth/password';
import { login, LOCK_MS } from './login';
import { deviceCookieName, newDeviceId, signDevice, verifyDevice } from '../auth/device-cookie';
import { housekeeping } from '../housekeeping';

const engines = await testEngines('login tests on PostgreSQL');
let db: TestDb;
const ID = '1103700123458';
const PW = 'correct horse battery';

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		await addPersonTo(db, ID);
		await db.run(
			"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678',?,0,'v',0,0,0)",
			ID,
			await hashPassword(PW)
		);
	});

	describe('login', () => {
		it('accepts the right password and refuses a wrong one with one generic answer', async () => {
			expect(await login(ID, PW, { ip: '1.1.1.1' })).toMatchObject({ ok: true, userId: 'u1' });
			expect(await login(ID, 'nope nope', { ip: '1.1.1.1' })).toEqual({ ok: false, reason: 'invalid' });
			expect(await login('1100500567899', PW, { ip: '1.1.1.1' })).toEqual({ ok: false, reason: 'invalid' });
		});

		it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
			for (let i = 0; i < 4; i++) expect(await login(ID, `wrong ${i}`, { ip: '1.1.1.1' })).toEqual({ ok: false, reason: 'invalid' });
			const fifth = await login(ID, 'wrong 5', { ip: '1.1.1.1' });
			expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
			expect(await login(ID, PW, { ip: '2.2.2.2' })).toMatchObject({ ok: false, reason: 'locked' });
			setClockOffset(LOCK_MS - 1000);
			expect(await login(ID, PW, { ip: '2.2.2.2' })).toMatchObject({ ok: false, reason: 'locked' });
			setClockOffset(LOCK_MS);
			expect(await login(ID, PW, { ip: '2.2.2.2' })).toMatchObject({ ok: true, userId: 'u1' });
		});

		it('a success resets the failure count', async () => {
			for (let i = 0; i < 4; i++) await login(ID, `wrong ${i}`, { ip: '1.1.1.1' });
			expect((await login(ID, PW, { ip: '1.1.1.1' })).ok).toBe(true);
			for (let i = 0; i < 4; i++) expect(await login(ID, `wrong ${i}`, { ip: '1.1.1.1' })).toEqual({ ok: false, reason: 'invalid' });
		});

		it('treats an unknown ID exactly the same way, so the lockout does not reveal who is registered', async () => {
			vi.useFakeTimers({ toFake: ['Date'], now: 1_800_000_000_000 });
			onTestFinished(() => {
				vi.useRealTimers();
			});
			const unknown = '1100500567899';
			const answers = async (id: string) => {
				const out = [];
				for (let i = 0; i < 6; i++) out.push(await login(id, `wrong ${i}`, { ip: '1.1.1.1' }));
				return out;
			};
			expect(await answers(unknown)).toEqual(await answers(ID));
			const locked = await login(unknown, 'x', { ip: '1.1.1.1' });
			expect(locked).toEqual({ ok: false, reason: 'locked', until: 1_800_000_000_000 + LOCK_MS });
		});

		it('parallel guesses get no more than five tries', async () => {
			const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login(ID, `guess ${i}`, { ip: '1.1.1.1' })));
			expect(results.filter((r) => !r.ok && r.reason === 'invalid').length).toBeLessThanOrEqual(4);
			expect(await login(ID, PW, { ip: '1.1.1.1' })).toMatchObject({ ok: false, reason: 'locked' });
		});

		it('limits attempts per IP', async () => {
			db = await freshDatabase(engine, { LOGIN_IP_PER_HOUR: '3' });
			for (let i = 0; i < 3; i++) await login('1100500567899', 'x'.repeat(8), { ip: '3.3.3.3' });
			expect(await login(ID, PW, { ip: '3.3.3.3' })).toMatchObject({ ok: false, reason: 'rate_limited' });
		});
	});

	describe('a device that signed in before (NIST SP 800-63B §5.2.2)', () => {
		it('wrong passwords from anywhere else do not lock the owner out of it; the other clients are locked', async () => {
			vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 25, 5, 0, 0) });
			onTestFinished(() => {
				vi.useRealTimers();
			});
			const phone = newDeviceId();
			expect(await login(ID, PW, { ip: '10.0.0.1', device: phone })).toMatchObject({ ok: true, userId: 'u1' });
			// an attacker, from another address, with no device cookie and then with a device id of their own
			const attacker = newDeviceId();
			for (let i = 0; i < 4; i++) expect(await login(ID, `wrong ${i}`, { ip: '6.6.6.6' })).toEqual({ ok: false, reason: 'invalid' });
			expect(await login(ID, 'wrong 5', { ip: '6.6.6.6', device: attacker })).toMatchObject({ ok: false, reason: 'locked' });
			expect(await login(ID, PW, { ip: '6.6.6.6' })).toMatchObject({ ok: false, reason: 'locked' });
			expect(await login(ID, PW, { ip: '6.6.6.6', device: attacker })).toMatchObject({ ok: false, reason: 'locked' });
			// a new browser of the owner's is a client like any other: locked too
			expect(await login(ID, PW, { ip: '10.0.0.1', device: newDeviceId() })).toMatchObject({ ok: false, reason: 'locked' });
			// the owner's device signs in
			expect(await login(ID, PW, { ip: '10.0.0.1', device: phone })).toMatchObject({ ok: true, userId: 'u1' });
			// the attacker's run goes on doubling, up to the 100 after which only a reset unlocks; the owner's device still works
			const base = Date.now();
			let t = base;
			for (let i = 0; i < 400 && t - base < 365 * 86_400_000; i++) {
				setClockOffset(t - base);
				const r = await login(ID, `wrong ${i}`, { ip: `6.6.${i % 250}.6` });
				if (r.ok === false && r.reason === 'locked') t = r.until + 1;
			}
			// only the lock after 100 in a row lasts longer than a day
			expect(t - base).toBeGreaterThan(365 * 86_400_000);
			setClockOffset(t - base - 86_400_000);
			expect(await login(ID, PW, { ip: '6.6.6.7' })).toMatchObject({ ok: false, reason: 'locked' });
			expect(await login(ID, PW, { ip: '10.0.0.1', device: phone })).toMatchObject({ ok: true, userId: 'u1' });
		});

		it('a device keeps its own count: five wrong passwords on it lock that device only', async () => {
			const mine = newDeviceId();
			expect((await login(ID, PW, { ip: '10.0.0.1', device: mine })).ok).toBe(true);
			for (let i = 0; i < 4; i++) expect(await login(ID, `wrong ${i}`, { ip: '10.0.0.1', device: mine })).toEqual({ ok: false, reason: 'invalid' });
			expect(await login(ID, 'wrong 5', { ip: '10.0.0.1', device: mine })).toMatchObject({ ok: false, reason: 'locked' });
			expect(await login(ID, PW, { ip: '10.0.0.1', device: mine })).toMatchObject({ ok: false, reason: 'locked' });
			// the account's own count is untouched: another client may still sign in
			expect(await login(ID, PW, { ip: '10.0.0.2' })).toMatchObject({ ok: true, userId: 'u1' });
			setClockOffset(LOCK_MS);
			expect(await login(ID, PW, { ip: '10.0.0.1', device: mine })).toMatchObject({ ok: true, userId: 'u1' });
		});

		it('a device that signed in to another account counts for nothing here (no fresh runs by signing in elsewhere)', async () => {
			const other = '3100600456785';
			await addPersonTo(db, other);
			await db.run(
				"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u2',?,'0898765432',?,0,'v',0,0,0)",
				other,
				await hashPassword(PW)
			);
			const attacker = newDeviceId();
			expect((await login(other, PW, { ip: '6.6.6.6', device: attacker })).ok).toBe(true);
			for (let i = 0; i < 4; i++) await login(ID, `wrong ${i}`, { ip: '6.6.6.6', device: attacker });
			expect(await login(ID, 'wrong 5', { ip: '6.6.6.6', device: newDeviceId() })).toMatchObject({ ok: false, reason: 'locked' });
			expect(await login(ID, PW, { ip: '6.6.6.6', device: attacker })).toMatchObject({ ok: false, reason: 'locked' });
		});

		it('an address that keeps getting passwords wrong, over any accounts, is refused for the hour', async () => {
			db = await freshDatabase(engine, { LOGIN_FAIL_IP_PER_HOUR: '5' });
			await addPersonTo(db, ID);
			await db.run(
				"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678',?,0,'v',0,0,0)",
				ID,
				await hashPassword(PW)
			);
			const mine = newDeviceId();
			expect((await login(ID, PW, { ip: '7.7.7.7', device: mine })).ok).toBe(true);
			const ids = ['1100500567899', '3100600456785', '1529900012349', '1101700203451', '1103700123466'];
			for (const id of ids) expect(await login(id, 'password spray 1', { ip: '7.7.7.7' })).toEqual({ ok: false, reason: 'invalid' });
			expect(await login(ID, PW, { ip: '7.7.7.7' })).toMatchObject({ ok: false, reason: 'rate_limited' });
			// another address is not held, nor the owner's device on this one
			expect(await login(ID, PW, { ip: '7.7.7.8' })).toMatchObject({ ok: true });
			expect(await login(ID, PW, { ip: '7.7.7.7', device: mine })).toMatchObject({ ok: true });
		});

		it('parallel wrong passwords from one address cannot overrun its cap (the slot is taken before the slow check)', async () => {
			db = await freshDatabase(engine, { LOGIN_FAIL_IP_PER_HOUR: '5' });
			const ids = ['1100500567899', '3100600456785', '1529900012349', '1101700203451', '1103700123466', '1103700123458', '3501100789014', '1102900345674'];
			const r = await Promise.all(ids.map((id) => login(id, 'password spray', { ip: '7.7.7.9' })));
			expect(r.filter((x) => !x.ok && x.reason === 'invalid')).toHaveLength(5);
			expect(r.filter((x) => !x.ok && x.reason === 'rate_limited')).toHaveLength(3);
		});

		it('the device cookie is the id with the server’s HMAC; a changed or invented one is nobody’s device', () => {
			const id = newDeviceId();
			const value = signDevice(id);
			expect(verifyDevice(value)).toBe(id);
			expect(verifyDevice(`${newDeviceId()}.${value.split('.')[1]}`)).toBeNull();
			expect(verifyDevice(`${id}.${'A'.repeat(43)}`)).toBeNull();
			expect(verifyDevice(id)).toBeNull();
			expect(verifyDevice('')).toBeNull();
			expect(verifyDevice('x'.repeat(500))).toBeNull();
			// over HTTPS only this host can set it (a sibling subdomain cannot plant an id it knows)
			expect(deviceCookieName(true)).toBe('__Host-device');
			expect(deviceCookieName(false)).toBe('device');
		});

		it('housekeeping forgets devices not signed in for a year', async () => {
			const mine = newDeviceId();
			expect((await login(ID, PW, { ip: '10.0.0.1', device: mine })).ok).toBe(true);
			await housekeeping(Date.now() + 300 * 86_400_000);
			expect(await db.count('SELECT count(*) FROM login_devices')).toBe(1);
			await housekeeping(Date.now() + 367 * 86_400_000);
			expect(await db.count('SELECT count(*) FROM login_devices')).toBe(0);
		});
	});
});
