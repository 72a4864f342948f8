/**
 * A push service on this machine, for the unit and end-to-end tests: it takes what the portal sends, checks nothing
 * itself, and keeps each request so the test can check the headers, the VAPID signature (RFC 8292) and decrypt the
 * message with the subscriber's own keys (RFC 8291, aes128gcm), as a browser would. `answer` sets the status it gives
 * to one subscription (404 and 410: the subscription is gone).
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { importJWK, jwtVerify, type JWTPayload } from 'jose';

export interface Subscriber {
	endpoint: string;
	p256dh: string;
	auth: string;
	/** the browser's private side */
	ecdh: crypto.ECDH;
	authSecret: Buffer;
}

export interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

export interface FakePushService {
	origin: string;
	received: Received[];
	/** a new subscription at this service, with keys made as a browser makes them */
	subscriber(name?: string): Subscriber;
	/** the status this service answers for a subscription (201 unless set) */
	answer(sub: Pick<Subscriber, 'endpoint'>, status: number): void;
	close(): Promise<void>;
}

export async function startFakePushService(): Promise<FakePushService> {
	const received: Received[] = [];
	const answers = new Map<string, number>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const path = req.url ?? '/';
			received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(answers.get(path) ?? 201).end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		received,
		subscriber(name = crypto.randomUUID()) {
			const ecdh = crypto.createECDH('prime256v1');
			ecdh.generateKeys();
			const authSecret = crypto.randomBytes(16);
			return {
				endpoint: `${origin}/push/${name}`,
				p256dh: ecdh.getPublicKey().toString('base64url'),
				auth: authSecret.toString('base64url'),
				ecdh,
				authSecret
			};
		},
		answer(sub, status) {
			answers.set(new URL(sub.endpoint).pathname, status);
		},
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
}

const hmac = (key: Buffer, data: Buffer) => crypto.createHmac('sha256', key).update(data).digest();

/** The message as the browser reads it (RFC 8291 §3.4, RFC 8188): throws if it was not encrypted for `sub`. */
export function decrypt(sub: Pick<Subscriber, 'ecdh' | 'authSecret'>, body: Buffer): string {
	const salt = body.subarray(0, 16);
	const rs = body.readUInt32BE(16);
	const idLen = body[20]!;
	const asPublic = body.subarray(21, 21 + idLen);
	const cipher = body.subarray(21 + idLen);
	if (cipher.length > rs) throw new Error('more than one record');
	const uaPublic = sub.ecdh.getPublicKey();
	const ecdhSecret = sub.ecdh.computeSecret(asPublic);
	const prkKey = hmac(sub.authSecret, ecdhSecret);
	const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]);
	const ikm = hmac(prkKey, keyInfo);
	const prk = hmac(salt, ikm);
	const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
	const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
	const d = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
	d.setAuthTag(cipher.subarray(cipher.length - 16));
	const padded = Buffer.concat([d.update(cipher.subarray(0, cipher.length - 16)), d.final()]);
	// the last record ends with the delimiter 2, then any zero padding
	let end = padded.length - 1;
	while (end >= 0 && padded[end] === 0) end--;
	if (padded[end] !== 2) throw new Error('no last-record delimiter');
	return padded.subarray(0, end).toString('utf8');
}

/** The VAPID header's claims, once its signature is checked against the key it names (and that key is `publicKey`). */
export async function vapidClaims(headers: http.IncomingHttpHeaders, publicKey: string): Promise<JWTPayload> {
	const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(headers.authorization ?? ''));
	if (!m) throw new Error(`not a VAPID authorization: ${headers.authorization}`);
	if (m[2] !== publicKey) throw new Error('signed with another key');
	const point = Buffer.from(m[2], 'base64url');
	const key = await importJWK(
		{ kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
		'ES256'
	);
	return (await jwtVerify(m[1]!, key, { algorithms: ['ES256'] })).payload;
}
