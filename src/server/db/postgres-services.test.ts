/**
 * The services on a real PostgreSQL, through the same code as on SQLite (transaction(), db(), schema): sign-up, sign-in
 * and sessions, limits, applications and leases, with the concurrency each must survive. Skipped with the reason
 * where PostgreSQL is not installed; CI installs it and never skips (REQUIRE_POSTGRES).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { desc, eq } from 'drizzle-orm';
import { startPostgres } from '../../../tests/support/postgres';
import { resetConfigForTests } from '../config';
import { setClockOffset } from '../clock';
import { setSmsSenderForTests } from '../sms';
import { afterCommit, db, engine, one, schema, transaction, usePostgresForTests } from '.';
import { completeRegistration, submitDetails, TERMS_VERSION } from '../accounts/registration';
import { login } from '../accounts/login';
import { changePassword } from '../accounts/account';
import { createSession, validateSessionToken } from '../auth/session';
import { take } from '../limits';
import { takeLease } from '../lease';
import { createApplication } from '../applications/store';
import { audit } from '../audit';

const cluster = await startPostgres();
const skipped = 'skipped' in cluster ? cluster.skipped : null;
if (skipped && process.env.REQUIRE_POSTGRES) throw new Error(`PostgreSQL is required here: ${skipped}`);
if (skipped) console.warn(`PostgreSQL service tests skipped: ${skipped}`);

const ID = '1103700123458';
const PASSWORD = 'ม้าลาย กินหญ้า';

describe.skipIf(!!skipped)('the services on PostgreSQL', () => {
	let close: () => Promise<void>;
	beforeAll(async () => {
		const url = 'url' in cluster ? cluster.url : '';
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query('CREATE DATABASE services');
		await admin.end();
		resetConfigForTests({ DATABASE_PATH: ':memory:' });
		setClockOffset(0);
		setSmsSenderForTests(undefined);
		close = await usePostgresForTests(url.replace(/\/postgres$/, '/services'));
		await transaction((tx) =>
			tx.insert(schema.persons).values({
				nationalId: ID,
				titleTh: 'นาย',
				firstNameTh: 'สมชาย',
				lastNameTh: 'ใจดี',
				titleEn: 'Mr.',
				firstNameEn: 'Somchai',
				lastNameEn: 'Jaidee',
				birthDate: '1985-03-27',
				gender: 'M'
			})
		);
	}, 30_000);
	afterAll(async () => {
		await close?.();
		if ('stop' in cluster) cluster.stop();
	});

	const lastCode = async (phone: string) => {
		const row = await one(
			db().select({ body: schema.smsOutbox.body }).from(schema.smsOutbox).where(eq(schema.smsOutbox.toPhone, phone)).orderBy(desc(schema.smsOutbox.id))
		);
		return row!.body.match(/(?<!\d)(\d{6})(?!\d)/)![1]!;
	};

	it('runs on PostgreSQL', () => {
		expect(engine()).toBe('postgres');
	});

	it('registration, sign-in and the session; a session is not made after the password changed meanwhile', async () => {
		const draft = { terms: { version: TERMS_VERSION, acceptedAt: 1 } };
		const details = {
			nationalId: ID,
			firstName: 'สมชาย',
			lastName: 'ใจดี',
			birthDay: '27',
			birthMonth: '3',
			birthYear: '2528',
			phone: '0812345678',
			password: PASSWORD,
			passwordConfirm: PASSWORD
		};
		const r = await submitDetails(draft, details, { ip: '10.0.0.1', locale: 'th' });
		if (!r.ok) throw new Error(JSON.stringify(r));
		const code = await lastCode('0812345678');
		// the code sent twice at once (a double click): one account
		const both = await Promise.all([completeRegistration(r.draft, code, { ip: null }), completeRegistration(r.draft, code, { ip: null })]);
		expect(both.filter((x) => x.ok)).toHaveLength(1);
		expect(await db().select().from(schema.users)).toHaveLength(1);
		expect(await submitDetails(draft, details, { ip: '10.0.0.1', locale: 'th' })).toEqual({ ok: false, reason: 'already_registered' });

		const signedIn = await login(ID, PASSWORD, { ip: '10.0.0.2' });
		if (!signedIn.ok) throw new Error(JSON.stringify(signedIn));
		const s = await createSession(signedIn.userId, {}, signedIn.passwordHash);
		expect((await validateSessionToken(s!.token)).user?.nationalId).toBe(ID);
		expect(await login(ID, 'wrong password here', { ip: '10.0.0.2' })).toEqual({ ok: false, reason: 'invalid' });

		const changed = await changePassword(
			{ userId: signedIn.userId, nationalId: ID, ip: null },
			{ current: PASSWORD, password: 'ช้างเดินทุ่ง ยาวไกล', passwordConfirm: 'ช้างเดินทุ่ง ยาวไกล' },
			'th'
		);
		expect(changed).toEqual({ ok: true });
		expect((await validateSessionToken(s!.token)).session).toBeNull();
		expect(await createSession(signedIn.userId, {}, signedIn.passwordHash)).toBeNull();
	}, 30_000);

	it('a limit is never passed by requests at the same moment (serializable, retried)', async () => {
		const who = { ip: '192.0.2.7' };
		const answers = await Promise.all(Array.from({ length: 30 }, () => take('reset_start', who)));
		expect(answers.filter((a) => a.ok)).toHaveLength(20); // RESET_IP_PER_HOUR
		const [row] = await db().select().from(schema.rateLimits).where(eq(schema.rateLimits.key, 'reset:lookup:192.0.2.7'));
		expect(row!.count).toBe(20);
	});

	it('read, wait, write from many requests at once loses no update', async () => {
		const read = async () =>
			(await one(db().select({ n: schema.rateLimits.count }).from(schema.rateLimits).where(eq(schema.rateLimits.key, 'counter'))))?.n ?? 0;
		const increment = () =>
			transaction(async (tx) => {
				const n = await read();
				await new Promise((r) => setTimeout(r, 2));
				await tx
					.insert(schema.rateLimits)
					.values({ key: 'counter', windowStart: 0, count: n + 1 })
					.onConflictDoUpdate({ target: [schema.rateLimits.key, schema.rateLimits.windowStart], set: { count: n + 1 } });
			});
		await Promise.all(Array.from({ length: 12 }, increment));
		expect(await read()).toBe(12);
	}, 30_000);

	it('an application sent five times at once with one key is made once', async () => {
		const user = (await one(db().select({ id: schema.users.id }).from(schema.users)))!;
		const send = () =>
			createApplication('hospital', { userId: user.id, nationalId: ID, key: 'same-attempt', answers: {}, today: '2026-12-01', ip: null }, async () => ({
				ok: true,
				outcome: { autoApprove: true }
			}));
		const results = await Promise.all(Array.from({ length: 5 }, send));
		expect(results.every((r) => r.ok)).toBe(true);
		expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
		expect(new Set(results.map((r) => (r.ok ? r.app.ref : null))).size).toBe(1);
		expect(await db().select().from(schema.applications)).toHaveLength(1);
		expect(await db().select().from(schema.applicationEvents)).toHaveLength(1);
	}, 30_000);

	it('one holder of a lease, whoever asks at the same moment', async () => {
		const got = await Promise.all(['a', 'b', 'c', 'd'].map((h) => takeLease('job', 60_000, h)));
		expect(got.filter(Boolean)).toHaveLength(1);
	});

	it('a joined call in a savepoint, nothing kept of a failed transaction, texts only after a commit', async () => {
		const told: boolean[] = [];
		await expect(
			transaction(async () => {
				await audit({ actor: 'test', action: 'kept.no' });
				afterCommit((c) => told.push(c));
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		await transaction(async () => {
			await audit({ actor: 'test', action: 'kept.yes' });
			await expect(
				transaction(async () => {
					await audit({ actor: 'test', action: 'undone' });
					throw new Error('inner');
				})
			).rejects.toThrow('inner');
			afterCommit((c) => told.push(c));
			expect(told).toEqual([false]);
		});
		expect(told).toEqual([false, true]);
		const actions = (await db().select({ a: schema.auditLog.action }).from(schema.auditLog).where(eq(schema.auditLog.actor, 'test'))).map((r) => r.a);
		expect(actions).toEqual(['kept.yes']);
	});
});
