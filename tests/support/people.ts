/**
 * The people and data the end-to-end and HTTP tests share: the demo persons, a registry person nobody has registered
 * yet, new mobile numbers, the test password, read-only queries on the server's database and the newest texted code.
 * No browser here, so the HTTP tests (Vitest) use it as the Playwright specs do.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { psqlPath } from './postgres';
import { setClockOffset } from '../../src/server/clock';
import { workerApp } from '../e2e/worker-app';

/** What latestCode and moveClock need of a client: Playwright's request context, or the HTTP tests' own (tests/http/client.ts). */
export interface TextGetter {
	get(url: string): Promise<{ text(): Promise<string> }>;
}
export interface JsonPoster {
	post(url: string, options: { data: object }): Promise<{ ok(): boolean; status(): number }>;
}

export const DEMO = {
	s33Active: { id: '1103700123458', first: 'สมชาย', last: 'ใจดี', day: '27', month: '3', year: '2528' },
	s39: { id: '3100600456785', first: 'สุดา', last: 'รักไทย', day: '12', month: '7', year: '2521' },
	s40: { id: '3501100789014', first: 'ประเสริฐ', last: 'มั่นคง', day: '5', month: '11', year: '2513' },
	dismissed: { id: '1102900345674', first: 'วิภา', last: 'ศรีสุข', day: '15', month: '1', year: '2533' },
	neverInsured: { id: '1100500567899', first: 'อนันต์', last: 'ทองมา', day: '29', month: '2', year: '2543' },
	// the demo foreign workers (seed.ts DEMO_FOREIGN_WORKERS), by the English names of their passports
	myanmar: { id: '0011990012345', first: 'Zaw', last: 'Min', day: '14', month: '8', year: '2537' },
	cambodia: { id: '0022990056785', first: 'Sreymom', last: 'Chea', day: '3', month: '2', year: '2541' },
	laos: { id: '6111000789011', first: 'Khamphone', last: 'Vongsa', day: '20', month: '11', year: '2534' }
};
export type Person = (typeof DEMO)['s33Active'];

const handedOut = new Set<string>(Object.values(DEMO).map((p) => p.id));

/** The ISO date `years` years before today (UTC), for a condition on birth dates that reads the same on both engines. */
export function yearsAgo(years: number): string {
	const d = new Date();
	d.setUTCFullYear(d.getUTCFullYear() - years);
	return d.toISOString().slice(0, 10);
}

/** Today's ISO date (UTC), as SQLite's date('now') gives it. */
export function utcToday(): string {
	return new Date().toISOString().slice(0, 10);
}

/** The first day of last month (UTC), as SQLite's date('now', 'start of month', '-1 month') gives it. */
export function startOfLastMonth(): string {
	const d = new Date();
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
}

/**
 * People out of work since last month: the few a test of the unemployment deadline can use, so a test that needs just
 * anyone never takes one of them (the registry has one or two besides the demo's dismissed person).
 */
const recentlyLeft = () => `national_id NOT IN (SELECT person_id FROM employments WHERE end_date >= '${startOfLastMonth()}')`;

/**
 * A person from the registry nobody has registered as yet, for tests that need a fresh identity; `where` narrows the
 * choice (an SQL condition on `persons` that both engines read alike, e.g. people with an open section 39 coverage).
 * Without it, anyone but the people out of work since last month.
 */
export function freshPerson(where = recentlyLeft()): Person {
	const rows = query<{ id: string; first: string; last: string; birth: string }>(
		`SELECT national_id AS id, first_name_th AS first, last_name_th AS last, birth_date AS birth FROM persons WHERE national_id NOT IN (SELECT national_id FROM users) AND (${where}) ORDER BY national_id LIMIT 200`
	);
	const p = rows.find((r) => !handedOut.has(r.id));
	if (!p) throw new Error(`no registry person left who is not yet registered and matches: ${where}`);
	handedOut.add(p.id);
	const [y, m, d] = p.birth.split('-').map(Number) as [number, number, number];
	return { id: p.id, first: p.first, last: p.last, day: String(d), month: String(m), year: String(y + 543) };
}

let phoneCounter = 0;
const phoneBase = 10_000_000 + (Date.now() % 80_000_000);
/** A new mobile number per use, so per-phone caps never trip across tests. */
export function nextPhone(): string {
	phoneCounter += 1;
	return `08${String((phoneBase + phoneCounter * 7919) % 100_000_000).padStart(8, '0')}`;
}

export const PASSWORD = 'ทดสอบ รหัส 2569!';

/** The newest code texted to a phone, read from the dev outbox page. */
export async function latestCode(request: TextGetter, phone: string): Promise<string> {
	const html = await (await request.get('/dev/sms')).text();
	const items = html.split('<li').filter((chunk) => chunk.includes(`data-to="${phone}"`));
	if (!items[0]) throw new Error(`no SMS for ${phone}`);
	// the only run of exactly 6 digits in the entry is the code (the phone has 10, the time none)
	const code = items[0].match(/(?<!\d)(\d{6})(?!\d)/);
	if (!code) throw new Error(`no code in SMS for ${phone}`);
	return code[1]!;
}

/** Registration step 2 as the form posts it: the person's details, a mobile number and a password. */
export function detailsForm(p: Person, phone: string, password = PASSWORD): Record<string, string> {
	return {
		nationalId: p.id,
		firstName: p.first,
		lastName: p.last,
		birthDay: p.day,
		birthMonth: p.month,
		birthYear: p.year,
		phone,
		password,
		passwordConfirm: password
	};
}

/** The password the forgot-password test sets. */
export const NEW_PASSWORD = 'ใหม่ทั้งหมด 1234';

/**
 * Read-only access to the worker's database, for figures computed independently of the app's code: SQL both engines
 * read alike, with `?` for each value (and no `?` inside a string literal). On PostgreSQL it goes through psql (synchronously, as on SQLite): the values
 * as psql variables (quoted by psql), the rows as JSON, so numbers stay numbers (count(*) included).
 */
export function query<T>(sql: string, ...args: unknown[]): T[] {
	const app = workerApp();
	return queryOn<T>(app.databaseUrl ? { url: app.databaseUrl } : { file: app.db }, sql, ...args);
}

/** query() on another database: a test's own server's (a SQLite file, or a PostgreSQL database by its URL). */
export function queryOn<T>(target: { file: string } | { url: string }, sql: string, ...args: unknown[]): T[] {
	if ('url' in target) return postgresQuery<T>(target.url, sql, args);
	const db = new Database(target.file, { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...args) as T[];
	} finally {
		db.close();
	}
}

function postgresQuery<T>(url: string, sql: string, args: unknown[]): T[] {
	let n = 0;
	const text = sql.replace(/\?/g, () => `:'p${++n}'`);
	if (n !== args.length) throw new Error(`${n} placeholders for ${args.length} values: ${sql}`);
	// psql variables are text: a NULL would arrive as the word 'null' (write IS NULL in the SQL instead)
	if (args.some((a) => a === null || a === undefined)) throw new Error(`a null value for a placeholder: ${sql}`);
	const vars = args.flatMap((a, i) => ['-v', `p${i + 1}=${String(a)}`]);
	const out = execFileSync(psqlPath(), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...vars, '-d', url], {
		input: `SELECT coalesce(json_agg(t), '[]') FROM (${text}) t;`,
		encoding: 'utf8'
	});
	return JSON.parse(out) as T[];
}

/**
 * Move the worker's server clock (offset from real time). This process's clock follows, so what the fixtures do with
 * the app's own functions (a session, a staff decision) happens at the server's time.
 */
export async function moveClock(request: JsonPoster, offsetMs: number): Promise<void> {
	const r = await request.post('/dev/clock', { data: { offsetMs } });
	if (!r.ok()) throw new Error(`moving the server's clock: ${r.status()}`);
	setClockOffset(offsetMs);
}
