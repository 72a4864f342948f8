/**
 * Accounts and sessions made with the app's own functions on the server's database, for tests whose subject is not
 * registration, log-in or staff sign-in: a session in milliseconds instead of a walk through the forms (those walks
 * keep their own tests in register, login and staff). Used by the Playwright fixtures (tests/e2e/accounts.ts)
 * and the HTTP tests.
 */
import { eq } from 'drizzle-orm';
import { db, one, returned, schema, transaction } from '../../src/server/db';
import { now } from '../../src/server/clock';
import { generateToken } from '../../src/server/auth/tokens';
import { hashPassword } from '../../src/server/auth/password';
import { createSession } from '../../src/server/auth/session';
import { TERMS_VERSION } from '../../src/server/accounts/registration';
import { createStaffSession } from '../../src/server/staff/session';
import { staffCli } from '../../scripts/lib/cli/staff';
import type { StaffRole } from '../../src/server/db/schema';
import { PASSWORD, nextPhone, type Person } from './people';

let passwordHash: Promise<string> | undefined;

/**
 * The person's account, as registration leaves it (the password is PASSWORD, the mobile a new number, proven now);
 * an account that already exists is kept as it is. Returns the account's id and mobile number.
 */
export async function accountFor(p: Pick<Person, 'id'>): Promise<{ userId: string; phone: string }> {
	const existing = await one(
		db().select({ id: schema.users.id, phone: schema.users.phone, closedAt: schema.users.closedAt }).from(schema.users).where(eq(schema.users.nationalId, p.id))
	);
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
	if (existing) await transaction((tx) => tx.update(schema.users).set(account).where(eq(schema.users.id, userId)));
	else await transaction((tx) => tx.insert(schema.users).values({ id: userId, ...account }));
	return { userId, phone };
}

/** A new session for the person (their account made if need be): the cookie's value and when it expires. */
export async function sessionFor(p: Pick<Person, 'id'>): Promise<{ token: string; expiresAt: number; phone: string }> {
	const { userId, phone } = await accountFor(p);
	const { token, session } = await createSession(userId, { ip: '127.0.0.1', userAgent: 'test fixture' });
	return { token, expiresAt: session.expiresAt, phone };
}

export type Role = StaffRole;
/** the service centre the officers of the tests work at */
export const CENTRE = 'ศูนย์บริการร่วมกระทรวงแรงงาน ดินแดง';

let staffSeq = 0;

/**
 * `npm run staff:create`, as an administrator runs it (the CLI's code, called in this process on the server's
 * database); returns the username and the printed activation link's path. `label` goes into the username.
 */
export async function createStaff(role: StaffRole, extra: string[], label = ''): Promise<{ username: string; link: string }> {
	const username = `${role}.${label ? `${label}.` : ''}${process.pid}.${++staffSeq}`;
	const r = await staffCli(['create', '--role', role, '--username', username, '--first', 'สมศรี', '--last', `ทดสอบ${staffSeq}`, ...extra]);
	if (r.code !== 0) throw new Error(`staff:create failed: ${r.stderr}`);
	const link = r.stdout.match(/https?:\/\/[^/\s]+(\/staff\/activate\/\S+)/)![1]!;
	return { username, link };
}

/**
 * A staff member of the role with a session: the account made by createStaff (`extra` are the CLI's options, e.g.
 * --centre), activated as its link would leave it (password, mobile). Activation and the two-step sign-in are
 * staff's subject.
 */
export async function staffSessionFor(role: StaffRole, extra: string[] = []): Promise<{ token: string; expiresAt: number; username: string; phone: string }> {
	// a longer username than the activated accounts': the administrator's lookups table is then wide enough to scroll
	const { username } = await createStaff(role, extra, 'direct');
	passwordHash ??= hashPassword(PASSWORD);
	const hash = await passwordHash;
	const phone = nextPhone();
	const row = await transaction((tx) =>
		returned(
			tx
				.update(schema.staffUsers)
				.set({ passwordHash: hash, phone, activatedAt: now(), activationHash: null, activationExpiresAt: null })
				.where(eq(schema.staffUsers.username, username))
				.returning({ id: schema.staffUsers.id })
		)
	);
	const { token, expiresAt } = (await createStaffSession(row.id, { ip: '127.0.0.1', userAgent: 'test fixture' }, hash))!;
	return { token, expiresAt, username, phone };
}
