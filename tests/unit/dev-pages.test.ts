import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { freshDb } from './fresh-db';
import { load as smsLoad } from '../../src/routes/dev/sms/+page.server';
import { POST as clockPost } from '../../src/routes/dev/clock/+server';

type Any = Parameters<typeof smsLoad>[0];

function status(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return isHttpError(e) ? e.status : -1;
	}
}

describe('developer pages', () => {
	it('/dev/sms lists the outbox when SMS_PROVIDER=outbox', () => {
		freshDb();
		expect(status(() => smsLoad({} as Any))).toBeNull();
	});

	it('/dev/sms answers 404 when Twilio is the provider', () => {
		freshDb({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+15005550006' });
		expect(status(() => smsLoad({} as Any))).toBe(404);
	});

	it('/dev/clock answers 404 unless DEV_CLOCK is on', async () => {
		freshDb();
		const req = { request: new Request('http://x/dev/clock', { method: 'POST', body: JSON.stringify({ offsetMs: 1 }) }) } as Parameters<typeof clockPost>[0];
		await expect(clockPost(req)).rejects.toMatchObject({ status: 404 });
	});
});
