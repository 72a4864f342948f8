import { describe, it, expect } from 'vitest';
import { createLogger, maskNationalId, log } from './log';

const NATIONAL_ID = '1103700123458';
const OTHER_ID = '3100600456785';
const PASSWORD = 'correct-horse-battery-staple';
const OTP = '482913';
const TOKEN = 'n3vd7xq2b6m5k4j8h9g0f1a2s3d4f5g6';

function capture() {
	const lines: string[] = [];
	const logger = createLogger({ level: 'trace', destination: { write: (s: string) => void lines.push(s) } });
	return { logger, lines, text: () => lines.join('') };
}

describe('maskNationalId', () => {
	it('keeps the last 4 digits only', () => {
		expect(maskNationalId(NATIONAL_ID)).toBe('*********3458');
		expect(maskNationalId('1-1037-00123-45-8')).toBe('*********3458');
	});
});

describe('log redaction', () => {
	it('never writes a password, a code, a session token, a cookie, an authorization header or a full national ID', () => {
		const { logger, lines, text } = capture();
		logger.info(
			{
				password: PASSWORD,
				code: OTP,
				sessionToken: TOKEN,
				nationalId: NATIONAL_ID,
				headers: { cookie: `prakan_session=${TOKEN}`, authorization: `Bearer ${TOKEN}`, 'set-cookie': [`prakan_session=${TOKEN}`] },
				// deeper than pino's `*.key` paths, and under keys nobody listed
				form: { step: { newPassword: PASSWORD, otpCode: OTP, challenge: { code: Number(OTP) } } },
				note: `registered ${NATIONAL_ID}`
			},
			'login by %s (also written 1-1037-00123-45-8) with %s',
			OTHER_ID,
			NATIONAL_ID
		);
		logger.child({ nationalId: OTHER_ID }).warn(`child of ${OTHER_ID}`);
		expect(lines).toHaveLength(2);
		const out = text();
		for (const secret of [PASSWORD, OTP, TOKEN, NATIONAL_ID, OTHER_ID, '1-1037-00123-45-8']) expect(out).not.toContain(secret);
		const first = JSON.parse(lines[0]!);
		expect(first.msg).toBe('login by *********6785 (also written *********3458) with *********3458');
		expect(first.nationalId).toBe('*********3458');
		expect(first.note).toBe('registered *********3458');
		expect(first.password).toBe('[Redacted]');
		expect(first.code).toBe('[Redacted]');
		expect(first.headers.cookie).toBe('[Redacted]');
		expect(first.headers.authorization).toBe('[Redacted]');
		expect(first.form.step.otpCode).toBe('[Redacted]');
		expect(first.form.step.challenge.code).toBe('[Redacted]');
		const second = JSON.parse(lines[1]!);
		expect(second.nationalId).toBe('*********6785');
		expect(second.msg).toBe('child of *********6785');
	});

	it('scrubs errors, their message and their cause, and keeps an error code like EACCES', () => {
		const { logger, lines, text } = capture();
		const cause = new Error(`registry lookup for ${NATIONAL_ID} failed`);
		logger.error(Object.assign(new Error(`cannot register ${NATIONAL_ID}`, { cause }), { code: 'EACCES' }));
		logger.error({ err: new Error(`session ${TOKEN.slice(0, 4)} for ${OTHER_ID}`) });
		const out = text();
		expect(out).not.toContain(NATIONAL_ID);
		expect(out).not.toContain(OTHER_ID);
		const first = JSON.parse(lines[0]!);
		// pino's error serializer appends the cause's message
		expect(first.msg).toBe('cannot register *********3458: registry lookup for *********3458 failed');
		expect(first.err).toMatchObject({ type: 'Error', code: 'EACCES' });
		expect(first.err.cause.message).toBe('registry lookup for *********3458 failed');
		expect(JSON.parse(lines[1]!).msg).toBe('session n3vd for *********6785');
	});

	it('leaves other numbers alone (a 15-digit biller ID, amounts, an HTTP status)', () => {
		const { logger, lines } = capture();
		logger.info({ billerId: '099400016000000', satang: 43200, statusCode: 303, ref: 'S40-2569-000001' }, 'paid 43200 satang');
		expect(JSON.parse(lines[0]!)).toMatchObject({
			billerId: '099400016000000',
			satang: 43200,
			statusCode: 303,
			ref: 'S40-2569-000001',
			msg: 'paid 43200 satang'
		});
	});

	it('is silent under vitest unless LOG_LEVEL says otherwise', () => {
		expect(log.level).toBe(process.env.LOG_LEVEL ?? 'silent');
	});
});
