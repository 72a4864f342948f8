/**
 * Accounts and sessions made with the app's own functions on the worker's database, for tests whose subject is not
 * registration, log-in or staff sign-in: a signed-in page in milliseconds instead of a walk through the forms (those
 * walks keep their own tests in 1-register, 2-auth and 11-staff).
 */
import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { db, schema } from '../../src/server/db';
import { now } from '../../src/server/clock';
import { generateToken } from '../../src/server/auth/tokens';
import { hashPassword } from '../../src/server/auth/password';
import { createSession, SESSION_COOKIE } from '../../src/server/auth/session';
import { TERMS_VERSION } from '../../src/server/accounts/registration';
import { createStaffSession, STAFF_COOKIE } from '../../src/server/staff/session';
import { staffCli } from '../../scripts/lib/cli/staff';
import type { StaffRole } from '../../src/server/db/schema';
import { PASSWORD, hydrated, nextPhone, type Person } from './helpers';
import { workerApp } from './worker-app';

let passwordHash: Promise<string> | undefined;

/**
 * The person's account, as registration leaves it (the password is PASSWORD, the mobile a new number, proven now);
 * an account that already exists is kept as it is. Returns the account's id and mobile number.
 */
export async function accountFor(p: Pick<Person, 'id'>): Promise<{ userId: string; phone: string }> {
	const existing = db()
		.select({ id: schema.users.id, phone: schema.users.phone, closedAt: schema.users.closedAt })
		.from(schema.users)
		.where(eq(schema.users.nationalId, p.id))
		.get();
	if (existing && !existing.closedAt) return { userId: existing.id, phone: existing.phone };
	passwordHash ??= hashPassword(PASSWORD);
	const t = now();
	const phone = nextPhone();
	const account = {
		nationalId: p.id,
		phone,
		passwordHash: await passwordHash,
		phoneVerifiedAt: t,
		termsVersion: TERMS_VERSION,
		termsAcceptedAt: t,
		locale: 'th' as const,
		passwordChangedAt: t,
		createdAt: t,
		closedAt: null,
		seenPeriod: null
	};
	const userId = existing?.id ?? generateToken();
	if (existing) db().update(schema.users).set(account).where(eq(schema.users.id, userId)).run();
	else
		db()
			.insert(schema.users)
			.values({ id: userId, ...account })
			.run();
	return { userId, phone };
}

/**
 * Sign the person in on this page's browser context, and open the dashboard, where log-in leaves a citizen, its scripts
 * running: their account (made if need be) and a new session cookie. Returns the mobile number.
 */
export async function signIn(page: Page, p: Pick<Person, 'id'>): Promise<string> {
	const { userId, phone } = await accountFor(p);
	const { token, session } = createSession(userId, { ip: '127.0.0.1', userAgent: 'e2e fixture' });
	await page
		.context()
		.addCookies([{ name: SESSION_COOKIE, value: token, url: workerApp().url, httpOnly: true, sameSite: 'Lax', expires: Math.floor(session.expiresAt / 1000) }]);
	await page.goto('/dashboard');
	await hydrated(page);
	return phone;
}

let staffSeq = 0;

/**
 * A staff member of the role, signed in on this page's browser context: the account made by the staff CLI's own code
 * (`extra` are its options, e.g. --centre), activated as its link would leave it (password, mobile), and a session.
 * For tests whose subject is what staff see and may do; activation and the two-step sign-in are 11-staff's subject.
 */
export async function staffSignedIn(page: Page, role: StaffRole, extra: string[] = []): Promise<{ username: string; phone: string }> {
	const username = `${role}.direct.${process.pid}.${++staffSeq}`;
	const r = staffCli(['create', '--role', role, '--username', username, '--first', 'สมศรี', '--last', `ทดสอบ${staffSeq}`, ...extra]);
	if (r.code !== 0) throw new Error(`staff:create failed: ${r.stderr}`);
	passwordHash ??= hashPassword(PASSWORD);
	const phone = nextPhone();
	const row = db()
		.update(schema.staffUsers)
		.set({ passwordHash: await passwordHash, phone, activatedAt: now(), activationHash: null, activationExpiresAt: null })
		.where(eq(schema.staffUsers.username, username))
		.returning({ id: schema.staffUsers.id })
		.get()!;
	const { token, expiresAt } = createStaffSession(row.id, { ip: '127.0.0.1', userAgent: 'e2e fixture' });
	await page
		.context()
		.addCookies([
			{ name: STAFF_COOKIE, value: token, domain: 'localhost', path: '/staff', httpOnly: true, sameSite: 'Strict', expires: Math.floor(expiresAt / 1000) }
		]);
	return { username, phone };
}
