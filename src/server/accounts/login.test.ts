import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { freshDb, addPerson } from '../../../tests/unit/fresh-db';
import { setClockOffset } from '../clock';
import { hashPassword } from '../auth/password';
import { login, LOCK_MS } from './login';
import type { Db } from '../db';

let db: Db;
const ID = '1103700123458';
const PW = 'correct horse battery';

beforeEach(async () => {
	db = freshDb();
	addPerson(db, ID);
	db.$client
		.prepare(
			"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678',?,0,'v',0,0,0)"
		)
		.run(ID, await hashPassword(PW));
});

describe('login', () => {
	it('accepts the right password and refuses a wrong one with one generic answer', async () => {
		expect(await login(ID, PW, { ip: '1.1.1.1' })).toEqual({ ok: true, userId: 'u1' });
		expect(await login(ID, 'nope nope', { ip: '1.1.1.1' })).toEqual({ ok: false, kind: 'invalid' });
		expect(await login('1100500567899', PW, { ip: '1.1.1.1' })).toEqual({ ok: false, kind: 'invalid' });
	});

	it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
		for (let i = 0; i < 4; i++) expect(await login(ID, `wrong ${i}`, { ip: '1.1.1.1' })).toEqual({ ok: false, kind: 'invalid' });
		const fifth = await login(ID, 'wrong 5', { ip: '1.1.1.1' });
		expect(fifth).toMatchObject({ ok: false, kind: 'locked' });
		expect(await login(ID, PW, { ip: '2.2.2.2' })).toMatchObject({ ok: false, kind: 'locked' });
		setClockOffset(LOCK_MS - 1000);
		expect(await login(ID, PW, { ip: '2.2.2.2' })).toMatchObject({ ok: false, kind: 'locked' });
		setClockOffset(LOCK_MS);
		expect(await login(ID, PW, { ip: '2.2.2.2' })).toEqual({ ok: true, userId: 'u1' });
	});

	it('a success resets the failure count', async () => {
		for (let i = 0; i < 4; i++) await login(ID, `wrong ${i}`, { ip: '1.1.1.1' });
		expect((await login(ID, PW, { ip: '1.1.1.1' })).ok).toBe(true);
		for (let i = 0; i < 4; i++) expect(await login(ID, `wrong ${i}`, { ip: '1.1.1.1' })).toEqual({ ok: false, kind: 'invalid' });
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
		expect(locked).toEqual({ ok: false, kind: 'locked', until: 1_800_000_000_000 + LOCK_MS });
	});

	it('parallel guesses get no more than five tries', async () => {
		const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login(ID, `guess ${i}`, { ip: '1.1.1.1' })));
		expect(results.filter((r) => !r.ok && r.kind === 'invalid').length).toBeLessThanOrEqual(4);
		expect(await login(ID, PW, { ip: '1.1.1.1' })).toMatchObject({ ok: false, kind: 'locked' });
	});

	it('limits attempts per IP', async () => {
		db = freshDb({ LOGIN_IP_PER_HOUR: '3' });
		for (let i = 0; i < 3; i++) await login('1100500567899', 'x'.repeat(8), { ip: '3.3.3.3' });
		expect(await login(ID, PW, { ip: '3.3.3.3' })).toMatchObject({ ok: false, kind: 'rate_limited' });
	});
});
