/** For the benchmarks and the install screenshots: run the production build on a database and sign a demo person in. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateToken, hashToken } from '../../src/server/auth/tokens';
import { createDatabase, databaseUrl, startPostgres, type Postgres } from '../../tests/support/postgres';

export interface AppProcess {
	child: ChildProcess;
	/** SIGTERM (graceful shutdown) and wait for the exit */
	stop: () => Promise<void>;
	/** SIGKILL, as a crash would, and wait for the exit */
	kill: () => Promise<void>;
	/** what the server printed (when started with `quiet`) */
	output: () => string;
}

/**
 * `npm start`'s own start-up (scripts/start.ts: migrate, seed an empty database, compressed HTTP) on `db` and `port`.
 * Resolves once /healthz answers. `quiet` keeps the server's output for `output()` instead of printing it (only its last
 * `keepChars` characters, when given).
 */
export async function spawnApp(
	db: string,
	port: number,
	env: Record<string, string> = {},
	opts: { quiet?: boolean; keepChars?: number } = {}
): Promise<AppProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		env: { ...process.env, DATABASE_PATH: db, PORT: String(port), ORIGIN: `http://localhost:${port}`, SMS_PROVIDER: 'outbox', PROCESSES: '1', ...env },
		stdio: ['ignore', opts.quiet ? 'pipe' : 'inherit', opts.quiet ? 'pipe' : 'inherit']
	});
	let out = '';
	// a long-lived server logs every request: keep only the newest part when asked to
	const keep = (c: Buffer) => {
		out += c.toString();
		if (opts.keepChars !== undefined && out.length > 2 * opts.keepChars) out = out.slice(-opts.keepChars);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	const signal = async (sig: NodeJS.Signals) => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill(sig);
		await exited;
	};
	const app: AppProcess = { child, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL'), output: () => out };
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}\n${out}`);
		try {
			if ((await fetch(`http://localhost:${port}/healthz`)).ok) return app;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	await app.stop();
	throw new Error(`server did not start\n${out}`);
}

/** The app's processes (Linux /proc): the one spawnApp started and, with PROCESSES > 1, the app processes it runs. */
export function appProcesses(pid: number): number[] {
	const children = (p: number) => {
		try {
			return fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
		} catch {
			return [];
		}
	};
	return [pid, ...children(pid)];
}

/** CPU seconds the processes have used so far, user and system (all their threads: argon2 hashes on libuv's). */
export function cpuSeconds(pids: readonly number[]): number {
	let ticks = 0;
	for (const p of pids) {
		const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		ticks += Number(f[11]) + Number(f[12]);
	}
	return ticks / 100;
}

/**
 * CPU seconds the whole machine has been busy so far, over all its cores (/proc/stat: all but idle and I/O wait): set
 * beside the app's own, it says how much went to the load generator, the database and other work.
 */
export function machineBusySeconds(): number {
	const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
	const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
	return (user + nice + system + irq + softirq + steal) / 100;
}

/**
 * A process's resident memory now, in MB: all of it, and its own (anonymous: heap, stacks, argon2's buffers). The rest
 * is file pages (code, and the SQLite file's pages read through the memory map), shared with the OS page cache and
 * with the other processes that read the same file.
 */
export function residentMb(pid: number): { rss: number; own: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const mb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) / 1024;
	return { rss: mb('VmRSS'), own: mb('RssAnon') };
}

/** spawnApp, for callers that only need to stop it. */
export async function startApp(db: string, port: number, env: Record<string, string> = {}): Promise<() => Promise<void>> {
	return (await spawnApp(db, port, env)).stop;
}

/**
 * A signed-in session for a registry person, written straight into the database (an account is created for them
 * if none exists). Returns the cookie value.
 */
export function demoSession(file: string, nationalId: string, hours = 10): string {
	if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
	const db = new Database(file);
	const t = Date.now();
	const userId = `demo-${nationalId}`;
	db.prepare(
		"INSERT OR IGNORE INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,locale,password_changed_at,created_at) VALUES (?,?, '0812345678','-',?, 'demo', ?, 'th', ?, ?)"
	).run(userId, nationalId, t, t, t, t);
	const user = db.prepare('SELECT id FROM users WHERE national_id = ?').get(nationalId) as { id: string };
	const token = generateToken();
	db.prepare('INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES (?, ?, ?, ?, ?)').run(
		hashToken(token),
		user.id,
		t,
		t,
		t + hours * 3_600_000
	);
	db.close();
	return token;
}

/**
 * SQL on a benchmark's or a test's own database, on either engine: `?` for each value in both. Read `count(*)` with
 * Number(): PostgreSQL gives a bigint as text.
 */
export interface Store {
	all<T>(sql: string, ...args: unknown[]): Promise<T[]>;
	run(sql: string, ...args: unknown[]): Promise<void>;
	close(): Promise<void>;
}

export function sqliteStore(file: string): Store {
	const db = new Database(file);
	return {
		all: async <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[],
		run: async (sql, ...args) => void db.prepare(sql).run(...args),
		close: async () => void db.close()
	};
}

export async function postgresStore(url: string): Promise<Store> {
	const pool = new pg.Pool({ connectionString: url, max: 4 });
	const numbered = (sql: string) => {
		let n = 0;
		return sql.replace(/\?/g, () => `$${++n}`);
	};
	return {
		all: async <T>(sql: string, ...args: unknown[]) => (await pool.query(numbered(sql), args)).rows as T[],
		run: async (sql, ...args) => void (await pool.query(numbered(sql), args)),
		close: () => pool.end()
	};
}

/** The benchmarks' `--engine` option, checked: `sqlite` (the default) or `postgres`. */
export function engineOption(value: string | undefined): 'sqlite' | 'postgres' {
	if (value === undefined || value === 'sqlite' || value === 'postgres') return value ?? 'sqlite';
	throw new Error('--engine is sqlite or postgres');
}

/**
 * A throw-away PostgreSQL cluster for a benchmark (a benchmark asked to run on PostgreSQL fails where none can start),
 * or, given `url`, that running cluster, which is kept (see seededPostgres).
 */
export async function benchPostgres(url?: string): Promise<Postgres> {
	if (url) return { url, stop: () => {} };
	const c = await startPostgres();
	if ('skipped' in c) throw new Error(c.skipped);
	return c;
}

/** A database `name` in the cluster with `persons` demo persons, seeded the way npm run db:seed does it; its URL. */
export async function seedPostgres(cluster: Postgres, name: string, persons: number): Promise<string> {
	const url = await createDatabase(cluster, name);
	console.log(`seeding ${persons.toLocaleString()} persons into PostgreSQL…`);
	execFileSync('npx', ['tsx', 'scripts/seed.ts', '--persons', String(persons)], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
	return url;
}

/**
 * seedPostgres, unless the database `name` is already there with exactly `persons` persons (a cluster kept between
 * benchmark runs: a million persons take about 20 minutes to load).
 */
export async function seededPostgres(cluster: Postgres, name: string, persons: number): Promise<string> {
	const url = databaseUrl(cluster.url, name);
	const c = new pg.Client({ connectionString: url });
	const has = await c.connect().then(
		async () => Number((await c.query('SELECT count(*) AS n FROM persons')).rows[0].n) === persons,
		() => false
	);
	await c.end().catch(() => {});
	if (has) {
		console.log(`${name}: ${persons.toLocaleString()} persons already there, kept`);
		return url;
	}
	return seedPostgres(cluster, name, persons);
}

/** demoSession on PostgreSQL: the person's account (made if missing) and a session of `hours`; its token. */
export async function postgresDemoSession(url: string, nationalId: string, hours = 10): Promise<string> {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		const t = Date.now();
		await c.query(
			"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,locale,password_changed_at,created_at) VALUES ($1,$2,'0812345678','-',$3,'demo',$3,'th',$3,$3) ON CONFLICT DO NOTHING",
			[`demo-${nationalId}`, nationalId, t]
		);
		const user = (await c.query('SELECT id FROM users WHERE national_id = $1', [nationalId])).rows[0] as { id: string };
		const token = generateToken();
		await c.query('INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES ($1,$2,$3,$3,$4)', [
			hashToken(token),
			user.id,
			t,
			t + hours * 3_600_000
		]);
		return token;
	} finally {
		await c.end();
	}
}

/**
 * `n` insured persons (with a coverage) of a benchmark's database, each signed in with a session of their own (written
 * into the database, as demoSession does for one): their tokens. `order` chooses which: the first by national ID, or
 * spread over the whole registry (sorted by the ID's middle digits), so that their rows are not next to each other.
 */
export async function insuredSessions(
	target: { file: string; url?: string },
	n: number,
	order: 'first' | 'spread'
): Promise<{ ids: string[]; tokens: string[] }> {
	const store = target.url ? await postgresStore(target.url) : sqliteStore(target.file);
	let ids: string[];
	try {
		ids = (
			await store.all<{ id: string }>(
				`SELECT national_id AS id FROM persons WHERE national_id IN (SELECT person_id FROM coverages) ORDER BY ${order === 'spread' ? 'substr(national_id, 9, 4), ' : ''}national_id LIMIT ?`,
				n
			)
		).map((r) => r.id);
	} finally {
		await store.close();
	}
	if (ids.length < n) throw new Error(`only ${ids.length} insured persons in the registry`);
	const tokens: string[] = [];
	for (const id of ids) tokens.push(target.url ? await postgresDemoSession(target.url, id) : demoSession(target.file, id));
	return { ids, tokens };
}

/**
 * A registration burst's pieces, for the load benchmark and the cap test: one browser's registration in progress
 * (terms accepted: its flow cookie, or null if the server did not start one) and step 2's form with well-formed details
 * of a real person under a wrong name, so each look-up the cap lets through answers "no match" (400).
 */
export async function registrationInProgress(origin: string, nationalId: string): Promise<{ flow: string | null; details: string }> {
	const terms = await fetch(`${origin}/register/terms`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
		body: 'accept=yes',
		redirect: 'manual'
	});
	const flow =
		terms.status === 303
			? (terms.headers
					.getSetCookie()
					.find((c) => c.startsWith('flow_register='))
					?.split(';')[0] ?? null)
			: null;
	const details = new URLSearchParams({
		nationalId,
		firstName: 'ทดสอบ',
		lastName: 'ภาระงาน',
		birthDay: '1',
		birthMonth: '1',
		birthYear: '2530',
		phone: '0812345678',
		password: 'ทดสอบ รหัส 2569!',
		passwordConfirm: 'ทดสอบ รหัส 2569!'
	}).toString();
	return { flow, details };
}

/**
 * A benchmark started with --check (as a unit test does) stops here, after its modules loaded and its options parsed:
 * nothing is started or measured.
 */
export function exitIfCheck(check: boolean | undefined, name: string): void {
	if (!check) return;
	console.log(`${name}: ready`);
	process.exit(0);
}

/** Replace one section of docs/PERFORMANCE.md (between <!-- name --> and <!-- /name -->), keeping the others. */
export function writePerformanceSection(name: string, markdown: string, file = 'docs/PERFORMANCE.md'): void {
	const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
	const start = `<!-- ${name} -->`;
	const end = `<!-- /${name} -->`;
	const block = `${start}\n${markdown.trim()}\n${end}`;
	const i = doc.indexOf(start);
	const j = doc.indexOf(end);
	const out = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, out);
}
