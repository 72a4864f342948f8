import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeRedirect, tryAgainAt, secureCookies, isLocalHost, setSecurityHeaders, readAtMost } from './web';
import { ipKey } from './auth/rate-limit';

describe('safeRedirect', () => {
	it.each(['/dashboard', '/dashboard?tab=1#x', '/register/details'])('keeps the same-site path %s', (p) => {
		expect(safeRedirect(p, '/home')).toBe(p);
	});
	it.each([
		'//evil.com',
		'/\\evil.com',
		'/\t/evil.com',
		'/%09/evil.com'.replace('%09', '\t'),
		'/\n/evil.com',
		'https://evil.com',
		'evil.com',
		'',
		null,
		undefined,
		'/\\/evil.com'
	])('refuses %j', (p) => {
		expect(safeRedirect(p, '/home')).toBe('/home');
	});
	// each spelling a browser resolves to another host (a path starting "//" or "/\\" after dot segments are removed,
	// percent-encoded dots decoded, tabs and newlines dropped, backslashes read as slashes)
	it.each([
		'/.//evil.example/phish',
		'/%2e%2e//evil.example',
		'/%2E%2E//evil.example',
		'/%2e//evil.example',
		'/a/..//evil.example',
		'/a/%2e%2e//evil.example',
		'/./\\evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'/\t\\evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'/.\t//evil.example',
		'/.\\/evil.example',
		'/a/..\\\\evil.example',
		'/..//evil.example',
		'/../..//evil.example'
	])('refuses %j, which resolves to another host', (p) => {
		expect(safeRedirect(p, '/home')).toBe('/home');
	});
	it.each([
		['/%5Cevil.example', '/%5Cevil.example'],
		['/%5c%5cevil.example', '/%5c%5cevil.example'],
		['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
		['/a/../dashboard', '/dashboard'],
		['/./dashboard?x=1#y', '/dashboard?x=1#y'],
		['/dash\tboard', '/dashboard'],
		['/dashboard?next=//evil.example', '/dashboard?next=//evil.example']
	])('keeps %j as the same-site path %j', (p, out) => {
		expect(safeRedirect(p, '/home')).toBe(out);
	});
	it('answers a path that stays on this site whatever the origin it is resolved against', () => {
		for (const p of ['/.//evil.example/phish', '/%5Cevil.example', '/%2e%2e//x', '/a/..//x', '/\\x', '/%5Cx', '/\t/x', '/\n/x', '/a/../b']) {
			const out = safeRedirect(p, '/home');
			expect(out.startsWith('/') && !out.startsWith('//') && !out.startsWith('/\\')).toBe(true);
			for (const base of ['https://prakan.example/login?redirectTo=x', 'http://localhost:3000/language'])
				expect(new URL(out, base).origin).toBe(new URL(base).origin);
		}
	});
	it('does not decode an encoded tab into a scheme-relative URL', () => {
		expect(safeRedirect('/%09/evil.com', '/home')).toBe('/%09/evil.com'); // stays a path on this site
		expect(new URL(safeRedirect('/%09/evil.com', '/home'), 'https://prakan.example').host).toBe('prakan.example');
	});
});

describe('ipKey', () => {
	it('keeps IPv4 whole, IPv4-mapped IPv6 as IPv4, and IPv6 by /64', () => {
		expect(ipKey('203.0.113.9')).toBe('203.0.113.9');
		expect(ipKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
		expect(ipKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(ipKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
		expect(ipKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(ipKey('::1')).toBe('0:0:0:0::/64');
	});
});

describe('tryAgainAt', () => {
	afterEach(() => {
		vi.useRealTimers();
	});
	it('gives the time when the window ends today (Bangkok), and the date too when it ends on another day', () => {
		vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 26, 3, 10) }); // 10:10 in Bangkok
		expect(tryAgainAt(Date.UTC(2026, 10, 26, 4, 0), 'th')).toEqual({ key: 'err_rate_limited', params: { time: '11:00' } });
		expect(tryAgainAt(Date.UTC(2026, 10, 27, 0, 0), 'th')).toEqual({ key: 'err_rate_limited_day', params: { date: '27 พ.ย. 2569', time: '07:00' } });
		expect(tryAgainAt(Date.UTC(2026, 10, 27, 0, 0), 'en')).toMatchObject({ key: 'err_rate_limited_day', params: { time: '07:00' } });
	});
});

describe('cookies and transport', () => {
	it('keeps plain http for localhost only: Secure cookies for any other host, even if it came over http', () => {
		expect(isLocalHost(new URL('http://localhost:3000/'))).toBe(true);
		expect(isLocalHost(new URL('http://127.0.0.1:3000/'))).toBe(true);
		expect(secureCookies(new URL('http://localhost:3000/'))).toBe(false);
		expect(secureCookies(new URL('https://localhost/'))).toBe(true);
		expect(secureCookies(new URL('http://prakan.example/'))).toBe(true);
		expect(secureCookies(new URL('https://prakan.example/'))).toBe(true);
	});
	it('sends HSTS on any host but localhost, and allows only WebUSB for this origin', () => {
		const local = new Headers();
		setSecurityHeaders(local, new URL('http://localhost:3000/'));
		expect(local.get('strict-transport-security')).toBeNull();
		const prod = new Headers();
		setSecurityHeaders(prod, new URL('https://prakan.example/dashboard'));
		expect(prod.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
		expect(prod.get('permissions-policy')).toMatch(/^usb=\(self\)(, [a-z-]+=\(\))+$/);
		expect(prod.get('x-content-type-options')).toBe('nosniff');
		expect(prod.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(prod.get('x-frame-options')).toBe('DENY');
	});
});

describe('readAtMost (the 1 MiB cap on every body but the employer file)', () => {
	const chunked = (parts: number, size: number) =>
		new Request('http://localhost/login', {
			method: 'POST',
			body: new ReadableStream({
				start(c) {
					for (let i = 0; i < parts; i++) c.enqueue(new Uint8Array(size).fill(97));
					c.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);

	it('reads a body without a declared length up to the cap', async () => {
		expect((await readAtMost(chunked(3, 1000), 4096)).length).toBe(3000);
		expect(new TextDecoder().decode(await readAtMost(new Request('http://x/', { method: 'POST', body: 'a=1&b=2' }), 4096))).toBe('a=1&b=2');
	});
	it('answers 413 once a chunked body passes the cap', async () => {
		await expect(readAtMost(chunked(20, 100_000), 1024 * 1024)).rejects.toMatchObject({ status: 413 });
	});
});
