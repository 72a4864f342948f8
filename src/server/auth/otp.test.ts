import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { codeSentTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { setClockOffset } from '../clock';
import { hmacCode, normaliseCode, resendCode, startChallenge, verifyCode, OTP_TTL_MS, SEND_BUDGET_MS } from './otp';
import { log } from '../log';
import { setSmsSenderForTests } from '../sms';

const engines = await testEngines('one-time code tests on PostgreSQL');
let db: TestDb;
const phone = '0812345678';
const start = (ip = '10.0.0.1', p = phone, subject = '1103700123458') =>
	startChallenge({ purpose: 'register', phone: p, subject, payload: { x: 1 }, ip, locale: 'th' });

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
	});

	describe('one-time codes', () => {
		it('sends a 6-digit code and stores only its HMAC', async () => {
			const r = await start();
			expect(r.ok).toBe(true);
			const code = await codeSentTo(db, phone);
			expect(code).toMatch(/^\d{6}$/);
			const row = (await db.get('SELECT * FROM otp_challenges')) as Record<string, string>;
			expect(JSON.stringify(row)).not.toContain(code);
			expect(row.codes).toContain(hmacCode(code));
			const body = ((await db.get('SELECT body FROM sms_outbox')) as { body: string }).body;
			expect(body).toContain('5 นาที');
			expect(body).toContain('รหัสสำหรับสมัครใช้งาน');
			expect(body).toContain('อย่าบอกรหัสนี้กับผู้ใดแม้เป็นเจ้าหน้าที่');
			expect(body).not.toMatch(/https?:|www\./);
		});

		it('accepts the right code once, with spaces or dashes', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			const code = await codeSentTo(db, phone);
			expect(normaliseCode(`${code.slice(0, 3)}-${code.slice(3)}`)).toBe(code);
			const ok = await verifyCode(r.challengeId, `${code.slice(0, 3)} ${code.slice(3)}`, 'register');
			expect(ok).toMatchObject({ ok: true, payload: { x: 1 }, subject: '1103700123458' });
			expect(await verifyCode(r.challengeId, code, 'register')).toEqual({ ok: false, reason: 'gone' });
		});

		it('refuses a code for another purpose', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			expect(await verifyCode(r.challengeId, await codeSentTo(db, phone), 'reset')).toEqual({ ok: false, reason: 'gone' });
		});

		it('expires after 5 minutes', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			const code = await codeSentTo(db, phone);
			setClockOffset(OTP_TTL_MS);
			expect(await verifyCode(r.challengeId, code, 'register')).toEqual({ ok: false, reason: 'expired' });
		});

		it('is still good just before 5 minutes', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			setClockOffset(OTP_TTL_MS - 1000);
			expect((await verifyCode(r.challengeId, await codeSentTo(db, phone), 'register')).ok).toBe(true);
		});

		it('allows at most 5 wrong tries, then refuses even the right code', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			const code = await codeSentTo(db, phone);
			const wrong = code === '000000' ? '000001' : '000000';
			for (let left = 4; left >= 1; left--)
				expect(await verifyCode(r.challengeId, wrong, 'register')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: left });
			expect(await verifyCode(r.challengeId, wrong, 'register')).toEqual({ ok: false, reason: 'too_many' });
			expect(await verifyCode(r.challengeId, code, 'register')).toEqual({ ok: false, reason: 'too_many' });
		});

		it('lets a resend happen only after 60 seconds; an earlier unexpired code still works', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			const first = await codeSentTo(db, phone);
			expect(await resendCode(r.challengeId, '10.0.0.1', 'th')).toMatchObject({ ok: false, reason: 'wait' });
			setClockOffset(60_000);
			expect(await resendCode(r.challengeId, '10.0.0.1', 'th')).toEqual({ ok: true, sending: false });
			expect(await db.count('SELECT count(*) FROM sms_outbox')).toBe(2);
			// the first SMS arrives late: its code is still accepted while unexpired
			expect((await verifyCode(r.challengeId, first, 'register')).ok).toBe(true);
		});

		it('two resends at once (a double click, two tabs) send one text and keep every code', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			const first = await codeSentTo(db, phone);
			setClockOffset(60_000);
			const both = await Promise.all([resendCode(r.challengeId, null, 'th'), resendCode(r.challengeId, null, 'th')]);
			expect(both.map((x) => x.ok).sort()).toEqual([false, true]);
			expect(both.find((x) => !x.ok)).toMatchObject({ reason: 'wait' });
			expect(await db.count('SELECT count(*) FROM sms_outbox')).toBe(2);
			expect(await db.get('SELECT sends FROM otp_challenges')).toEqual({ sends: 2 });
			expect((await verifyCode(r.challengeId, first, 'register')).ok).toBe(true);
		});

		it('a resent code outlives the first', async () => {
			const r = await start();
			if (!r.ok) throw new Error('not sent');
			setClockOffset(4 * 60_000);
			await resendCode(r.challengeId, null, 'th');
			const second = await codeSentTo(db, phone);
			setClockOffset(6 * 60_000); // first expired, second has 3 minutes left
			expect((await verifyCode(r.challengeId, second, 'register')).ok).toBe(true);
		});

		it('caps codes per phone per hour and per day', async () => {
			// fixed windows are aligned to the clock: start early in the UTC day so +2 hours stays in it
			vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 25, 5, 0, 0) });
			onTestFinished(() => {
				vi.useRealTimers();
			});
			for (let i = 0; i < 5; i++) expect((await start(`10.0.1.${i}`)).ok).toBe(true);
			expect(await start('10.0.2.1')).toMatchObject({ ok: false, reason: 'rate_limited' });
			setClockOffset(3_600_000); // next hour: allowed again, up to 10 a day
			for (let i = 0; i < 5; i++) expect((await start(`10.0.3.${i}`)).ok).toBe(true);
			expect(await start('10.0.4.1')).toMatchObject({ ok: false, reason: 'rate_limited' });
			setClockOffset(2 * 3_600_000);
			expect(await start('10.0.4.2')).toMatchObject({ ok: false, reason: 'rate_limited' }); // daily cap of 10
		});

		it('caps codes per IP', async () => {
			for (let i = 0; i < 20; i++) expect((await start('10.9.9.9', `08${String(10_000_000 + i)}`, `id${i}`)).ok).toBe(true);
			expect(await start('10.9.9.9', '0899999999', 'another')).toMatchObject({ ok: false, reason: 'rate_limited' });
			expect((await start('10.9.9.8', '0899999999', 'another')).ok).toBe(true);
		});

		it('caps codes per national ID, whatever the phone and the IP', async () => {
			for (let i = 0; i < 5; i++) expect((await start(`10.7.0.${i}`, `08${String(20_000_000 + i)}`)).ok).toBe(true);
			const r = await start('10.7.1.1', '0877777777');
			expect(r).toMatchObject({ ok: false, reason: 'rate_limited' });
			expect((await start('10.7.1.1', '0877777777', '3100600456785')).ok).toBe(true);
		});
	});

	describe('delivery', () => {
		it('texts in English when the citizen chose English', async () => {
			await startChallenge({ purpose: 'register', phone, subject: 'x', ip: null, locale: 'en' });
			const body = ((await db.get('SELECT body FROM sms_outbox')) as { body: string }).body;
			expect(body).toMatch(/^Social Security: your code to register is \d{6}, valid for 5 minutes\. Do not tell it to anyone, not even SSO staff\.$/);
		});

		it('a slow provider does not hold the page: it answers "on its way" and the send finishes in the background', async () => {
			vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
			try {
				let release!: () => void;
				let asked = false;
				setSmsSenderForTests({
					name: 'twilio',
					send: () => {
						asked = true;
						return new Promise<string>((r) => (release = () => r('SMslow')));
					}
				});
				const pending = startChallenge({ purpose: 'register', phone, subject: 'x', ip: null, locale: 'th' });
				// the clock moves on only once the provider has been asked, the page waiting for it: the challenge's and the
				// outbox's writes before that take real time (on PostgreSQL, on a busy machine, longer than the budget)
				let answered = false;
				void pending.finally(() => (answered = true));
				let waited = 0;
				while (!answered) {
					if (!asked) await new Promise((r) => setImmediate(r));
					else waited += (await vi.advanceTimersByTimeAsync(100), 100);
				}
				expect(await pending).toMatchObject({ ok: true, sending: true });
				expect(waited).toBeGreaterThanOrEqual(SEND_BUDGET_MS);
				expect(await db.get('SELECT status FROM sms_outbox')).toEqual({ status: 'queued' });
				release();
				await vi.waitFor(async () =>
					expect(await db.get('SELECT status, provider_message_id FROM sms_outbox')).toEqual({ status: 'sent', provider_message_id: 'SMslow' })
				);
			} finally {
				vi.useRealTimers();
			}
		});

		it('each purpose has its own text: what the code is for, and not to tell anyone, not even staff', async () => {
			const purposes = {
				register: ['รหัสสำหรับสมัครใช้งาน', 'your code to register'],
				reset: ['รหัสสำหรับตั้งรหัสผ่านใหม่', 'your code to set a new password'],
				phone_change: ['รหัสสำหรับเปลี่ยนเบอร์มือถือของบัญชีเป็นเบอร์นี้', 'your code to make this the mobile number of your account'],
				confirm: ['รหัสสำหรับยืนยันการสมัครมาตรา 40', 'your code to confirm your section 40 application'],
				staff_login: ['รหัสสำหรับเข้าสู่ระบบเจ้าหน้าที่', 'your staff sign-in code'],
				staff_activate: ['รหัสสำหรับเปิดใช้บัญชีเจ้าหน้าที่', 'your code to activate your staff account']
			} as const;
			let n = 0;
			for (const [purpose, [th, en]] of Object.entries(purposes) as [keyof typeof purposes, readonly [string, string]][]) {
				for (const [locale, said, warning] of [
					['th', th, 'อย่าบอกรหัสนี้กับผู้ใดแม้เป็นเจ้าหน้าที่'],
					['en', en, 'Do not tell it to anyone, not even SSO staff.']
				] as const) {
					const to = `08${String(30_000_000 + n++)}`;
					expect((await startChallenge({ purpose, phone: to, subject: `s${n}`, ip: null, locale })).ok).toBe(true);
					const body = ((await db.get('SELECT body FROM sms_outbox WHERE to_phone = ?', to)) as { body: string }).body;
					expect(body, `${purpose} ${locale}`).toContain(said);
					expect(body, `${purpose} ${locale}`).toContain(warning);
					expect(body).toContain(await codeSentTo(db, to));
					expect(body).not.toMatch(/https?:|www\./);
				}
			}
		});

		it('the hourly SMS budget of the whole portal refuses further texts with a clear message and logs one alert', async () => {
			db = await freshDatabase(engine, { SMS_PER_HOUR: '5' });
			vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 25, 5, 10, 0) });
			onTestFinished(() => {
				vi.useRealTimers();
			});
			const alert = vi.spyOn(log, 'error');
			onTestFinished(() => {
				alert.mockRestore();
			});
			const reset = (ip: string, to: string, subject: string) => startChallenge({ purpose: 'reset', phone: to, subject, ip, locale: 'th' });
			// codes to numbers nobody has proven (registrations) may use 80 % of it: 4 of 5
			for (let i = 0; i < 4; i++) expect((await start(`10.3.0.${i}`, `08${40_000_000 + i}`, `person${i}`)).ok).toBe(true);
			const refused = await start('10.3.1.1', '0849999999', 'someone else');
			// 12:10 in Bangkok: the hour ends at 13:00
			expect(refused).toEqual({
				ok: false,
				reason: 'rate_limited',
				retryAt: Date.UTC(2026, 10, 25, 6, 0),
				error: { key: 'err_sms_budget', params: { time: '13:00' } }
			});
			// the rest is kept for codes to numbers on file: a password reset still gets its code
			expect((await reset('10.3.1.3', '0849999995', 'owner')).ok).toBe(true);
			// then the whole budget is used up: every text is refused
			expect(await start('10.3.1.2', '0849999998', 'another one')).toMatchObject({ ok: false, error: { key: 'err_sms_budget' } });
			expect(await reset('10.3.1.4', '0849999994', 'owner 2')).toMatchObject({ ok: false, error: { key: 'err_sms_budget' } });
			// a notice (any text) is refused too, and nothing is recorded for the refused texts
			const { sendSms, SmsBudgetExceeded } = await import('../sms');
			await expect(sendSms('notice:password', { to: '0849999997', body: 'x' })).rejects.toBeInstanceOf(SmsBudgetExceeded);
			expect(await db.count('SELECT count(*) FROM sms_outbox')).toBe(5);
			expect(await db.count('SELECT count(*) FROM otp_challenges')).toBe(5);
			const alerts = alert.mock.calls.filter(([o]) => (o as { alert?: string }).alert === 'sms_budget_exceeded');
			expect(alerts).toHaveLength(1);
			// the next hour, texts go again
			setClockOffset(50 * 60_000);
			expect((await start('10.3.2.1', '0849999996', 'later')).ok).toBe(true);
		});
	});
});
