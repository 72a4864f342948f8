import { describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { answerInKioskFrame, framableBy, inKioskFrame, kioskMeta, partitioned } from './kiosk';
import { securityHeaders, STATIC_CSP } from './headers';

const SHELL = 'isolated-app://yipjgzbqif3dztwkxgj2kmfrqiogp6kmed36fxdt4fdqe3ooprxaaaic';

/** A response as scripts/http.ts has it: headers set one by one, then writeHead. */
function response(): http.ServerResponse {
	return new http.ServerResponse(new http.IncomingMessage(new net.Socket()));
}

describe('the portal framed by a kiosk shell', () => {
	it('knows a request from inside the shell’s frame: its cross-site frame navigation, or a fetch or frame carrying the marker', () => {
		expect(inKioskFrame({ 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'cross-site' }, [SHELL])).toBe(true);
		expect(inKioskFrame({ 'sec-fetch-dest': 'empty', cookie: 'a=b; __Host-prakan_kiosk=1' }, [SHELL])).toBe(true);
		// a frame of the portal's own site is not a shell; an ordinary tab has no marker; a sibling host cannot set a
		// __Host- cookie, so a plain one does not count
		expect(inKioskFrame({ 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'same-site' }, [SHELL])).toBe(false);
		expect(inKioskFrame({ 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'same-origin' }, [SHELL])).toBe(false);
		expect(inKioskFrame({ 'sec-fetch-dest': 'document', cookie: '__Host-prakan_kiosk=1' }, [SHELL])).toBe(false);
		expect(inKioskFrame({ 'sec-fetch-dest': 'empty', cookie: 'prakan_kiosk=1; __Host-prakan_kiosk=10' }, [SHELL])).toBe(false);
		expect(inKioskFrame({ 'sec-fetch-dest': 'script', cookie: '__Host-prakan_kiosk=1' }, [SHELL])).toBe(false);
		expect(inKioskFrame({ 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'cross-site', cookie: '__Host-prakan_kiosk=1' }, [])).toBe(false);
	});

	it('keeps every cookie of a framed response to the shell’s partition, and marks the partition', () => {
		expect(partitioned('staff_session=abc; Path=/staff; HttpOnly; SameSite=Strict')).toBe(
			'staff_session=abc; Path=/staff; HttpOnly; SameSite=None; Secure; Partitioned'
		);
		expect(partitioned('a=1; Secure; samesite=lax; Partitioned')).toBe('a=1; SameSite=None; Secure; Partitioned');

		const MARKER = '__Host-prakan_kiosk=1; Path=/; HttpOnly; Max-Age=43200; SameSite=None; Secure; Partitioned';
		const res = response();
		answerInKioskFrame(res);
		res.setHeader('Set-Cookie', ['session=x; Path=/; HttpOnly; SameSite=Lax', 'device=y; Path=/; SameSite=Lax']);
		res.writeHead(303, { location: '/staff' });
		expect(res.getHeader('cross-origin-embedder-policy')).toBe('require-corp');
		expect(res.getHeader('cross-origin-resource-policy')).toBe('cross-origin');
		expect(res.getHeader('location')).toBe('/staff');
		// the framed answer differs from an ordinary tab's at the same address: no shared cache keeps it
		expect(res.getHeader('cache-control')).toBe('private, no-store');
		expect(res.getHeader('vary')).toBe('Sec-Fetch-Dest, Sec-Fetch-Site, Cookie');
		expect(res.getHeader('set-cookie')).toEqual([
			'session=x; Path=/; HttpOnly; SameSite=None; Secure; Partitioned',
			'device=y; Path=/; SameSite=None; Secure; Partitioned',
			MARKER
		]);

		// cookies handed to writeHead itself, as an object or as a flat list, are rewritten too
		const asObject = response();
		answerInKioskFrame(asObject);
		asObject.writeHead(200, { 'Set-Cookie': ['a=1; SameSite=Strict'], 'Content-Type': 'text/html' });
		expect(asObject.getHeader('set-cookie')).toEqual(['a=1; SameSite=None; Secure; Partitioned', MARKER]);
		expect(asObject.getHeader('content-type')).toBe('text/html');
		const asList = response();
		answerInKioskFrame(asList);
		asList.writeHead(200, 'OK', ['Set-Cookie', 'b=2; SameSite=Lax', 'Content-Type', 'text/plain']);
		expect(asList.getHeader('set-cookie')).toEqual(['b=2; SameSite=None; Secure; Partitioned', MARKER]);
		expect(asList.statusMessage).toBe('OK');
	});

	it('lets only the configured shells frame the portal, and drops X-Frame-Options only then', () => {
		expect(framableBy(STATIC_CSP, [])).toBe(STATIC_CSP);
		expect(framableBy(STATIC_CSP, [SHELL, 'http://127.0.0.1:3111'])).toContain(`frame-ancestors ${SHELL} http://127.0.0.1:3111;`);
		expect(framableBy(STATIC_CSP, [SHELL])).not.toContain("frame-ancestors 'none'");
		const url = new URL('https://prakan.example/');
		expect(securityHeaders(url)).toContainEqual(['X-Frame-Options', 'DENY']);
		expect(securityHeaders(url, true).map(([n]) => n)).not.toContain('X-Frame-Options');
		expect(kioskMeta([])).toBe('');
		expect(kioskMeta([SHELL])).toBe(`<meta name="prakan-kiosk" content="${SHELL}" />`);
	});
});
