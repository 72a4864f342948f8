/**
 * The built app on PostgreSQL, as an operator runs it: `npm start` with DATABASE_URL and two app processes (migrated
 * and seeded at start), then a citizen registers and signs in through the forms and reads their records, and an
 * employer's staff member uploads and confirms a month's file. Skipped with the reason where PostgreSQL is not
 * installed; CI installs it and never skips (REQUIRE_POSTGRES).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDatabase, postgresForTests } from '../support/postgres';
import { spawnApp, type AppProcess } from '../../scripts/lib/app-server';
import { E2E_ENV, setWorkerApp, withEnv } from '../e2e/worker-app';
import { DEMO, PASSWORD, detailsForm, latestCode, nextPhone } from '../support/people';
import { staffSessionFor } from '../support/sessions';
import { headerFor, linesFor, tis620 } from '../fixtures/sso110';
import { encodeFile } from '../../src/lib/employers/sso110';
import { addMonths } from '../../src/lib/rules/periods';
import { lastPaidPeriod } from '../../src/lib/rules/workdays';
import { isoDateInBangkok } from '../../src/lib/format/date';
import { freePort } from './app';
import { HttpClient, type HttpResponse } from './client';

const { pg: cluster, skipped } = await postgresForTests('PostgreSQL app tests');

describe.skipIf(!!skipped)('the app on PostgreSQL, two processes', () => {
	const dir = 'data/http/postgres';
	let server: AppProcess | undefined;
	let origin = '';
	let closeDb: (() => Promise<void>) | undefined;
	const rows = async <T>(q: ReturnType<typeof sql>) => (await import('../../src/server/db')).rows<T>(q);

	beforeAll(async () => {
		if (!fs.existsSync('build/handler.js')) throw new Error('the HTTP tests run the built app: npm run build first');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const url = await createDatabase(cluster!, 'app');
		const port = await freePort();
		origin = `http://localhost:${port}`;
		// two processes: the test clock (DEV_CLOCK) is off, so nothing holds them to one
		const env = { ...E2E_ENV, DEV_CLOCK: '', DATABASE_URL: url, PROCESSES: '2', SECRET_KEY: 'k'.repeat(40) };
		server = await spawnApp(`${dir}/unused.db`, port, { ...env, LOG_LEVEL: 'info' }, { quiet: true, keepChars: 200_000 });
		// this thread reads and writes the same database (the staff fixture, the checks below)
		await withEnv({ ...env, DATABASE_PATH: `${dir}/unused.db`, PORT: String(port), ORIGIN: origin }, async () => {
			(await import('../../src/server/config')).config();
			await (await import('../../src/server/db')).prepareDatabase();
		});
		closeDb = (await import('../../src/server/db')).closeDatabase;
		setWorkerApp({ index: 0, port, url: origin, db: '' });
	}, 120_000);
	afterAll(async () => {
		setWorkerApp(undefined);
		await server?.stop();
		await closeDb?.();
		cluster?.stop();
		if (server && server.child.exitCode !== 0) console.error(server.output().slice(-5_000));
	});

	const headers = () => ({ origin, accept: 'text/html' });
	const post = (c: HttpClient, url: string, form: Record<string, string>): Promise<HttpResponse> => c.post(url, { form, headers: headers(), maxRedirects: 0 });

	it('starts migrated, seeded and ready', async () => {
		const c = new HttpClient(origin);
		expect(await (await c.get('/readyz')).json()).toEqual({ status: 'ready' });
		const [n] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`);
		expect(n!.n).toBe(Number(E2E_ENV.SEED_PERSONS));
		expect(server!.output()).toMatch(/"processes":2/);
	});

	it('a citizen registers and signs in through the forms and reads their records', async () => {
		const p = DEMO.s33Active;
		const phone = nextPhone();
		const c = new HttpClient(origin);
		expect((await post(c, '/register/terms', { accept: 'yes' })).status()).toBe(303);
		expect((await post(c, '/register/details', detailsForm(p, phone))).headers()['location']).toBe('/register/verify');
		expect((await post(c, '/register/verify?/verify', { code: await latestCode(c, phone) })).status()).toBe(303);
		const dashboard = await c.get('/dashboard');
		expect(dashboard.status()).toBe(200);
		expect(await dashboard.text()).toContain(p.first);
		for (const page of ['/contributions', '/hospital', '/status', '/benefits', '/savings', '/entitlements', '/applications', '/profile'])
			expect((await c.get(page)).status(), page).toBe(200);

		const again = new HttpClient(origin);
		expect((await post(again, '/login', { nationalId: p.id, password: 'not the password 1' })).status()).toBe(400);
		const signedIn = await post(again, '/login', { nationalId: p.id, password: PASSWORD });
		expect(signedIn.status()).toBe(303);
		expect(signedIn.headers()['location']).toBe('/dashboard');
		expect(await (await again.get('/contributions')).text()).toContain(p.first);
	}, 60_000);

	it('an officer signs in with a password and the texted code', async () => {
		const { username, phone } = await staffSessionFor('officer', ['--centre', 'ดินแดง']);
		const c = new HttpClient(origin);
		const first = await post(c, '/staff', { username, password: PASSWORD });
		expect(first.headers()['location']).toBe('/staff/verify');
		const second = await post(c, '/staff/verify?/verify', { code: await latestCode(c, phone) });
		expect(second.status()).toBe(303);
		expect(second.headers()['location']).toBe('/staff/officer');
		expect((await c.get('/staff/officer')).status()).toBe(200);
	}, 60_000);

	it('an employer uploads a month’s file and confirms it; it is in the ledger once', async () => {
		const [emp] = await rows<{ id: number; account: string; branch: string; name: string }>(
			sql`SELECT em.id::int AS id, em.account_no AS account, em.branch, em.name_th AS name FROM employers em WHERE EXISTS (SELECT 1 FROM employments e WHERE e.employer_id = em.id AND e.end_date IS NULL) ORDER BY em.id LIMIT 1`
		);
		const staff = await rows<{ id: string; first: string; last: string }>(
			sql`SELECT p.national_id AS id, p.first_name_th AS first, p.last_name_th AS last FROM employments e JOIN persons p ON p.national_id = e.person_id WHERE e.employer_id = ${emp!.id} AND e.end_date IS NULL ORDER BY p.national_id LIMIT 3`
		);
		const today = isoDateInBangkok(Date.now());
		const period = addMonths(lastPaidPeriod(today), 1);
		const lines = linesFor(staff, period, 1_200_000);
		const file = Buffer.from(
			tis620(
				encodeFile(headerFor(lines, { account: emp!.account, branch: emp!.branch, period, paymentDate: today, companyName: emp!.name.slice(0, 45) }), lines)
			)
		);
		const { token } = await staffSessionFor('employer', ['--account', emp!.account, '--branch', emp!.branch]);
		const c = new HttpClient(origin, [{ name: 'staff_session', value: token, path: '/staff' }]);
		const B = '----prakanPostgres';
		const body = Buffer.concat([
			Buffer.from(
				`--${B}\r\nContent-Disposition: form-data; name="period"\r\n\r\n${period}\r\n--${B}\r\nContent-Disposition: form-data; name="file"; filename="sso110.txt"\r\nContent-Type: text/plain\r\n\r\n`
			),
			file,
			Buffer.from(`\r\n--${B}--\r\n`)
		]);
		const uploaded = await c.post('/staff/employer?/upload', {
			data: body,
			headers: { ...headers(), 'content-type': `multipart/form-data; boundary=${B}` },
			maxRedirects: 0
		});
		expect(uploaded.status(), await uploaded.text()).toBe(303);
		const review = uploaded.headers()['location']!;
		expect(review).toMatch(/^\/staff\/employer\/review\/\d+$/);
		const ledger = async () =>
			(await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM contributions WHERE payer = ${`E${emp!.id}`} AND period = ${period}`))[0]!.n;
		expect(await ledger()).toBe(0);
		const confirmed = await post(c, `${review}?/confirm`, {});
		expect(confirmed.status()).toBe(303);
		expect(confirmed.headers()['location']).toMatch(/^\/staff\/employer\/submissions\/\d+$/);
		expect(await ledger()).toBe(lines.length);
		// confirmed again (a back button, a second click): the same answer, nothing applied twice
		expect((await post(c, `${review}?/confirm`, {})).status()).toBe(303);
		expect(await ledger()).toBe(lines.length);
	}, 60_000);
});
