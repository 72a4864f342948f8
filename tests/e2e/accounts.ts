/**
 * Signed-in browser contexts for tests whose subject is not registration, log-in or staff sign-in: the session made
 * with the app's own functions (../support/sessions.ts) and set as a cookie, instead of a walk through the forms.
 */
import type { Page } from '@playwright/test';
import { SESSION_COOKIE } from '../../src/server/auth/session';
import { STAFF_COOKIE } from '../../src/server/staff/session';
import type { StaffRole } from '../../src/server/db/schema';
import { sessionFor, staffSessionFor } from '../support/sessions';
import type { Person } from '../support/people';
import { hydrated } from './helpers';
import { workerApp } from './worker-app';

export { accountFor } from '../support/sessions';

/**
 * Sign the person in on this page's browser context, and open the dashboard, where log-in leaves a citizen, its scripts
 * running: their account (made if need be) and a new session cookie. Returns the mobile number.
 */
export async function signIn(page: Page, p: Pick<Person, 'id'>): Promise<string> {
	const { token, expiresAt, phone } = await sessionFor(p);
	await page
		.context()
		.addCookies([{ name: SESSION_COOKIE, value: token, url: workerApp().url, httpOnly: true, sameSite: 'Lax', expires: Math.floor(expiresAt / 1000) }]);
	await page.goto('/dashboard');
	await hydrated(page);
	return phone;
}

/** A staff member of the role, signed in on this page's browser context (../support/sessions.ts staffSessionFor). */
export async function staffSignedIn(page: Page, role: StaffRole, extra: string[] = []): Promise<{ username: string; phone: string }> {
	const { token, expiresAt, username, phone } = await staffSessionFor(role, extra);
	await page
		.context()
		.addCookies([
			{ name: STAFF_COOKIE, value: token, domain: 'localhost', path: '/staff', httpOnly: true, sameSite: 'Strict', expires: Math.floor(expiresAt / 1000) }
		]);
	return { username, phone };
}
