/**
 * The Twilio sender through the real `twilio` SDK, against a fake Twilio REST API on loopback:
 * checks the Basic auth header, the account path, To in E.164, From or MessagingServiceSid, and Body.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TwilioSender } from './twilio';
import { freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { sendSms, SmsFailed, setSmsSenderForTests } from './index';
import { log } from '../log';
import { maskPhoneNumbers } from './mask';

const SID = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'test-auth-token-1234';
const MG = 'MG' + 'fedcba9876543210'.repeat(2);

interface Seen {
	method: string;
	url: string;
	auth: string | undefined;
	form: URLSearchParams;
}
let seen: Seen[] = [];
let failNext = false;
/** the next answer is a provider error with this message (Twilio quotes the destination number in some) */
let failWith: string | null = null;
let server: http.Server;
let base: string;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, form: new URLSearchParams(body) });
			res.setHeader('content-type', 'application/json');
			if (failWith !== null) {
				res.statusCode = 400;
				res.end(JSON.stringify({ code: 21211, message: failWith, status: 400, more_info: 'https://www.twilio.com/docs/errors/21211' }));
				failWith = null;
				return;
			}
			if (failNext) {
				failNext = false;
				res.statusCode = 400;
				res.end(JSON.stringify({ code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 }));
				return;
			}
			res.statusCode = 201;
			res.end(
				JSON.stringify({ sid: 'SM' + 'a'.repeat(32), status: 'queued', to: new URLSearchParams(body).get('To'), body: new URLSearchParams(body).get('Body') })
			);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const engines = await testEngines('SMS tests on PostgreSQL');
let db: TestDb;

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		seen = [];
		db = await freshDatabase(engine);
	});

	describe('TwilioSender (real SDK, fake API)', () => {
		it('posts To (E.164), From and Body with Basic auth to the account Messages resource', async () => {
			const s = new TwilioSender({ accountSid: SID, authToken: TOKEN, from: '+15005550006', apiBase: base });
			const id = await s.send({ to: '081-234-5678', body: 'ประกันสังคม: รหัส OTP ของคุณคือ 123456' });
			expect(id).toBe('SM' + 'a'.repeat(32));
			expect(seen).toHaveLength(1);
			const req = seen[0]!;
			expect(req.method).toBe('POST');
			expect(req.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
			expect(req.auth).toBe('Basic ' + Buffer.from(`${SID}:${TOKEN}`).toString('base64'));
			expect(req.form.get('To')).toBe('+66812345678');
			expect(req.form.get('From')).toBe('+15005550006');
			expect(req.form.get('MessagingServiceSid')).toBeNull();
			expect(req.form.get('Body')).toBe('ประกันสังคม: รหัส OTP ของคุณคือ 123456');
		});

		it('uses a messaging service instead of From when configured', async () => {
			const s = new TwilioSender({ accountSid: SID, authToken: TOKEN, messagingServiceSid: MG, apiBase: base });
			await s.send({ to: '0912345678', body: 'hello' });
			expect(seen[0]!.form.get('MessagingServiceSid')).toBe(MG);
			expect(seen[0]!.form.get('From')).toBeNull();
			expect(seen[0]!.form.get('To')).toBe('+66912345678');
		});

		it('the record of a code sent through a real provider never holds the code; other texts are kept whole', async () => {
			setSmsSenderForTests(new TwilioSender({ accountSid: SID, authToken: TOKEN, from: '+15005550006', apiBase: base }));
			await sendSms('otp:register', { to: '0812345678', body: 'ประกันสังคม: รหัส OTP ของคุณคือ 123456 ใช้ได้ 5 นาที' });
			await sendSms('application:submitted', { to: '0812345678', body: 'คำขอ S40-2569-000001 ได้รับแล้ว' });
			expect(seen[0]!.form.get('Body')).toContain('123456');
			const bodies = (await db.all<{ body: string }>('SELECT body FROM sms_outbox ORDER BY id')).map((r) => r.body);
			expect(bodies).toEqual(['ประกันสังคม: รหัส OTP ของคุณคือ ****** ใช้ได้ 5 นาที', 'คำขอ S40-2569-000001 ได้รับแล้ว']);
		});

		it('a provider error is recorded in the outbox as failed and raised as SmsFailed', async () => {
			setSmsSenderForTests(new TwilioSender({ accountSid: SID, authToken: TOKEN, from: '+15005550006', apiBase: base }));
			failNext = true;
			await expect(sendSms('test', { to: '0812345678', body: 'x' })).rejects.toBeInstanceOf(SmsFailed);
			await sendSms('test', { to: '0812345678', body: 'y' });
			const rows = await db.all<Record<string, string | null>>('SELECT provider, status, error, provider_message_id FROM sms_outbox ORDER BY id');
			expect(rows[0]).toMatchObject({ provider: 'twilio', status: 'failed' });
			expect(rows[0]!.error).toContain('not a valid phone number');
			expect(rows[1]).toMatchObject({ provider: 'twilio', status: 'sent', provider_message_id: 'SM' + 'a'.repeat(32) });
		});

		it('a provider error that quotes the phone number is logged, stored and raised with the number masked', async () => {
			setSmsSenderForTests(new TwilioSender({ accountSid: SID, authToken: TOKEN, from: '+15005550006', apiBase: base }));
			const logged = vi.spyOn(log, 'error');
			try {
				failWith = "The 'To' number +66812345678 is not a valid phone number (0812345678, +66 81 234 5678, 081-234-5678). Error 21211 at 2026-01-05.";
				const raised = await sendSms('otp:register', { to: '0812345678', body: 'x' }).catch((e: unknown) => e);
				expect(raised).toBeInstanceOf(SmsFailed);
				const error = (await db.get<{ error: string }>('SELECT error FROM sms_outbox'))!.error;
				const written = JSON.stringify(logged.mock.calls);
				for (const text of [(raised as Error).message, error, written]) {
					expect(text).toContain('is not a valid phone number');
					expect(text).toContain('5678'); // the last four digits, enough to tell which number
					expect(text).toContain('21211'); // the provider's error code and the date are not phone numbers
					expect(text).toContain('2026-01-05');
					expect(text.replace(/\D/g, ' ')).not.toMatch(/812\s*345|234\s*5678|81\s*234/);
				}
				expect(logged).toHaveBeenCalledWith(expect.objectContaining({ provider: 'twilio', purpose: 'otp:register' }), 'SMS send failed');
			} finally {
				logged.mockRestore();
			}
		});

		it('masks a phone number written in any usual way, keeping its last four digits and other numbers', () => {
			expect(maskPhoneNumbers('To +66812345678 failed')).toBe('To +*******5678 failed');
			expect(maskPhoneNumbers('0812345678')).toBe('******5678');
			expect(maskPhoneNumbers('081-234-5678 / +66 81 234 5678 / (081) 234 5678')).toBe('***-***-5678 / +** ** *** 5678 / (***) *** 5678');
			expect(maskPhoneNumbers('+1 415 555 0100')).toBe('+* *** *** 0100');
			expect(maskPhoneNumbers('Error 21211 at 2026-01-05 10:11:12, https://www.twilio.com/docs/errors/21211')).toBe(
				'Error 21211 at 2026-01-05 10:11:12, https://www.twilio.com/docs/errors/21211'
			);
		});

		it('gives up on a provider that never answers after timeoutMs', async () => {
			const hanging = http.createServer(() => {
				/* never answers */
			});
			await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
			try {
				const hangBase = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
				const s = new TwilioSender({ accountSid: SID, authToken: TOKEN, from: '+15005550006', apiBase: hangBase, timeoutMs: 300 });
				const started = Date.now();
				await expect(s.send({ to: '0812345678', body: 'x' })).rejects.toThrow(/timeout/i);
				expect(Date.now() - started).toBeLessThan(3000);
			} finally {
				hanging.closeAllConnections();
				await new Promise<void>((r) => hanging.close(() => r()));
			}
		});
	});
});
