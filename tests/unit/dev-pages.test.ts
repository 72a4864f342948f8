import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { freshDatabase, testEngines } from './engines';
import { load as smsLoad } from '../../src/routes/dev/sms/+page.server';
import { POST as clockPost } from '../../src/routes/dev/clock/+server';
import { devPagesLocalOnly, isLocalClient, isLoopback, type ClientEvent } from '../../src/server/dev';
import { listenHost, parseConfig } from '../../src/server/config';
import type { Handle } from '@sveltejs/kit';
import type { IncomingMessage } from 'node:http';

type Any = Parameters<typeof smsLoad>[0];

async function status(fn: () => unknown): Promise<number | null> {
	try {
		await fn();
		return null;
	} catch (e) {
		return isHttpError(e) ? e.status : -1;
	}
}

const engines = await testEngines('developer page tests on PostgreSQL');

describe.each(engines)('developer pages, on %s', (engine) => {
	it('/dev/sms lists the outbox, newest first, when SMS_PROVIDER=outbox', async () => {
		const db = await freshDatabase(engine);
		for (const [at, body] of [
			[1, 'first'],
			[2, 'second']
		] as const)
			await db.run(
				"INSERT INTO sms_outbox (created_at, provider, to_phone, body, purpose, status) VALUES (?, 'outbox', '0812345678', ?, 'otp', 'sent')",
				at,
				body
			);
		const page = (await smsLoad({} as Any)) as { messages: { body: string; to: string }[] };
		expect(page.messages.map((m) => [m.body, m.to])).toEqual([
			['second', '0812345678'],
			['first', '0812345678']
		]);
	});

	it('/dev/sms answers 404 when Twilio is the provider', async () => {
		await freshDatabase(engine, {
			SMS_PROVIDER: 'twilio',
			TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
			TWILIO_AUTH_TOKEN: 'secret-token',
			TWILIO_FROM: '+15005550006'
		});
		expect(await status(() => smsLoad({} as Any))).toBe(404);
	});

	it('/dev/clock answers 404 unless DEV_CLOCK is on', async () => {
		await freshDatabase(engine);
		const req = { request: new Request('http://x/dev/clock', { method: 'POST', body: JSON.stringify({ offsetMs: 1 }) }) } as Parameters<typeof clockPost>[0];
		await expect(clockPost(req)).rejects.toMatchObject({ status: 404 });
	});
});

/**
 * A request as adapter-node hands it over: the socket's peer address (platform.req), and getClientAddress as adapter-node
 * computes it — the socket's address, or with ADDRESS_HEADER the header's (the XFF_DEPTH-th entry from the right).
 */
function fakeEvent(
	peer: string,
	headers: Record<string, string> = {},
	env: Record<string, string | undefined> = {},
	routeId = '/dev/sms',
	origin = 'http://localhost:3000'
) {
	const request = new Request(`${origin}/dev/sms`, { headers });
	const getClientAddress = () => {
		const h = env.ADDRESS_HEADER?.toLowerCase();
		if (!h) return peer;
		const v = request.headers.get(h);
		if (v === null) throw new Error(`Address header was specified with ADDRESS_HEADER=${h} but is absent from request`);
		if (h !== 'x-forwarded-for') return v;
		const all = v.split(',');
		return all[all.length - Number(env.XFF_DEPTH ?? 1)]!.trim();
	};
	return {
		request,
		url: new URL(request.url),
		getClientAddress,
		platform: { req: { socket: { remoteAddress: peer } } as unknown as IncomingMessage },
		route: { id: routeId }
	} as ClientEvent & {
		route: { id: string };
	};
}

describe('developer pages answer this machine only', () => {
	it('knows loopback addresses, IPv4, IPv6 and IPv4-mapped', () => {
		for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) expect(isLoopback(a), a).toBe(true);
		for (const a of ['192.0.2.2', '10.0.0.1', '::ffff:10.0.0.1', 'fd00::2', 'fe80::1', '0.0.0.0', '::', 'localhost', '', undefined, null])
			expect(isLoopback(a), String(a)).toBe(false);
	});

	it('the app served under a public name (ORIGIN) is refused even to loopback: a proxy on this machine that adds no forwarding header', () => {
		expect(isLocalClient(fakeEvent('127.0.0.1', {}, {}, '/dev/sms', 'https://prakan.example'), {})).toBe(false);
		expect(isLocalClient(fakeEvent('127.0.0.1', {}, {}, '/dev/sms', 'http://127.0.0.1:3000'), {})).toBe(true);
	});

	it('a client on this machine passes; one on the network does not, whatever it writes in a forwarding header', () => {
		expect(isLocalClient(fakeEvent('127.0.0.1'), {})).toBe(true);
		expect(isLocalClient(fakeEvent('::ffff:127.0.0.1'), {})).toBe(true);
		expect(isLocalClient(fakeEvent('::1'), {})).toBe(true);
		expect(isLocalClient(fakeEvent('192.0.2.2'), {})).toBe(false);
		expect(isLocalClient(fakeEvent('::ffff:192.0.2.2'), {})).toBe(false);
		// forged headers from the network
		for (const h of ['x-forwarded-for', 'x-real-ip', 'forwarded', 'true-client-ip'])
			expect(isLocalClient(fakeEvent('192.0.2.2', { [h]: h === 'forwarded' ? 'for=127.0.0.1' : '127.0.0.1' }), {}), h).toBe(false);
		// ADDRESS_HEADER set, the server reachable directly: the header says loopback, the socket does not
		const behind = { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' };
		expect(isLocalClient(fakeEvent('192.0.2.2', { 'x-forwarded-for': '127.0.0.1' }, behind), behind)).toBe(false);
	});

	it('behind a proxy on this machine, the client the proxy names decides, and a forged entry cannot pass', () => {
		// no ADDRESS_HEADER: a forwarded request's client is unknown, refused (the socket is the proxy's loopback)
		expect(isLocalClient(fakeEvent('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), {})).toBe(false);
		expect(isLocalClient(fakeEvent('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }), {})).toBe(false);
		// ADDRESS_HEADER: the entry the proxy appended (the real client) decides; the client's own forged entry is ignored
		const behind = { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' };
		expect(isLocalClient(fakeEvent('127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' }, behind), behind)).toBe(false);
		expect(isLocalClient(fakeEvent('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }, behind), behind)).toBe(true);
		// the header missing: not from the proxy the server knows
		expect(isLocalClient(fakeEvent('127.0.0.1', {}, behind), behind)).toBe(false);
	});

	it('the hook answers 404 to every /dev route for a client on the network, before the route runs', async () => {
		let ran = 0;
		const resolve = (() => {
			ran++;
			return new Response('ok');
		}) as unknown as Parameters<Handle>[0]['resolve'];
		for (const id of ['/dev/sms', '/dev/clock', '/dev/anything-added-later']) {
			const res = await devPagesLocalOnly({ event: fakeEvent('192.0.2.2', {}, {}, id) as unknown as Parameters<Handle>[0]['event'], resolve });
			expect(res.status, id).toBe(404);
			expect(await res.text()).not.toContain('ok');
		}
		expect(ran).toBe(0);
		expect((await devPagesLocalOnly({ event: fakeEvent('127.0.0.1') as unknown as Parameters<Handle>[0]['event'], resolve })).status).toBe(200);
		// other routes are not this hook's business
		expect((await devPagesLocalOnly({ event: fakeEvent('192.0.2.2', {}, {}, '/login') as unknown as Parameters<Handle>[0]['event'], resolve })).status).toBe(
			200
		);
	});
});

describe('listening address', () => {
	const c = (env: Record<string, string>) => parseConfig(env);
	it('is this machine only while the SMS outbox or the test clock is on, unless HOST says otherwise', () => {
		expect(listenHost({}, c({}))).toEqual({ host: '127.0.0.1', devPages: true });
		expect(listenHost({}, c({ SMS_PROVIDER: 'outbox' })).host).toBe('127.0.0.1');
		const twilio = { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+15005550006' };
		expect(listenHost({}, c(twilio))).toEqual({ host: '0.0.0.0', devPages: false });
		expect(listenHost({}, c({ ...twilio, DEV_CLOCK: 'true' })).host).toBe('127.0.0.1');
		expect(listenHost({ HOST: '0.0.0.0' }, c({}))).toEqual({ host: '0.0.0.0', devPages: true });
		expect(listenHost({ HOST: '::' }, c(twilio)).host).toBe('::');
		expect(listenHost({ HOST: '' }, c({})).host).toBe('127.0.0.1');
	});
});
