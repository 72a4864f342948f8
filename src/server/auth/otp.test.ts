import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { freshDb, lastCode } from '../../../tests/unit/fresh-db';
import { setClockOffset } from '../clock';
import { hmacCode, normaliseCode, resendCode, startChallenge, verifyCode, OTP_TTL_MS, SEND_BUDGET_MS } from './otp';
import { setSmsSenderForTests } from '../sms';
import type { Db } from '../db';

let db: Db;
const phone = '0812345678';
const start = (ip = '10.0.0.1', p = phone, subject = '1103700123458') =>
	startChallenge({ purpose: 'register', phone: p, subject, payload: { x: 1 }, ip, locale: 'th' });

beforeEach(() => {
	db = freshDb();
});

describe('one-time codes', () => {
	it('sends a 6-digit code and stores only its HMAC', async () => {
		const r = await start();
		expect(r.ok).toBe(true);
		const code = lastCode(db, phone);
		expect(code).toMatch(/^\d{6}$/);
		const row = db.$client.prepare('SELECT * FROM otp_challenges').get() as Record<string, string>;
		expect(JSON.stringify(row)).not.toContain(code);
		expect(row.codes).toContain(hmacCode(code));
		const body = (db.$client.prepare('SELECT body FROM sms_outbox').get() as { body: string }).body;
		expect(body).toContain('5 นาที');
		expect(body).toContain('ห้ามบอกรหัสนี้กับผู้ใด');
		expect(body).not.toMatch(/https?:|www\./);
	});

	it('accepts the right code once, with spaces or dashes', async () => {
		const r = await start();
		if (!r.ok) throw new Error('not sent');
		const code = lastCode(db, phone);
		expect(normaliseCode(`${code.slice(0, 3)}-${code.slice(3)}`)).toBe(code);
		const ok = verifyCode(r.challengeId, `${code.slice(0, 3)} ${code.slice(3)}`, 'register');
		expect(ok).toMatchObject({ ok: true, payload: { x: 1 }, subject: '1103700123458' });
		expect(verifyCode(r.challengeId, code, 'register')).toEqual({ ok: false, reason: 'gone' });
	});

	it('refuses a code for another purpose', async () => {
		const r = await start();
		if (!r.ok) throw new Error('not sent');
		expect(verifyCode(r.challengeId, lastCode(db, phone), 'reset')).toEqual({ ok: false, reason: 'gone' });
	});

	it('expires after 5 minutes', async () => {
		const r = await start();
		if (!r.ok) throw new Error('not sent');
		const code = lastCode(db, phone);
		setClockOffset(OTP_TTL_MS);
		expect(verifyCode(r.challengeId, code, 'register')).toEqual({ ok: false, reason: 'expired' });
	});

	it('is still good just before 5 minutes', async () => {
		const r = await start();
		if (!r.ok) throw new Error('not sent');
		setClockOffset(OTP_TTL_MS - 1000);
		expect(verifyCode(r.challengeId, lastCode(db, phone), 'register').ok).toBe(true);
	});

	it('allows at most 5 wrong tries, then refuses even the right code', async () => {
		const r = await start();
		if (!r.ok) throw new Error('not sent');
		const code = lastCode(db, phone);
		const wrong = code === '000000' ? '000001' : '000000';
		for (let left = 4; left >= 1; left--) expect(verifyCode(r.challengeId, wrong, 'register')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: left });
		expect(verifyCode(r.challengeId, wrong, 'register')).toEqual({ ok: false, reason: 'too_many' });
		expect(verifyCode(r.challengeId, code, 'register')).toEqual({ ok: false, reason: 'too_many' });
	});

	it('lets a resend happen only after 60 seconds; an earlier unexpired code still works', async () => {
		const r = await start();
		if (!r.ok) throw new Error('not sent');
		const first = lastCode(db, phone);
		expect(await resendCode(r.challengeId, '10.0.0.1', 'th')).toMatchObject({ ok: false, reason: 'wait' });
		setClockOffset(60_000);
		expect(await resendCode(r.challengeId, '10.0.0.1', 'th')).toEqual({ ok: true, sending: false });
		expect(db.$client.prepare('SELECT count(*) n FROM sms_outbox').get()).toEqual({ n: 2 });
		// the first SMS arrives late: its code is still accepted while unexpired
		expect(verifyCode(r.challengeId, first, 'register').ok).toBe(true);
	});

	it('a resent code outlives the first', async () => {
		const r = await start();
		if (!r.ok) throw new Error('not sent');
		setClockOffset(4 * 60_000);
		await resendCode(r.challengeId, null, 'th');
		const second = lastCode(db, phone);
		setClockOffset(6 * 60_000); // first expired, second has 3 minutes left
		expect(verifyCode(r.challengeId, second, 'register').ok).toBe(true);
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
		const body = (db.$client.prepare('SELECT body FROM sms_outbox').get() as { body: string }).body;
		expect(body).toMatch(/^Social Security: your one-time code is \d{6}, valid for 5 minutes\. Never share it with anyone\.$/);
	});

	it('a slow provider does not hold the page: it answers "on its way" and the send finishes in the background', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			let release!: () => void;
			setSmsSenderForTests({ name: 'twilio', send: () => new Promise<string>((r) => (release = () => r('SMslow'))) });
			const pending = startChallenge({ purpose: 'register', phone, subject: 'x', ip: null, locale: 'th' });
			await vi.advanceTimersByTimeAsync(SEND_BUDGET_MS);
			expect(await pending).toMatchObject({ ok: true, sending: true });
			expect(db.$client.prepare('SELECT status FROM sms_outbox').get()).toEqual({ status: 'queued' });
			release();
			await vi.waitFor(() =>
				expect(db.$client.prepare('SELECT status, provider_message_id FROM sms_outbox').get()).toEqual({ status: 'sent', provider_message_id: 'SMslow' })
			);
		} finally {
			vi.useRealTimers();
		}
	});
});
