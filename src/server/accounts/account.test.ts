import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { addPersonTo, codeSentTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { hashPassword } from '../auth/password';
import { enqueue, saveChoices, saveSubscription } from '../notify/notices';
import { NOTICE_KINDS } from '$lib/notices';

import { createSession, validateSessionToken } from '../auth/session';
import { listDevices, sessionByHandle, deviceOf, otherSessions } from '../auth/devices';
import { login } from './login';
import {
	changePassword,
	closeAccount,
	completePhoneChange,
	confirmOldNumber,
	exportData,
	revokeSessions,
	securityEvents,
	startPhoneChange,
	startPhoneReplace,
	startCounterRepair,
	finishCounterRepair,
	startConfirm,
	finishConfirm,
	hasPassword,
	accountOverview,
	type PhoneDraft
} from './account';
import { completeRegistration, submitDetails, TERMS_VERSION } from './registration';
import { startReset, verifyReset, setNewPassword } from './reset';
import { startChallenge } from '../auth/otp';
import { profileRecords } from './profile';
import { lookupsOf, recordLookup } from '../staff/lookups';
import { now, setClockOffset } from '../clock';

const DEFAULT_CHOICES = Object.fromEntries(NOTICE_KINDS.map((k) => [k, { push: true, sms: true }])) as Parameters<typeof saveChoices>[1];

/** A new password's hash can be held back, to change the account while a reset is making it. */
const hashGate = vi.hoisted(() => ({ hashing: false, hold: null as Promise<void> | null, made: 0 }));
vi.mock('../auth/password', async (importOriginal) => {
	const real = await importOriginal<typeof import('../auth/password')>();
	return {
		...real,
		hashPassword: async (password: string) => {
			hashGate.hashing = true;
			hashGate.made++;
			try {
				const hash = await real.hashPassword(password);
				await hashGate.hold;
				return hash;
			} finally {
				hashGate.hashing = false;
			}
		}
	};
});

const engines = await testEngines('account tests on PostgreSQL');
let db: TestDb;
const ID = '1103700123458';
const OTHER = '3100600456785';
const PW = 'correct horse battery';
const NEW_PW = 'ม้าลาย กินหญ้า ทุกวัน';
const me = { userId: 'u1', nationalId: ID, ip: '10.0.0.1' };
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const count = (sql: string, ...args: unknown[]) => db.count(sql, ...args);

async function addUser(id: string, nationalId: string, phone: string, hash: string) {
	await db.run(
		'INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES (?,?,?,?,0,?,0,0,0)',
		id,
		nationalId,
		phone,
		hash,
		TERMS_VERSION
	);
}

/**
 * The phone change of an account at the lower level, up to the new number's code: the password and the new number,
 * then the code texted to the current number (`old`).
 */
async function newNumberCodeSent(who: typeof me, old: string, phone: string): Promise<PhoneDraft> {
	const r = await startPhoneChange(who, { current: PW, phone }, 'th');
	if (!r.ok) throw new Error(JSON.stringify(r));
	expect(r.draft.old).toBe(true);
	const o = await confirmOldNumber(who, r.draft, await codeSentTo(db, old), 'th');
	if (!o.ok) throw new Error(JSON.stringify(o));
	return o.draft;
}

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		await addPersonTo(db, ID);
		await addPersonTo(db, OTHER, '1978-07-12', 'สุดา', 'รักไทย');
		const hash = await hashPassword(PW);
		await addUser('u1', ID, '0812345678', hash);
		await addUser('u2', OTHER, '0898765432', hash);
	});

	describe('devices', () => {
		it('names common browsers and systems', () => {
			expect(deviceOf(CHROME_ANDROID)).toEqual({ browser: 'Chrome', os: 'Android' });
			expect(deviceOf(FIREFOX_WINDOWS)).toEqual({ browser: 'Firefox', os: 'Windows' });
			expect(
				deviceOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')
			).toEqual({
				browser: 'Safari',
				os: 'iOS'
			});
			expect(deviceOf(null)).toEqual({ browser: '', os: '' });
		});

		it('lists only this account’s sessions, and a handle of another account finds nothing', async () => {
			const a = await createSession('u1', { userAgent: CHROME_ANDROID, ip: '10.0.0.1' });
			await createSession('u1', { userAgent: FIREFOX_WINDOWS, ip: '10.0.0.2' });
			const theirs = await createSession('u2', { userAgent: CHROME_ANDROID });
			const mine = await listDevices('u1', a.session.id);
			expect(mine).toHaveLength(2);
			expect(mine[0]).toMatchObject({ current: true, browser: 'Chrome', os: 'Android' });
			const theirHandle = (await listDevices('u2', theirs.session.id))[0]!.handle;
			expect(await sessionByHandle('u1', theirHandle)).toBeNull();
			expect(await revokeSessions(me, [theirs.session.id])).toBe(0);
			expect((await validateSessionToken(theirs.token)).user?.id).toBe('u2');
			const other = (await sessionByHandle('u1', mine[1]!.handle))!;
			expect(await otherSessions('u1', a.session.id)).toEqual([other]);
			expect(await revokeSessions(me, [other])).toBe(1);
			expect(await listDevices('u1', a.session.id)).toHaveLength(1);
		});
	});

	describe('security events', () => {
		it('marks a sign-in from a kind of device the account has not used', async () => {
			await login(ID, PW, { ip: '10.0.0.1', userAgent: CHROME_ANDROID });
			await login(ID, PW, { ip: '10.0.0.1', userAgent: CHROME_ANDROID });
			await login(ID, 'wrong password', { ip: '10.0.0.9', userAgent: FIREFOX_WINDOWS });
			await login(ID, PW, { ip: '10.0.0.3', userAgent: FIREFOX_WINDOWS });
			const events = await securityEvents('u1', ID);
			expect(events.map((e) => [e.action, e.newDevice])).toEqual([
				['login.ok', true],
				['login.failed', false],
				['login.ok', false],
				['login.ok', true]
			]);
			expect(events[0]).toMatchObject({ device: 'Firefox/Windows', ip: '10.0.0.3' });
			// someone else's events never show
			expect(await securityEvents('u2', OTHER)).toEqual([]);
		});
	});

	describe('the profile page', () => {
		it('reads its parts together, each the same as read alone: the account, its devices, its events and the looks by staff; nothing of another account', async () => {
			await login(ID, PW, { ip: '10.0.0.1', userAgent: CHROME_ANDROID });
			await login(ID, 'wrong password', { ip: '10.0.0.9', userAgent: FIREFOX_WINDOWS });
			await login(OTHER, PW, { ip: '10.0.0.5', userAgent: FIREFOX_WINDOWS });
			await createSession('u1', { userAgent: CHROME_ANDROID, ip: '10.0.0.1' });
			const a = await createSession('u1', { userAgent: FIREFOX_WINDOWS, ip: '10.0.0.2' });
			await createSession('u2', { userAgent: CHROME_ANDROID });
			await db.run(
				"INSERT INTO staff_users (id, username, role, first_name, last_name, centre, created_at) VALUES ('s1', 'officer1', 'officer', 'ก', 'ข', 'ศูนย์ ก', 0)"
			);
			const officer = { id: 's1', username: 'officer1', role: 'officer' as const, centre: 'ศูนย์ ก', hospitalCode: null };
			await recordLookup(officer, { nationalId: ID, method: 'card', reason: null, view: 'summary', found: true }, '10.1.1.1');
			await recordLookup(officer, { nationalId: OTHER, method: 'typed', reason: 'ลืมบัตร', view: 'summary', found: true }, '10.1.1.1');

			const p = (await profileRecords({ id: 'u1', nationalId: ID }, a.session.id))!;
			expect(p.account).toMatchObject({ maskedPhone: expect.stringContaining('678'), termsVersion: TERMS_VERSION });
			expect(p.devices).toEqual(await listDevices('u1', a.session.id));
			expect(p.devices[0]).toMatchObject({ current: true, browser: 'Firefox', os: 'Windows' });
			expect(p.devices).toHaveLength(2);
			expect(p.events).toEqual(await securityEvents('u1', ID));
			expect(p.events.map((e) => e.action)).toEqual(['login.failed', 'login.ok']);
			expect(p.lookups).toEqual((await lookupsOf(ID)).slice(0, 20));
			expect(p.lookups).toHaveLength(1);

			// a closed account has no profile
			await db.run("UPDATE users SET closed_at = 1 WHERE id = 'u1'");
			expect(await profileRecords({ id: 'u1', nationalId: ID }, a.session.id)).toBeNull();
		});
	});

	describe('password change', () => {
		it('needs the current password, ends every session, and texts the citizen', async () => {
			const s = await createSession('u1', {});
			const wrong = await changePassword(me, { current: 'not it at all', password: NEW_PW, passwordConfirm: NEW_PW }, 'th');
			expect(wrong).toEqual({ ok: false, reason: 'invalid', errors: { current: 'err_current_password' } });
			const weak = await changePassword(me, { current: PW, password: 'password', passwordConfirm: 'password' }, 'th');
			expect(weak).toMatchObject({ ok: false, reason: 'invalid', errors: { password: 'err_password_common' } });
			expect(await changePassword(me, { current: PW, password: NEW_PW, passwordConfirm: NEW_PW }, 'th')).toEqual({ ok: true });
			expect((await validateSessionToken(s.token)).user).toBeNull();
			expect(await login(ID, PW, { ip: null })).toEqual({ ok: false, reason: 'invalid' });
			expect(await login(ID, NEW_PW, { ip: null })).toMatchObject({ ok: true });
			// the notice is sent after the commit, in the background
			await vi.waitFor(async () =>
				expect(await count("SELECT count(*) n FROM sms_outbox WHERE to_phone = '0812345678' AND purpose = 'notice:password'")).toBe(1)
			);
			expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'password.changed' AND subject = ?", ID)).toBe(1);
		});

		it('fifteen password changes in a row text one notice in ten minutes; the next change after that texts again', async () => {
			const notices = () => count("SELECT count(*) n FROM sms_outbox WHERE to_phone = '0812345678' AND purpose = 'notice:password'");
			let current = PW;
			for (let i = 0; i < 15; i++) {
				const next = i % 2 === 0 ? NEW_PW : PW;
				expect(await changePassword(me, { current, password: next, passwordConfirm: next }, 'th'), `change ${i + 1}`).toEqual({ ok: true });
				current = next;
			}
			// the notices are sent after the commits, in the background: one arrives, and no other after it
			await vi.waitFor(async () => expect(await notices()).toBe(1));
			await new Promise((r) => setTimeout(r, 200));
			expect(await notices()).toBe(1);
			expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'password.changed'")).toBe(15);
			setClockOffset(9 * 60_000);
			const next = current === PW ? NEW_PW : PW;
			expect(await changePassword(me, { current, password: next, passwordConfirm: next }, 'th')).toEqual({ ok: true });
			await new Promise((r) => setTimeout(r, 200));
			expect(await notices()).toBe(1);
			setClockOffset(10 * 60_000 + 1_000);
			expect(await changePassword(me, { current: next, password: current, passwordConfirm: current }, 'th')).toEqual({ ok: true });
			await vi.waitFor(async () => expect(await notices()).toBe(2));
		});

		it('counts wrong current passwords towards the login lockout', async () => {
			for (let i = 0; i < 4; i++)
				expect((await changePassword(me, { current: `guess ${i} guess`, password: NEW_PW, passwordConfirm: NEW_PW }, 'th')).ok).toBe(false);
			const fifth = await changePassword(me, { current: 'guess 5 guess', password: NEW_PW, passwordConfirm: NEW_PW }, 'th');
			// "locked until 14:05", or with the date when the lock ends after midnight in Bangkok (a run late in the evening)
			expect(fifth).toMatchObject({ ok: false, reason: 'rate_limited', errors: { current: { key: expect.stringMatching(/^err_login_locked(_day)?$/) } } });
			const right = await changePassword(me, { current: PW, password: NEW_PW, passwordConfirm: NEW_PW }, 'th');
			expect(right).toMatchObject({ ok: false, reason: 'rate_limited' });
		});
	});

	describe('after a change of password or phone', () => {
		it('a password reset verified before a phone change can no longer set a password, and open codes are dead', async () => {
			const reset = await startReset({ nationalId: ID, birthDay: '27', birthMonth: '3', birthYear: '2528' }, { ip: null, locale: 'th' });
			if (!reset.ok) throw new Error(JSON.stringify(reset));
			expect(await verifyReset(reset.draft, await codeSentTo(db, '0812345678'))).toEqual({ ok: true });
			const verified = { ...reset.draft, verified: true, verifiedAt: now() };
			// a second reset started but not finished: its code must die with the change too
			const other = await startReset({ nationalId: ID, birthDay: '27', birthMonth: '3', birthYear: '2528' }, { ip: null, locale: 'th' });
			if (!other.ok) throw new Error('not started');
			const otherCode = await codeSentTo(db, '0812345678');
			const draft = await newNumberCodeSent(me, '0812345678', '0955555555');
			expect(await completePhoneChange(me, draft, await codeSentTo(db, '0955555555'), 'th')).toEqual({ ok: true });
			expect(await setNewPassword(verified, NEW_PW, NEW_PW, { ip: null })).toEqual({ ok: false, reason: 'restart' });
			expect(await verifyReset(other.draft, otherCode)).toEqual({ ok: false, reason: 'restart' });
			expect(await login(ID, PW, { ip: null })).toMatchObject({ ok: true });
		});

		/** Runs `change` while the new password of `pending` is being hashed (held back until it has run). */
		async function whileHashing<T>(pending: () => Promise<T>, change: () => Promise<unknown>): Promise<T> {
			let release = () => {};
			hashGate.hold = new Promise((r) => (release = r));
			onTestFinished(() => {
				hashGate.hold = null;
			});
			const racing = pending();
			// the checks are done and the hash is being made when the change commits
			await vi.waitFor(() => expect(hashGate.hashing).toBe(true));
			await change();
			release();
			return await racing;
		}

		// what a take-over repair changes (the number; the other person's password), and a closing, each on its own
		const changes: [string, () => Promise<unknown>][] = [
			['the number', () => db.run("UPDATE users SET phone = '0955555555' WHERE id = 'u1'")],
			['the password', async () => db.run("UPDATE users SET password_hash = '', password_changed_at = ? WHERE id = 'u1'", now() + 1)],
			['a closing', () => db.run("UPDATE users SET closed_at = ? WHERE id = 'u1'", now())]
		];

		it.each(changes)('a password reset whose new password is being hashed when %s changes sets nothing', async (_what, change) => {
			const reset = await startReset({ nationalId: ID, birthDay: '27', birthMonth: '3', birthYear: '2528' }, { ip: null, locale: 'th' });
			if (!reset.ok) throw new Error(JSON.stringify(reset));
			expect(await verifyReset(reset.draft, await codeSentTo(db, '0812345678'))).toEqual({ ok: true });
			const r = await whileHashing(() => setNewPassword({ ...reset.draft, verified: true, verifiedAt: now() }, NEW_PW, NEW_PW, { ip: null }), change);
			expect(r).toEqual({ ok: false, reason: 'restart' });
			expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'password.reset'")).toBe(0);
			expect(await login(ID, NEW_PW, { ip: null })).toMatchObject({ ok: false });
		});

		it.each(changes)('a password change whose new password is being hashed when %s changes sets nothing', async (_what, change) => {
			const r = await whileHashing(() => changePassword(me, { current: PW, password: NEW_PW, passwordConfirm: NEW_PW }, 'th'), change);
			expect(r).toEqual({ ok: false, reason: 'restart' });
			expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'password.changed'")).toBe(0);
			expect(await login(ID, NEW_PW, { ip: null })).toMatchObject({ ok: false });
		});

		it('a phone change whose account got another number meanwhile (a take-over repair) changes nothing', async () => {
			await db.run("UPDATE users SET assurance = 'thaid' WHERE id = 'u1'");
			const r = await startPhoneChange(me, { current: PW, phone: '0911112222' }, 'th');
			if (!r.ok) throw new Error(JSON.stringify(r));
			const code = await codeSentTo(db, '0911112222');
			await db.run("UPDATE users SET phone = '0955555555' WHERE id = 'u1'");
			expect(await completePhoneChange(me, r.draft, code, 'th')).toEqual({ ok: false, reason: 'restart' });
			expect(await db.get("SELECT phone FROM users WHERE id = 'u1'")).toEqual({ phone: '0955555555' });
		});

		it('a log-in whose password check raced a password change does not get a session', async () => {
			const changed = await hashPassword(NEW_PW);
			const racing = login(ID, PW, { ip: null });
			// the hash is being checked (off the main thread) while the change commits: the log-in's reads are done by then
			await new Promise((r) => setImmediate(r));
			await db.run("UPDATE users SET password_hash = ? WHERE id = 'u1'", changed);
			expect(await racing).toEqual({ ok: false, reason: 'invalid' });
		});

		it('codes someone asks for another person’s number (a phone change) do not use up that person’s own codes', async () => {
			vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 25, 5, 0, 0) });
			onTestFinished(() => {
				vi.useRealTimers();
			});
			const other = { userId: 'u2', nationalId: OTHER, ip: '10.6.6.6' };
			// proved, so its change texts the new number at once (at the lower level the current number answers first)
			await db.run("UPDATE users SET assurance = 'thaid' WHERE id = 'u2'");
			// u2 asks five times to move their account to u1's number: five codes go there, the sixth is refused
			for (let i = 0; i < 5; i++) expect((await startPhoneChange(other, { current: PW, phone: '0812345678' }, 'th')).ok, `request ${i + 1}`).toBe(true);
			expect(await startPhoneChange(other, { current: PW, phone: '0812345678' }, 'th')).toMatchObject({ ok: false, reason: 'rate_limited' });
			// u1 still gets a reset code, and a code to confirm an application, on the number on file
			const reset = await startReset({ nationalId: ID, birthDay: '27', birthMonth: '3', birthYear: '2528' }, { ip: '10.0.0.1', locale: 'th' });
			expect(reset.ok).toBe(true);
			expect((await startChallenge({ purpose: 'confirm', phone: '0812345678', subject: ID, ip: '10.0.0.1', locale: 'th' })).ok).toBe(true);
			// and a phone change of u1's own to a number a stranger has been texting is not blocked by the stranger's requests
			expect((await newNumberCodeSent(me, '0812345678', '0955555555')).challengeId).toBeTruthy();
		});

		it('codes of public flows do not use up a signed-in citizen’s codes', async () => {
			for (let i = 0; i < 5; i++)
				expect((await startChallenge({ purpose: 'reset', phone: `08${20_000_000 + i}`, subject: ID, ip: null, locale: 'th' })).ok).toBe(true);
			expect(await startChallenge({ purpose: 'reset', phone: '0830000000', subject: ID, ip: null, locale: 'th' })).toMatchObject({
				ok: false,
				reason: 'rate_limited'
			});
			expect((await startChallenge({ purpose: 'confirm', phone: '0812345678', subject: ID, ip: null, locale: 'th' })).ok).toBe(true);
		});
	});

	describe('phone change', () => {
		it('proves the new number with a code, then switches it and tells the old one', async () => {
			await db.run("UPDATE users SET assurance = 'thaid' WHERE id = 'u1'");
			const s = await createSession('u1', {});
			expect(await startPhoneChange(me, { current: PW, phone: '0812345678' }, 'th')).toMatchObject({ ok: false, errors: { phone: 'err_phone_same' } });
			expect(await startPhoneChange(me, { current: PW, phone: '12345' }, 'th')).toMatchObject({ ok: false, errors: { phone: 'err_phone' } });
			const r = await startPhoneChange(me, { current: PW, phone: '091 111 2222' }, 'th');
			if (!r.ok) throw new Error('not started');
			// a proved account: the new number's code at once
			expect(r.draft.old).toBe(false);
			const code = await codeSentTo(db, '0911112222');
			// the code cannot be used by another account
			expect(await completePhoneChange({ userId: 'u2', nationalId: OTHER, ip: null }, r.draft, code, 'th')).toEqual({ ok: false, reason: 'restart' });
			const again = await startPhoneChange(me, { current: PW, phone: '0911112222' }, 'th');
			if (!again.ok) throw new Error('not started');
			expect(await completePhoneChange(me, again.draft, '000000', 'th')).toMatchObject({ ok: false, reason: 'invalid' });
			expect(await completePhoneChange(me, again.draft, await codeSentTo(db, '0911112222'), 'th')).toEqual({ ok: true });
			expect(await db.get("SELECT phone FROM users WHERE id = 'u1'")).toEqual({ phone: '0911112222' });
			expect((await validateSessionToken(s.token)).user).toBeNull();
			await vi.waitFor(async () => expect(await count("SELECT count(*) n FROM sms_outbox WHERE to_phone = '0812345678' AND purpose = 'notice:phone'")).toBe(1));
			const detail = (await db.get("SELECT detail FROM audit_log WHERE action = 'phone.changed'")) as { detail: string };
			expect(JSON.parse(detail.detail)).toEqual({ from: '08X-XXX-5678', to: '09X-XXX-2222' });
		});

		it('an account at the lower level answers from its current number before the new one is texted', async () => {
			const sent = (to: string) => count('SELECT count(*) n FROM sms_outbox WHERE to_phone = ?', to);
			const r = await startPhoneChange(me, { current: PW, phone: '0911112222' }, 'th');
			if (!r.ok) throw new Error('not started');
			// the code went to the number on file, saying someone asked to change it; nothing to the new number yet
			expect(r.draft.old).toBe(true);
			await vi.waitFor(async () => expect(await sent('0812345678')).toBe(1));
			expect(((await db.get("SELECT body FROM sms_outbox WHERE to_phone = '0812345678'")) as { body: string }).body).toContain('มีผู้ขอเปลี่ยนเบอร์มือถือของบัญชีของคุณ');
			expect(await sent('0911112222')).toBe(0);
			// the old number's code does not change the number by itself, nor can another account use it
			const oldCode = await codeSentTo(db, '0812345678');
			expect(await completePhoneChange(me, r.draft, oldCode, 'th')).toMatchObject({ ok: false });
			const again = await startPhoneChange(me, { current: PW, phone: '0911112222' }, 'th');
			if (!again.ok) throw new Error('not started');
			expect(await confirmOldNumber(me, again.draft, '000000', 'th')).toMatchObject({ ok: false, reason: 'code', error: { key: 'err_code_wrong' } });
			expect(await confirmOldNumber({ userId: 'u2', nationalId: OTHER, ip: null }, again.draft, await codeSentTo(db, '0812345678'), 'th')).toEqual({
				ok: false,
				reason: 'restart'
			});
			const draft = await newNumberCodeSent(me, '0812345678', '0911112222');
			expect(draft.old).toBeFalsy();
			expect(await sent('0911112222')).toBe(1);
			expect(await completePhoneChange(me, draft, await codeSentTo(db, '0911112222'), 'th')).toEqual({ ok: true });
			expect(await db.get("SELECT phone FROM users WHERE id = 'u1'")).toEqual({ phone: '0911112222' });
		});

		it('at the lower level, too many codes to the new number after the current one answered: refused with the time to try again', async () => {
			// this account has had four codes sent this hour: the current number's is the fifth, the new number's a sixth
			for (let i = 0; i < 4; i++)
				expect((await startChallenge({ purpose: 'phone_change', phone: '0911112222', subject: ID, ip: null, locale: 'th' })).ok).toBe(true);
			const r = await startPhoneChange(me, { current: PW, phone: '0911112222' }, 'th');
			if (!r.ok) throw new Error(JSON.stringify(r));
			expect(await confirmOldNumber(me, r.draft, await codeSentTo(db, '0812345678'), 'th')).toMatchObject({
				ok: false,
				reason: 'rate_limited',
				retryAt: expect.any(Number)
			});
			expect(await db.get("SELECT phone FROM users WHERE id = 'u1'")).toEqual({ phone: '0812345678' });
		});

		it('at the lower level, a code to a new number alone (no answer from the current one, no ThaID proof) changes nothing', async () => {
			// the without-the-old-number path is the route's to refuse (requireProved); the change refuses it again
			const r = await startPhoneReplace(me, { phone: '0911112222', takeover: false }, 'th');
			if (!r.ok) throw new Error('not started');
			expect(await completePhoneChange(me, r.draft, await codeSentTo(db, '0911112222'), 'th')).toEqual({ ok: false, reason: 'restart' });
			expect(await db.get("SELECT phone FROM users WHERE id = 'u1'")).toEqual({ phone: '0812345678' });
		});
	});

	describe('an account without a password (opened or taken back with ThaID, or at a counter)', () => {
		beforeEach(async () => {
			await db.run("UPDATE users SET password_hash = '', assurance = 'thaid' WHERE id = 'u1'");
		});

		it('sets a password with a code to its number instead of the current password; every session ends', async () => {
			expect(await hasPassword('u1')).toBe(false);
			// the pages read it with the rest of the account
			expect((await accountOverview('u1'))?.hasPassword).toBe(false);
			const s = await createSession('u1', {});
			expect(await startConfirm(me, { action: 'set_password', password: '1234567', passwordConfirm: '1234567' }, 'th')).toMatchObject({
				ok: false,
				errors: { password: expect.anything() }
			});
			const r = await startConfirm(me, { action: 'set_password', password: NEW_PW, passwordConfirm: NEW_PW }, 'th');
			if (!r.ok) throw new Error(JSON.stringify(r));
			const code = await codeSentTo(db, '0812345678');
			expect(await finishConfirm(me, r.draft, '000000', 'th')).toMatchObject({ ok: false, reason: 'invalid' });
			// another account cannot use it
			expect(await finishConfirm({ userId: 'u2', nationalId: OTHER, ip: null }, r.draft, code, 'th')).toEqual({ ok: false, reason: 'restart' });
			const again = await startConfirm(me, { action: 'set_password', password: NEW_PW, passwordConfirm: NEW_PW }, 'th');
			if (!again.ok) throw new Error(JSON.stringify(again));
			expect(await finishConfirm(me, again.draft, await codeSentTo(db, '0812345678'), 'th')).toEqual({ ok: true, action: 'set_password' });
			expect(await hasPassword('u1')).toBe(true);
			expect((await accountOverview('u1'))?.hasPassword).toBe(true);
			expect(await login(ID, NEW_PW, { ip: null })).toMatchObject({ ok: true });
			expect((await validateSessionToken(s.token)).user).toBeNull();
			// the hash kept with the code went with it
			expect(await count('SELECT count(*) n FROM otp_challenges WHERE payload IS NOT NULL')).toBe(0);
			// now it has a password, the code way is closed: the current password is asked
			expect(await startConfirm(me, { action: 'close', confirm: true }, 'th')).toMatchObject({ ok: false, reason: 'invalid' });
		});

		it('the new password is hashed only once the code’s caps let the request through', async () => {
			for (let i = 0; i < 5; i++)
				expect((await startChallenge({ purpose: 'confirm', phone: '0812345678', subject: ID, ip: null, locale: 'th' })).ok).toBe(true);
			const before = hashGate.made;
			expect(await startConfirm(me, { action: 'set_password', password: NEW_PW, passwordConfirm: NEW_PW }, 'th')).toMatchObject({
				ok: false,
				reason: 'rate_limited'
			});
			expect(hashGate.made).toBe(before);
		});

		it('a password set meanwhile (a reset on another device) makes the code useless', async () => {
			const r = await startConfirm(me, { action: 'set_password', password: NEW_PW, passwordConfirm: NEW_PW }, 'th');
			if (!r.ok) throw new Error(JSON.stringify(r));
			const code = await codeSentTo(db, '0812345678');
			await db.run("UPDATE users SET password_hash = ? WHERE id = 'u1'", await hashPassword(PW));
			expect(await finishConfirm(me, r.draft, code, 'th')).toEqual({ ok: false, reason: 'restart' });
			expect(await login(ID, NEW_PW, { ip: null })).toMatchObject({ ok: false });
		});

		it('a code for an account whose number changed meanwhile is useless', async () => {
			const r = await startConfirm(me, { action: 'close', confirm: true }, 'th');
			if (!r.ok) throw new Error(JSON.stringify(r));
			const code = await codeSentTo(db, '0812345678');
			await db.run("UPDATE users SET phone = '0955555555' WHERE id = 'u1'");
			expect(await finishConfirm(me, r.draft, code, 'th')).toEqual({ ok: false, reason: 'restart' });
			expect(await count('SELECT count(*) n FROM users WHERE closed_at IS NOT NULL')).toBe(0);
		});

		it('closes with a code to its number', async () => {
			expect(await startConfirm(me, { action: 'close', confirm: false }, 'th')).toMatchObject({ ok: false, errors: { confirm: 'err_close_confirm' } });
			const r = await startConfirm(me, { action: 'close', confirm: true }, 'th');
			if (!r.ok) throw new Error(JSON.stringify(r));
			expect(await finishConfirm(me, r.draft, await codeSentTo(db, '0812345678'), 'th')).toEqual({ ok: true, action: 'close' });
			expect(await db.get("SELECT phone, CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END AS closed FROM users WHERE id = 'u1'")).toEqual({
				phone: '',
				closed: 1
			});
			expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'account.closed'")).toBe(1);
		});
	});

	describe('take-over repair at a counter', () => {
		const officer = { id: 'staff-1', place: 'ศูนย์บริการร่วมกระทรวงแรงงาน ดินแดง' };

		it('the card holder types the code sent to their own number: the account is theirs, proved in person; the other person’s password and sessions are gone and their number is told', async () => {
			const s = await createSession('u1', {});
			expect(await startCounterRepair(officer, ID, '0812345678', null, 'th')).toMatchObject({ ok: false, errors: { phone: 'err_staff_repair_same' } });
			expect(await startCounterRepair(officer, ID, '12345', null, 'th')).toMatchObject({ ok: false, errors: { phone: 'err_phone' } });
			expect(await startCounterRepair(officer, '1234567890121', '0911112222', null, 'th')).toEqual({ ok: false, reason: 'no_account' });
			// a proved account was proved with its number: not at the counter
			await db.run("UPDATE users SET assurance = 'thaid' WHERE id = 'u2'");
			expect(await startCounterRepair(officer, OTHER, '0911112222', null, 'th')).toEqual({ ok: false, reason: 'proved' });
			// another officer's repair of the same person: their code finishes nothing for this one
			const other = await startCounterRepair({ id: 'staff-2', place: 'x' }, ID, '0922223333', null, 'th');
			if (!other.ok) throw new Error(JSON.stringify(other));
			const otherCode = await codeSentTo(db, '0922223333');
			expect(await finishCounterRepair(officer, { staffId: officer.id, nationalId: ID, ...other.draft }, otherCode, null, 'th')).toEqual({
				ok: false,
				reason: 'restart'
			});

			const r = await startCounterRepair(officer, ID, '091 111 2222', '10.0.0.9', 'th');
			if (!r.ok) throw new Error(JSON.stringify(r));
			const code = await codeSentTo(db, '0911112222');
			// the text asks the holder to type it at the counter themselves
			expect(((await db.get("SELECT body FROM sms_outbox WHERE to_phone = '0911112222'")) as { body: string }).body).toContain('พิมพ์รหัสด้วยตนเองที่เคาน์เตอร์');
			// a citizen's own phone change cannot use the counter's code
			expect(await completePhoneChange(me, r.draft, code, 'th')).toEqual({ ok: false, reason: 'restart' });
			const draft = { staffId: officer.id, nationalId: ID, ...r.draft };
			expect(await finishCounterRepair(officer, draft, '000000', null, 'th')).toMatchObject({ ok: false, reason: 'invalid' });
			expect(await finishCounterRepair(officer, draft, code, '10.0.0.9', 'th')).toEqual({ ok: true });

			expect(await db.get("SELECT phone, password_hash, assurance FROM users WHERE id = 'u1'")).toEqual({
				phone: '0911112222',
				password_hash: '',
				assurance: 'in_person'
			});
			expect((await validateSessionToken(s.token)).user).toBeNull();
			const events = (await db.all("SELECT actor, action, detail FROM audit_log WHERE action IN ('account.repaired', 'account.proved') ORDER BY id")) as {
				actor: string;
				action: string;
				detail: string;
			}[];
			expect(events.map((e) => ({ ...e, detail: JSON.parse(e.detail) }))).toEqual([
				{ actor: 'staff:staff-1', action: 'account.repaired', detail: { from: '08X-XXX-5678', to: '09X-XXX-2222', place: officer.place } },
				{ actor: 'staff:staff-1', action: 'account.proved', detail: { by: 'in_person', before: 'sms', place: officer.place } }
			]);
			await vi.waitFor(async () => expect(await count("SELECT count(*) n FROM sms_outbox WHERE to_phone = '0812345678' AND purpose = 'notice:phone'")).toBe(1));
			// the other person's password signs in no more
			expect(await login(ID, PW, { ip: null })).toMatchObject({ ok: false });
		});
	});

	describe('PDPA', () => {
		it('exports everything about the citizen and no secrets', async () => {
			const s = await createSession('u1', { userAgent: CHROME_ANDROID, ip: '10.0.0.1' });
			await login(ID, PW, { ip: '10.0.0.1' });
			await db.run(
				"INSERT INTO contributions (person_id,period,section,payer,wage_base_satang,insured_satang,employer_satang,government_satang,paid_date) VALUES (?,'2026-09',39,'self',480000,43200,0,0,'2026-10-10')",
				ID
			);
			// the notifications: a choice, a device (its push address and keys are the browser's secrets, not data about the citizen) and a notice
			await saveChoices('u1', { ...DEFAULT_CHOICES, hospital: { push: true, sms: false } });
			await saveSubscription(
				{ userId: 'u1', sessionId: s.session.id, device: null, userAgent: CHROME_ANDROID },
				{ endpoint: 'https://fcm.googleapis.com/fcm/send/secret-endpoint', p256dh: 'P'.repeat(87), auth: 'A'.repeat(22) }
			);
			await enqueue({ userId: 'u1', key: 'k', kind: 'hospital', params: { type: 'hospital_window_open', from: '2026-12-16', to: '2027-03-31' } });
			const copy = await exportData(me);
			expect(copy.account).toMatchObject({ nationalId: ID, phone: '0812345678', terms: { version: TERMS_VERSION } });
			expect(copy.notifications.choices).toContainEqual({ kind: 'hospital', push: true, sms: false });
			expect(copy.notifications.devices).toEqual([expect.objectContaining({ userAgent: CHROME_ANDROID })]);
			expect(copy.notifications.notices).toEqual([
				expect.objectContaining({ kind: 'hospital', state: 'queued', params: expect.objectContaining({ to: '2027-03-31' }) })
			]);
			expect(copy.registry.person?.firstNameTh).toBe('สมชาย');
			expect(copy.registry.contributions).toEqual([expect.objectContaining({ period: '2026-09', insuredSatang: 43200 })]);
			expect(copy.activity.map((a) => a.action)).toContain('login.ok');
			const text = JSON.stringify(copy);
			const hash = ((await db.get("SELECT password_hash h FROM users WHERE id='u1'")) as { h: string }).h;
			expect(text).not.toContain(hash);
			expect(text).not.toContain(s.session.id);
			expect(text).not.toContain(s.token);
			expect(text).not.toContain(OTHER);
			expect(text).not.toContain('secret-endpoint');
			expect(text).not.toContain('P'.repeat(87));
		});

		it('closes the account: account data erased, registry and applications kept, registering again reopens it', async () => {
			await createSession('u1', {});
			await newNumberCodeSent(me, '0812345678', '0933333333');
			await db.run(
				"INSERT INTO flow_drafts (id,kind,data,created_at,updated_at,expires_at) VALUES ('d1','hospital',?,0,0,9000000000000000), ('d2','hospital',?,0,0,9000000000000000)",
				JSON.stringify({ userId: 'u1', answers: { address: 'บ้านเลขที่ 1' } }),
				JSON.stringify({ userId: 'u2' })
			);
			await db.run(
				"INSERT INTO applications (ref,kind,person_id,user_id,status,idempotency_key,answers,outcome,submitted_on,created_at,updated_at) VALUES ('HOS-2569-000001','hospital',?,'u1','submitted','k1','{}','{}','2026-11-01',0,0)",
				ID
			);
			expect(await closeAccount(me, { current: PW, confirm: false })).toMatchObject({ ok: false, errors: { confirm: 'err_close_confirm' } });
			expect(await closeAccount(me, { current: 'wrong wrong', confirm: true })).toMatchObject({ ok: false, errors: { current: 'err_current_password' } });
			expect(await closeAccount(me, { current: PW, confirm: true })).toEqual({ ok: true });
			expect(await db.get("SELECT phone, password_hash, CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END AS closed FROM users WHERE id='u1'")).toEqual({
				phone: '',
				password_hash: '',
				closed: 1
			});
			expect(await count("SELECT count(*) n FROM sessions WHERE user_id='u1'")).toBe(0);
			expect(await count('SELECT count(*) n FROM otp_challenges WHERE subject = ?', ID)).toBe(0);
			expect(await count("SELECT count(*) n FROM sms_outbox WHERE to_phone IN ('0812345678', '0933333333')")).toBe(0);
			expect((await db.all<{ id: string }>('SELECT id FROM flow_drafts')).map((r) => r.id)).toEqual(['d2']);
			expect(await count('SELECT count(*) n FROM applications WHERE person_id = ?', ID)).toBe(1);
			expect(await count("SELECT count(*) n FROM audit_log WHERE action='account.closed'")).toBe(1);
			expect(await login(ID, PW, { ip: null })).toEqual({ ok: false, reason: 'invalid' });

			// registering again is allowed, and reopens the same account (its applications stay linked)
			const details = await submitDetails(
				{ terms: { version: TERMS_VERSION, acceptedAt: 5 } },
				{
					nationalId: ID,
					firstName: 'สมชาย',
					lastName: 'ใจดี',
					birthDay: '27',
					birthMonth: '3',
					birthYear: '2528',
					phone: '0944444444',
					password: NEW_PW,
					passwordConfirm: NEW_PW
				},
				{ ip: null, locale: 'th' }
			);
			if (!details.ok) throw new Error(JSON.stringify(details));
			expect(await completeRegistration(details.draft, await codeSentTo(db, '0944444444'), { ip: null })).toEqual({ ok: true, userId: 'u1' });
			expect(await login(ID, NEW_PW, { ip: null })).toMatchObject({ ok: true, userId: 'u1' });
			// the closed account's old events are not shown on the reopened one
			expect((await securityEvents('u1', ID)).map((e) => e.action)).not.toContain('login.failed');
		});

		it('the data copy of a reopened account holds its own activity since it was reopened, not the previous holder’s', async () => {
			// the previous holder of the account: sign-ins, a wrong password and a session from their own addresses
			try {
				await login(ID, 'wrong wrong', { ip: '198.51.100.7', userAgent: FIREFOX_WINDOWS });
				expect(await login(ID, PW, { ip: '198.51.100.8', userAgent: FIREFOX_WINDOWS })).toMatchObject({ ok: true });
				await createSession('u1', { ip: '198.51.100.8', userAgent: FIREFOX_WINDOWS });
				setClockOffset(60_000);
				expect(await closeAccount({ ...me, ip: '198.51.100.9' }, { current: PW, confirm: true })).toEqual({ ok: true });
				setClockOffset(120_000);
				// the national ID is registered again
				const details = await submitDetails(
					{ terms: { version: TERMS_VERSION, acceptedAt: 5 } },
					{
						nationalId: ID,
						firstName: 'สมชาย',
						lastName: 'ใจดี',
						birthDay: '27',
						birthMonth: '3',
						birthYear: '2528',
						phone: '0944444444',
						password: NEW_PW,
						passwordConfirm: NEW_PW
					},
					{ ip: '203.0.113.5', locale: 'th' }
				);
				if (!details.ok) throw new Error(JSON.stringify(details));
				expect(await completeRegistration(details.draft, await codeSentTo(db, '0944444444'), { ip: '203.0.113.5' })).toEqual({ ok: true, userId: 'u1' });
				await login(ID, NEW_PW, { ip: '203.0.113.6', userAgent: CHROME_ANDROID });

				const copy = await exportData({ ...me, ip: '203.0.113.6' });
				const text = JSON.stringify(copy);
				for (const theirs of ['198.51.100.7', '198.51.100.8', '198.51.100.9']) expect(text).not.toContain(theirs);
				expect(copy.activity.map((a) => a.action)).not.toContain('login.failed');
				expect(copy.activity.map((a) => a.action)).not.toContain('account.closed');
				expect(copy.activity.map((a) => [a.action, a.ip])).toEqual(
					expect.arrayContaining([
						['register.complete', '203.0.113.5'],
						['login.ok', '203.0.113.6']
					])
				);
				expect(copy.sessions).toEqual([]); // the previous holder's ended with the closing
				// the profile page shows the same events
				expect((await securityEvents('u1', ID)).map((e) => e.ip)).not.toContain('198.51.100.7');
			} finally {
				setClockOffset(0);
			}
		});
	});
});
