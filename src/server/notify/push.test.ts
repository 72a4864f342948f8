import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allowedEndpoint, PUSH_TTL_SECONDS, sendPush } from './push';
import { newVapidKeys, vapidKeys } from '../config';
import { resetTestEnvironment } from '../../../tests/unit/fresh-db';
import { decrypt, startFakePushService, vapidClaims, type FakePushService } from '../../../tests/support/fake-push';

let push: FakePushService;
beforeAll(async () => {
	push = await startFakePushService();
});
afterAll(() => push.close());
beforeEach(() => {
	push.received.length = 0;
	resetTestEnvironment({ PUSH_SERVICE_ORIGINS: push.origin, VAPID_SUBJECT: 'mailto:ops@example.org' });
});

const payload = { kind: 'application', lang: 'th' as const, title: 'ประกันสังคม', body: 'มีการอัปเดตคำขอของคุณ', url: '/applications' };

describe('sendPush', () => {
	it('sends the message encrypted for the browser (aes128gcm), signed with the portal key, with a TTL', async () => {
		const sub = push.subscriber();
		expect(await sendPush(sub, payload)).toEqual({ result: 'sent' });
		expect(push.received).toHaveLength(1);
		const [r] = push.received;
		expect(r!.headers['content-encoding']).toBe('aes128gcm');
		expect(r!.headers['content-type']).toBe('application/octet-stream');
		expect(r!.headers['ttl']).toBe(String(PUSH_TTL_SECONDS));
		expect(r!.headers['urgency']).toBe('normal');
		// the body is not the text: only the subscriber's keys read it
		expect(r!.body.includes(Buffer.from('มีการอัปเดต'))).toBe(false);
		expect(JSON.parse(decrypt(sub, r!.body))).toEqual(payload);
		expect(() => decrypt(push.subscriber(), r!.body)).toThrow();
		const claims = await vapidClaims(r!.headers, vapidKeys().publicKey);
		expect(claims.aud).toBe(push.origin);
		expect(claims.sub).toBe('mailto:ops@example.org');
		expect(claims.exp! - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);
	});

	it('takes a TTL and an urgency of its own', async () => {
		const sub = push.subscriber();
		await sendPush(sub, payload, { ttl: 60, urgency: 'high' });
		expect(push.received[0]!.headers).toMatchObject({ ttl: '60', urgency: 'high' });
	});

	it('says a subscription is gone when the service answers 404 or 410, and failed for other answers', async () => {
		const a = push.subscriber();
		const b = push.subscriber();
		const c = push.subscriber();
		push.answer(a, 410);
		push.answer(b, 404);
		push.answer(c, 503);
		expect(await sendPush(a, payload)).toEqual({ result: 'gone', status: 410 });
		expect(await sendPush(b, payload)).toEqual({ result: 'gone', status: 404 });
		expect(await sendPush(c, payload)).toEqual({ result: 'failed', error: 'push service answered 503' });
	});

	it('says failed when the service cannot be reached, and gone for keys no browser made', async () => {
		const sub = push.subscriber();
		resetTestEnvironment({ PUSH_SERVICE_ORIGINS: 'http://127.0.0.1:9' });
		expect(await sendPush({ ...sub, endpoint: 'http://127.0.0.1:9/push/x' }, payload)).toMatchObject({ result: 'failed' });
		resetTestEnvironment({ PUSH_SERVICE_ORIGINS: push.origin });
		expect(await sendPush({ ...sub, p256dh: 'AAAA' }, payload)).toEqual({ result: 'gone', status: 0 });
		expect(push.received).toHaveLength(0);
	});

	it('never sends to an address that is not a push service', async () => {
		resetTestEnvironment();
		const sub = push.subscriber();
		expect(await sendPush(sub, payload)).toEqual({ result: 'failed', error: 'endpoint not allowed' });
		expect(push.received).toHaveLength(0);
	});
});

describe('allowedEndpoint', () => {
	it('takes the browsers’ push services over https only', () => {
		for (const ok of [
			'https://fcm.googleapis.com/fcm/send/abc:def',
			'https://updates.push.services.mozilla.com/wpush/v2/gAAA',
			'https://web.push.apple.com/QGx',
			'https://api.push.apple.com/3/device/x',
			'https://wns2-par02p.notify.windows.com/w/?token=x'
		])
			expect(allowedEndpoint(ok, []), ok).toBe(true);
		for (const bad of [
			'http://fcm.googleapis.com/fcm/send/x',
			'https://fcm.googleapis.com:8443/x',
			'https://fcm.googleapis.com.evil.example/x',
			'https://evil.example/fcm.googleapis.com',
			'https://user:pw@fcm.googleapis.com/x',
			'https://169.254.169.254/latest/meta-data',
			'https://localhost/x',
			'file:///etc/passwd',
			'not a url',
			`https://fcm.googleapis.com/${'a'.repeat(1000)}`
		])
			expect(allowedEndpoint(bad, []), bad).toBe(false);
	});

	it('takes the origins configured besides, exactly', () => {
		expect(allowedEndpoint('http://127.0.0.1:4000/push/1', ['http://127.0.0.1:4000'])).toBe(true);
		expect(allowedEndpoint('http://127.0.0.1:4001/push/1', ['http://127.0.0.1:4000'])).toBe(false);
	});
});

describe('VAPID keys', () => {
	it('are made as the browsers take them: a P-256 point and a 32-byte scalar', () => {
		for (let i = 0; i < 50; i++) {
			const k = newVapidKeys();
			expect(Buffer.from(k.publicKey, 'base64url')).toHaveLength(65);
			expect(Buffer.from(k.privateKey, 'base64url')).toHaveLength(32);
		}
	});
});
