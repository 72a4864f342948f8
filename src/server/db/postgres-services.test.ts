/**
 * The services on a real PostgreSQL, through the same code as on SQLite (transaction(), db(), schema): sign-up, sign-in
 * and sessions, limits, applications and leases, with the concurrency each must survive. Skipped with the reason
 * where PostgreSQL is not installed; CI installs it and never skips (REQUIRE_POSTGRES).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import pg from 'pg';
import { createDatabase, postgresForTests } from '../../../tests/support/postgres';
import { resetConfigForTests } from '../config';
import { setClockOffset } from '../clock';
import { setSmsSenderForTests } from '../sms';
import { countingQueries } from './query-count';
import { afterCommit, db, engine, one, readTogether, schema, transaction, usePostgresForTests } from '.';
import { loadRecords } from '../registry/records';
import { completeRegistration, submitDetails, TERMS_VERSION } from '../accounts/registration';
import { login } from '../accounts/login';
import { changePassword, securityEvents } from '../accounts/account';
import { profileRecords } from '../accounts/profile';
import { listDevices } from '../auth/devices';
import { lookupsOf } from '../staff/lookups';
import { createSession, validateSessionToken } from '../auth/session';
import { take } from '../limits';
import { takeLease } from '../lease';
import { createApplication } from '../applications/store';
import { audit } from '../audit';
import { confirm, employerByAccount, upload } from '../employers/submissions';
import { april2565, SEED_FIGURES } from '../../../tests/fixtures/sso110';
import { encodeFile } from '$lib/employers/sso110';
import { applyPayment, ref2Of } from '../applications/section40/payment';
import { config } from '../config';
import { isoDateInBangkok } from '$lib/format/date';

const { pg: cluster, skipped } = await postgresForTests('PostgreSQL service tests');

const ID = '1103700123458';
const PASSWORD = 'ม้าลาย กินหญ้า';

describe.skipIf(!!skipped)('the services on PostgreSQL', () => {
	let close: () => Promise<void>;
	let url: string;
	beforeAll(async () => {
		url = await createDatabase(cluster!, 'services');
		resetConfigForTests({ DATABASE_PATH: ':memory:' });
		setClockOffset(0);
		setSmsSenderForTests(undefined);
		// counting statements costs nothing outside countingQueries (the COUNT_QUERIES test below)
		close = await usePostgresForTests(url, { countQueries: true });
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
		cluster?.stop();
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

	it('a limit is never passed by requests at the same moment, and none of them fails on the shared row', async () => {
		const who = { ip: '192.0.2.7' };
		const answers = await Promise.all(Array.from({ length: 60 }, () => take('reset_start', who)));
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

	it('forty applications of one kind sent at the same instant are all made, numbered one after another with no number twice', async () => {
		const user = (await one(db().select({ id: schema.users.id }).from(schema.users)))!;
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				createApplication('unemployment', { userId: user.id, nationalId: ID, key: `burst-${i}`, answers: {}, today: '2026-12-01', ip: null }, async () => ({
					ok: true,
					outcome: {}
				}))
			)
		);
		expect(results.every((r) => r.ok && r.created)).toBe(true);
		const numbers = results.map((r) => (r.ok ? Number(r.app.ref.slice(-6)) : 0)).sort((a, b) => a - b);
		expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => numbers[0]! + i));
	}, 60_000);

	/** Another program's transaction holding audit_log against writes (EXCLUSIVE: reads go on), until it commits. */
	async function auditLogLocked(): Promise<pg.Client> {
		const other = new pg.Client({ connectionString: url });
		await other.connect();
		await other.query('BEGIN');
		await other.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
		return other;
	}

	it('a write waits up to 5 s for a lock another program holds, as on SQLite, then fails and writes nothing; reads go on meanwhile', async () => {
		const other = await auditLogLocked();
		try {
			const t = Date.now();
			const write = transaction(() => audit({ actor: 'lock-test', action: 'fault.lock.timeout', subject: ID }));
			// a read of the locked table is not held up
			expect(await db().select().from(schema.auditLog).where(eq(schema.auditLog.action, 'fault.lock.timeout'))).toEqual([]);
			expect(Date.now() - t).toBeLessThan(1000);
			await expect(write).rejects.toThrow();
			expect(Date.now() - t).toBeGreaterThanOrEqual(4900);
			expect(Date.now() - t).toBeLessThan(8000);
			await other.query('COMMIT');
			expect(await db().select().from(schema.auditLog).where(eq(schema.auditLog.action, 'fault.lock.timeout'))).toEqual([]);
			// and once the lock is gone the same write goes through
			await transaction(() => audit({ actor: 'lock-test', action: 'fault.lock.timeout', subject: ID }));
			expect(await db().select().from(schema.auditLog).where(eq(schema.auditLog.action, 'fault.lock.timeout'))).toHaveLength(1);
		} finally {
			await other.end();
		}
	}, 20_000);

	it('a write that asks for it (lockWaitMs) waits longer for a lock: held for 5.5 s, waited for, then written', async () => {
		const other = await auditLogLocked();
		try {
			const released = new Promise((r) => setTimeout(r, 5_500)).then(() => other.query('COMMIT'));
			const t = Date.now();
			await transaction(() => audit({ actor: 'lock-test', action: 'fault.lock.longer', subject: ID }), { lockWaitMs: 10_000 });
			expect(Date.now() - t).toBeGreaterThanOrEqual(5_400);
			await released;
			expect(await db().select().from(schema.auditLog).where(eq(schema.auditLog.action, 'fault.lock.longer'))).toHaveLength(1);
		} finally {
			await other.end();
		}
	}, 20_000);

	it('COUNT_QUERIES counts every statement sent to the server (a round trip each): a read; a transaction with its BEGIN and COMMIT', async () => {
		const read = countingQueries(async () => await db().select().from(schema.persons).where(eq(schema.persons.nationalId, ID)));
		expect(await read.result).toHaveLength(1);
		const write = countingQueries(() => transaction((tx) => tx.update(schema.persons).set({ gender: 'M' }).where(eq(schema.persons.nationalId, ID))));
		await write.result;
		expect([read.counter.statements, write.counter.statements]).toEqual([1, 3]);
	});

	it('a records page is one round trip: the person, coverages, jobs, contributions, hospitals, claims and applications in one statement, as SQLite reads them', async () => {
		// a section 40 member of their own, so the other tests' person stays as they expect
		const S40 = '3100100000017';
		const user = (await one(db().select({ id: schema.users.id }).from(schema.users)))!;
		await transaction(async (tx) => {
			await tx.insert(schema.persons).values({
				nationalId: S40,
				titleTh: 'นาง',
				firstNameTh: 'สมศรี',
				lastNameTh: 'มีสุข',
				titleEn: 'Mrs.',
				firstNameEn: 'Somsri',
				lastNameEn: 'Meesuk',
				birthDate: '1970-01-01',
				gender: 'F'
			});
			await tx.insert(schema.coverages).values({ personId: S40, section: 40, s40Option: 2, startDate: '2025-01-01', endDate: null, endReason: null });
			await tx.insert(schema.contributions).values(
				['2025-02', '2025-01'].map((period) => ({
					personId: S40,
					period,
					section: 40,
					employerId: null,
					payer: 'self',
					wageBaseSatang: 480_000,
					insuredSatang: 10_000,
					employerSatang: 0,
					governmentSatang: 5_000,
					paidDate: `${period}-15`
				}))
			);
			await tx.insert(schema.applications).values({
				ref: 'S40-2569-900001',
				kind: 'section40',
				personId: S40,
				userId: user.id,
				status: 'submitted',
				idempotencyKey: 'records-read',
				answers: '{}',
				outcome: '{}',
				submittedOn: '2026-11-30',
				createdAt: 1_796_000_000_000,
				updatedAt: 1_796_000_000_000
			});
		});
		const read = countingQueries(() => loadRecords(S40, '2026-12-01', { applications: true }));
		const r = await read.result;
		expect(read.counter.statements).toBe(1);
		expect(r.person.firstNameTh).toBe('สมศรี');
		expect(r.status.open).toMatchObject({ section: 40, s40Option: 2 });
		// bigint columns come back as numbers, in the index's order, priced with the month's option
		expect(r.lines.map((l) => [l.period, l.insuredSatang, l.employer, l.oldAgeSatang])).toEqual([
			['2025-01', 10_000, null, 5_000],
			['2025-02', 10_000, null, 5_000]
		]);
		expect(r.applications?.map((a) => [a.ref, a.createdAt])).toEqual([['S40-2569-900001', 1_796_000_000_000]]);
		// the same read a second time runs the statement PostgreSQL has already prepared on that connection
		const again = countingQueries(() => loadRecords(S40, '2026-12-01'));
		expect((await again.result).lines).toHaveLength(2);
		expect(again.counter.statements).toBe(1);
	});

	it('the profile page is one round trip: the account, its devices, its security events and the looks by staff in one statement, each as read alone', async () => {
		const user = (await one(db().select({ id: schema.users.id, nationalId: schema.users.nationalId }).from(schema.users)))!;
		const s = await createSession(user.id, { userAgent: 'Mozilla/5.0 (Linux; Android 13) Chrome/131.0.0.0 Mobile', ip: '10.0.0.1' });
		await audit({ actor: user.id, action: 'login.ok', subject: user.nationalId, ip: '10.0.0.1', detail: { newDevice: true, device: 'Chrome/Android' } });
		const read = countingQueries(() => profileRecords(user, s.session.id));
		const p = (await read.result)!;
		expect(read.counter.statements).toBe(1);
		expect(p.devices).toEqual(await listDevices(user.id, s.session.id));
		expect(p.devices.find((d) => d.current)).toMatchObject({ browser: 'Chrome', os: 'Android' });
		expect(p.events).toEqual(await securityEvents(user.id, user.nationalId));
		expect(p.events[0]).toMatchObject({ action: 'login.ok', newDevice: true, device: 'Chrome/Android' });
		expect(typeof p.events[0]!.at).toBe('number');
		expect(p.lookups).toEqual((await lookupsOf(user.nationalId)).slice(0, 20));
		expect(p.account.createdAt).toBeTypeOf('number');
	});

	it('a read of several parts refuses two fields of one name in the database (their JSON would lose one)', async () => {
		const read = readTogether('twice', {
			names: (d) =>
				d
					.select({ a: schema.coverages.personId, b: schema.contributions.personId })
					.from(schema.coverages)
					.innerJoin(schema.contributions, eq(schema.contributions.personId, schema.coverages.personId))
		});
		await expect(read({})).rejects.toThrow('two fields are named');
	});

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

	it('an employer’s month: uploaded, checked against the registry, confirmed once, replaced with a new file', async () => {
		const { header, rows: lines } = april2565();
		await transaction(async (tx) => {
			await tx
				.insert(schema.employers)
				.values({ accountNo: SEED_FIGURES.account, branch: '000000', nameTh: 'มหาวิทยาลัย', nameEn: 'University', province: 'นครสวรรค์' });
			const e = (await employerByAccount(SEED_FIGURES.account, '000000'))!;
			const people = lines.map((r) => ({
				nationalId: r.nationalId,
				titleTh: 'นาย',
				firstNameTh: 'ทดสอบ',
				lastNameTh: 'ระบบ',
				titleEn: 'Mr.',
				firstNameEn: 'Test',
				lastNameEn: 'Person',
				birthDate: '1990-01-01',
				gender: 'M' as const
			}));
			await tx.insert(schema.persons).values(people).onConflictDoNothing();
			await tx
				.insert(schema.employments)
				.values(lines.map((r) => ({ personId: r.nationalId, employerId: e.id, startDate: '2000-01-01', monthlyWageSatang: 1_500_000 })));
		});
		const e = (await employerByAccount(SEED_FIGURES.account, '000000'))!;
		const send = async (text: string) =>
			upload({ employer: e, staffId: 'staff-1', fileName: 'april.txt', format: 'fixed', chunks: [new TextEncoder().encode(text)], today: '2026-11-26' });
		const first = await send(encodeFile(header, lines));
		expect(first).toEqual({ ok: true, id: expect.any(Number), persons: 669 });
		if (!first.ok) return;
		// confirmed twice at once (a double click): applied once, the same answer twice
		const [a, b] = await Promise.all([confirm(e.id, first.id, 'staff-1', false), confirm(e.id, first.id, 'staff-1', false)]);
		expect(a.ok && b.ok && a.submission.txnNo === b.submission.txnNo).toBe(true);
		const ledger = async () =>
			(
				await db()
					.select({ payer: schema.contributions.payer, ins: schema.contributions.insuredSatang, emp: schema.contributions.employerSatang })
					.from(schema.contributions)
					.where(eq(schema.contributions.period, '2022-04'))
			).reduce((t, r) => ({ n: t.n + 1, ins: t.ins + r.ins, emp: t.emp + r.emp }), { n: 0, ins: 0, emp: 0 });
		expect(await ledger()).toEqual({ n: 669, ins: SEED_FIGURES.employeeSatang, emp: SEED_FIGURES.employerSatang });

		// a person the employer never registered: the whole file is refused, nothing staged
		const stranger = { ...lines[0]!, nationalId: '1101700203451' };
		const refused = await send(encodeFile({ ...header, count: header.count }, [...lines.slice(1), stranger]));
		expect(refused.ok).toBe(false);

		// the same month again: only with replace, and the earlier version is kept as replaced
		const second = await send(encodeFile(header, lines));
		if (!second.ok) throw new Error(JSON.stringify(second));
		expect(await confirm(e.id, second.id, 'staff-1', false)).toEqual({ ok: false, reason: 'needs_replace' });
		const replaced = await confirm(e.id, second.id, 'staff-1', true);
		expect(replaced).toMatchObject({ ok: true, replaced: first.id });
		expect(await ledger()).toEqual({ n: 669, ins: SEED_FIGURES.employeeSatang, emp: SEED_FIGURES.employerSatang });
		expect((await db().select().from(schema.employerSubmissions)).map((x) => x.status).sort()).toEqual(['confirmed', 'replaced']);
	}, 60_000);

	it('a section 40 slip paid: the bank’s callback twice at once applies once and opens the coverage', async () => {
		const user = (await one(db().select({ id: schema.users.id }).from(schema.users)))!;
		const today = isoDateInBangkok(Date.now());
		const made = await createApplication(
			'section40',
			{ userId: user.id, nationalId: ID, key: 's40-attempt', answers: { option: '2' }, today, ip: null },
			async () => ({
				ok: true,
				outcome: { option: 2, amountSatang: 10_000, governmentSatang: 5_000, validUntil: '2099-12-31' }
			})
		);
		if (!made.ok) throw new Error(JSON.stringify(made));
		const notice = {
			transactionId: 'TXN-PG-1',
			billerId: config().PAYMENT_BILLER_ID,
			ref1: ID,
			ref2: ref2Of(made.app.ref),
			amountSatang: 10_000,
			paidOn: today
		};
		const [a, b] = await Promise.all([applyPayment(notice), applyPayment(notice)]);
		expect([a, b].every((r) => r.ok)).toBe(true);
		expect([a, b].map((r) => r.ok && r.duplicate).sort()).toEqual([false, true]);
		expect(await db().select().from(schema.payments)).toHaveLength(1);
		const cover = await db().select().from(schema.coverages).where(eq(schema.coverages.personId, ID));
		expect(cover.map((c) => [c.section, c.startDate])).toEqual([[40, today]]);
		const app = (await one(db().select().from(schema.applications).where(eq(schema.applications.ref, made.app.ref))))!;
		expect(app.status).toBe('active');
	});
});
