import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, testEngines } from '../../tests/unit/engines';
import { openDb, migrateDb, setDbForTests, type Db } from './db';
import { resetConfigForTests } from './config';
import { limitsOf, take, reserveLoginAttempt, loginFailed, lockedMessage, lockFor, MAX_FAILED_LOGINS, LOCK_MS } from './limits';

const engines = await testEngines('limit tests on PostgreSQL');

describe.each(engines)('abuse limits on %s', (engine) => {
	beforeEach(async () => {
		await freshDatabase(engine, { APPLY_USER_PER_HOUR: '3', APPLY_USER_PER_DAY: '5' });
	});

	it('refuses once a window is full, says when it ends, and counts nothing when refused', async () => {
		const t = Date.UTC(2026, 10, 26, 3, 10);
		for (let i = 0; i < 3; i++) expect(await take('application_submit', { userId: 'u1' }, t)).toEqual({ ok: true });
		const refused = await take('application_submit', { userId: 'u1' }, t);
		expect(refused).toEqual({ ok: false, retryAt: Date.UTC(2026, 10, 26, 4, 0) });
		// another account is not affected
		expect((await take('application_submit', { userId: 'u2' }, t)).ok).toBe(true);
		// the next hour: two more fit under the daily cap of 5, the refused one did not count
		const later = Date.UTC(2026, 10, 26, 4, 5);
		expect((await take('application_submit', { userId: 'u1' }, later)).ok).toBe(true);
		expect((await take('application_submit', { userId: 'u1' }, later)).ok).toBe(true);
		expect(await take('application_submit', { userId: 'u1' }, later)).toEqual({ ok: false, retryAt: Date.UTC(2026, 10, 27, 0, 0) });
	});

	it('keys code sends on the phone and its requester, the national ID and the IP (its /64 for IPv6)', () => {
		const keys = limitsOf('code_send', { phone: '0812345678', nationalId: '1103700123458', ip: '2001:db8:1:2:3:4:5:6' }).map((l) => l.key);
		expect(keys).toEqual([
			'otp:phone:0812345678:by:1103700123458:h',
			'otp:phone:0812345678:by:1103700123458:d',
			'otp:id:1103700123458:h',
			'otp:id:1103700123458:d',
			'otp:ip:2001:db8:1:2::/64:h',
			'otp:ip:2001:db8:1:2::/64:d'
		]);
	});

	it('locks a national ID after five wrong passwords in a row', async () => {
		for (let i = 1; i <= MAX_FAILED_LOGINS; i++) expect(await reserveLoginAttempt('1103700123458')).toEqual({ locked: false, attempt: i });
		expect(await reserveLoginAttempt('1103700123458')).toMatchObject({ locked: true });
	});

	it('makes each lock of a run twice as long, up to a day, and after 100 failures only a reset unlocks', async () => {
		expect([5, 10, 15, 20, 40, 95].map((n) => lockFor(n) / 60_000)).toEqual([15, 30, 60, 120, 1440, 1440]);
		const id = '3100600456785';
		let t = Date.UTC(2026, 10, 26, 0, 0);
		let last: number | null = null;
		for (let i = 1; i <= 100; i++) {
			const r = await reserveLoginAttempt(id, t);
			expect(r, `attempt ${i}`).toEqual({ locked: false, attempt: i });
			last = await loginFailed(id, r as { attempt: number }, t);
			if (i % 5 === 0) {
				expect(last).not.toBeNull();
				expect(await reserveLoginAttempt(id, t + 1000)).toMatchObject({ locked: true }); // still locked a second later
				if (i < 100) t = last! + 1;
			} else expect(last).toBeNull();
		}
		expect(last! - t).toBeGreaterThan(365 * 86_400_000);
		expect(lockedMessage(last!, 'th', t)).toBe('err_login_locked_reset');
		const t0 = Date.UTC(2026, 10, 26, 0, 0); // 07:00 in Bangkok
		expect(lockedMessage(t0 + LOCK_MS, 'th', t0)).toEqual({ key: 'err_login_locked', params: { time: '07:15' } });
		expect(lockedMessage(t0 + 20 * 3_600_000, 'th', t0)).toEqual({ key: 'err_login_locked_day', params: { date: '27 พ.ย. 2569', time: '03:00' } });
	});

	it('counts the codes of public flows (registration, reset) apart from a signed-in citizen’s, per national ID', () => {
		const pub = limitsOf('code_send', { nationalId: '1103700123458', scope: 'public' }).map((l) => l.key);
		const acc = limitsOf('code_send', { nationalId: '1103700123458', scope: 'account' }).map((l) => l.key);
		expect(pub).toEqual(['otp:id:1103700123458:h', 'otp:id:1103700123458:d']);
		expect(acc).toEqual(['otp:id:account:1103700123458:h', 'otp:id:account:1103700123458:d']);
	});
});

describe('abuse limits in a database file', () => {
	let dir: string;
	let dbs: Db[] = [];
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-limits-'));
		resetConfigForTests({ DATABASE_PATH: path.join(dir, 'p.db'), REGISTER_IP_PER_HOUR: '4' });
	});
	afterEach(() => {
		for (const d of dbs) d.$client.close();
		dbs = [];
		setDbForTests(undefined);
		fs.rmSync(dir, { recursive: true, force: true });
	});
	const open = () => {
		const d = openDb(path.join(dir, 'p.db'));
		migrateDb(d);
		dbs.push(d);
		return d;
	};

	it('hold across a restart and across two processes sharing the database', async () => {
		const t = Date.UTC(2026, 10, 26, 3, 0);
		const a = open();
		setDbForTests(a);
		expect((await take('registration_start', { ip: '203.0.113.9' }, t)).ok).toBe(true);
		expect((await take('registration_start', { ip: '203.0.113.9' }, t)).ok).toBe(true);
		// a second process on the same file sees the same counts
		const b = open();
		setDbForTests(b);
		expect((await take('registration_start', { ip: '203.0.113.9' }, t)).ok).toBe(true);
		setDbForTests(a);
		expect((await take('registration_start', { ip: '203.0.113.9' }, t)).ok).toBe(true);
		// "restart": close everything, open the file again
		for (const d of dbs) d.$client.close();
		dbs = [];
		setDbForTests(open());
		expect(await take('registration_start', { ip: '203.0.113.9' }, t)).toEqual({ ok: false, retryAt: t + 3_600_000 });
	});
});
