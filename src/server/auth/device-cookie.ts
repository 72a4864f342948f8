/**
 * The device cookie (NIST SP 800-63B §5.2.2): a random id, HMAC-signed with the server's secret, set when a browser
 * signs in (citizens and staff) and kept a year. A browser that signed in to an account before keeps its own count of
 * wrong passwords for that account (src/server/limits.ts), so an attacker elsewhere cannot lock the owner out.
 * The signature only says the server made the id; whether it signed in to a given account is a row in `login_devices`.
 */
import crypto from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { generateToken } from './tokens';

export const DEVICE_COOKIE = 'device';

/**
 * Over HTTPS the cookie is `__Host-device`: the browser takes that name only from this host itself (Secure, path /, no
 * Domain), so a sibling subdomain cannot plant an id it knows into a citizen's browser and then guess under the
 * citizen's own device count. Plain-http localhost (development) keeps the plain name.
 */
export function deviceCookieName(secure: boolean): string {
	return secure ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
}
export const DEVICE_COOKIE_DAYS = 365;

function mac(id: string): string {
	return crypto.createHmac('sha256', config().secretKey).update(`device:${id}`).digest('base64url');
}

export function newDeviceId(): string {
	return generateToken();
}

/** The cookie's value: the id and its signature. */
export function signDevice(id: string): string {
	return `${id}.${mac(id)}`;
}

/** The id of a cookie the server signed, or null (missing, malformed, forged). */
export function verifyDevice(value: string | undefined | null): string | null {
	if (!value || value.length > 128) return null;
	const dot = value.lastIndexOf('.');
	if (dot <= 0) return null;
	const id = value.slice(0, dot);
	const given = Buffer.from(value.slice(dot + 1));
	const want = Buffer.from(mac(id));
	return given.length === want.length && crypto.timingSafeEqual(given, want) ? id : null;
}

export function readDeviceCookie(cookies: Pick<Cookies, 'get'>, secure: boolean): string | null {
	return verifyDevice(cookies.get(deviceCookieName(secure)));
}

/** Path `/` so the staff pages (`/staff`) see it too; Lax like the session cookie; a year from each sign-in. */
export function setDeviceCookie(cookies: Pick<Cookies, 'set'>, id: string, secure: boolean): void {
	cookies.set(deviceCookieName(secure), signDevice(id), { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: DEVICE_COOKIE_DAYS * 86_400 });
}
