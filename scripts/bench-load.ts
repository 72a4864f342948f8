/**
 * npm run bench:load [-- --duration 60 --users 200 --persons 10000 --out FILE --engine sqlite|postgres]
 *
 * Load on the built server (scripts/start.ts, as npm start runs it, with the production caps: no end-to-end overrides):
 * 1. `--users` signed-in citizens at once (one session and one connection each) loading the dashboard and the
 *    contributions page in turn for `--duration` seconds;
 * 2. a burst of 1,000 registration attempts from one address (step 2, the registry look-up, capped at 30 an hour per
 *    address) while 20 other connections keep loading signed-in dashboards; the same dashboard load alone first, as
 *    the baseline.
 * Runs on a copy of data/bench-<persons>.db (seeded once, as npm run bench does), so sessions and rate-limit windows
 * never carry over between runs; with `--engine postgres`, on a throw-away PostgreSQL cluster seeded for the run. Writes
 * the results to docs/PERFORMANCE.md (section bench:load, or bench:load-postgres) or to --out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import {
	spawnApp,
	registrationInProgress,
	writePerformanceSection,
	exitIfCheck,
	engineOption,
	benchPostgres,
	seedPostgres,
	insuredSessions,
	postgresStore,
	sqliteStore
} from './lib/app-server';

const { values } = parseArgs({
	options: {
		check: { type: 'boolean', default: false },
		duration: { type: 'string', default: '60' },
		users: { type: 'string', default: '200' },
		persons: { type: 'string', default: '10000' },
		attempts: { type: 'string', default: '1000' },
		rate: { type: 'string', default: '1' },
		out: { type: 'string' },
		engine: { type: 'string', default: 'sqlite' }
	}
});
const onPostgres = engineOption(values.engine) === 'postgres';
exitIfCheck(values.check, 'bench:load');
const duration = Number(values.duration);
const users = Number(values.users);
const persons = Number(values.persons);
const attempts = Number(values.attempts);
/** pages a second each user asks for: a person reading their records, not a loop with no pause */
const rate = Number(values.rate);
/** the saturation run: the same users with no pause at all, for the server's ceiling */
const SATURATION_S = Math.min(30, duration);
const PORT = 3410;
const ORIGIN = `http://localhost:${PORT}`;
/** the per-address cap on registry look-ups (src/server/accounts/registration.ts) */
const LOOKUP_LIMIT = 30;
const BURST_CONNECTIONS = 50;
const DASHBOARD_CONNECTIONS = 20;
/** a request not answered within this many seconds counts as an error */
const TIMEOUT_S = 30;
const WARM_UP_S = Math.min(10, duration);

function seeded(size: number): string {
	const file = `data/bench-${size}.db`;
	let has = false;
	if (fs.existsSync(file)) {
		const db = new Database(file);
		has = (db.prepare('SELECT count(*) n FROM persons').get() as { n: number }).n === size;
		db.pragma('wal_checkpoint(TRUNCATE)'); // everything in the main file, which is what gets copied
		db.close();
	}
	if (!has) {
		console.log(`seeding ${size.toLocaleString()} persons into ${file} (once)…`);
		for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
		execFileSync('npx', ['tsx', 'scripts/seed.ts', '--db', file, '--persons', String(size)], { stdio: 'inherit' });
	}
	return file;
}

/** The server's resident memory now and its high-water mark (Linux /proc), in MB. */
function memory(pid: number): { rss: number; peak: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
	return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Failed requests (no answer) by error code, over all runs. */
const requestErrors = new Map<string, number>();

/** When, in seconds from the start of the last run, its requests failed. */
let failedAt: number[] = [];

/** Run autocannon; `stopWhen` ends an open-ended run early. */
function run(opts: autocannon.Options, stopWhen?: Promise<unknown>): Promise<autocannon.Result> {
	const started = Date.now();
	failedAt = [];
	return new Promise((resolve, reject) => {
		const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
		instance.on('reqError', (e: Error & { code?: string }) => {
			const k = e.code ?? e.message;
			requestErrors.set(k, (requestErrors.get(k) ?? 0) + 1);
			failedAt.push((Date.now() - started) / 1000);
		});
		void stopWhen?.then(() => instance.stop());
	});
}

/** Each connection its own signed-in citizen (setupClient runs once per connection). */
function signedInRequests(tokens: string[], paths: string[]): Pick<autocannon.Options, 'setupClient'> {
	let next = 0;
	return {
		setupClient: (client) => {
			const cookie = `session=${tokens[next++ % tokens.length]}`;
			client.setRequests(paths.map((path) => ({ method: 'GET', path, headers: { cookie, accept: 'text/html' } })));
		}
	};
}

interface Figures {
	rps: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
	requests: number;
	/** requests with no answer: connection errors, and timeouts (no answer within TIMEOUT_S) */
	errors: number;
	timeouts: number;
	non2xx: number;
	seconds: number;
}
const figures = (r: autocannon.Result): Figures => ({
	rps: r.requests.average,
	p50: r.latency.p50,
	p90: r.latency.p90,
	p99: r.latency.p99,
	max: r.latency.max,
	requests: r.requests.total,
	errors: r.errors,
	timeouts: r.timeouts,
	non2xx: r.non2xx,
	seconds: r.duration
});

// SQLite: a copy of the seeded file; PostgreSQL: a database seeded for the run (the file's folder keeps the secret key)
const cluster = onPostgres ? await benchPostgres() : null;
const url = cluster ? await seedPostgres(cluster, 'bench_load', persons) : undefined;
const file = `data/bench-load-${process.pid}.db`;
const removeCopy = () => {
	for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
};
removeCopy();
if (!url) fs.copyFileSync(seeded(persons), file);
const store = url ? await postgresStore(url) : sqliteStore(file);

// citizens with coverage, one session each (written into the database, as npm run bench does for its one citizen)
const { ids, tokens } = await insuredSessions({ file, url }, users, 'first');

const app = await spawnApp(file, PORT, { SESSION_IDLE_MINUTES: '600', ...(url ? { DATABASE_URL: url } : {}) }, { quiet: true });
const pid = app.child.pid!;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, memory(pid).rss)), 250);
try {
	const idle = memory(pid);
	const loadBefore = os.loadavg()[0]!;
	console.log(`server up (pid ${pid}, ${idle.rss.toFixed(0)} MB); warming up…`);
	const pages = signedInRequests(tokens, ['/dashboard', '/contributions']);
	const paced = { connectionRate: rate };
	// every connection once through its first requests, so the measured run starts from a warm server
	await run({ url: ORIGIN, connections: users, duration: WARM_UP_S, timeout: TIMEOUT_S, ...paced, ...pages });

	// 1. the signed-in crowd: each user a page every 1/rate seconds
	console.log(`${users} signed-in users (${rate} page/s each) on /dashboard and /contributions for ${duration} s…`);
	peakRss = 0;
	const crowd = figures(await run({ url: ORIGIN, connections: users, duration, timeout: TIMEOUT_S, ...paced, ...pages }));
	const crowdPeak = peakRss;
	const crowdFailedAt = failedAt;
	console.log(crowd, `peak RSS ${crowdPeak.toFixed(0)} MB`, Object.fromEntries(requestErrors));

	// 1b. the same users with no pause: the ceiling, and what happens past it (reported, not a pass/fail figure)
	console.log(`${users} connections with no pause for ${SATURATION_S} s…`);
	peakRss = 0;
	const saturated = figures(await run({ url: ORIGIN, connections: users, duration: SATURATION_S, timeout: TIMEOUT_S, ...pages }));
	const saturatedPeak = peakRss;
	console.log(saturated, `peak RSS ${saturatedPeak.toFixed(0)} MB`);

	// 2. the registration burst beside a dashboard load; the same load alone first
	const dashboards = signedInRequests(tokens.slice(0, DASHBOARD_CONNECTIONS), ['/dashboard']);
	const baselineSeconds = Math.min(10, duration);
	console.log(`baseline: ${DASHBOARD_CONNECTIONS} connections on /dashboard for ${baselineSeconds} s…`);
	const baseline = figures(await run({ url: ORIGIN, connections: DASHBOARD_CONNECTIONS, duration: baselineSeconds, timeout: TIMEOUT_S, ...dashboards }));

	// one browser's registration in progress (terms accepted), then step 2 posted again and again from the same address
	const { flow, details } = await registrationInProgress(ORIGIN, ids[0]!);
	if (!flow) throw new Error('could not start a registration');
	const statuses = new Map<number, number>();
	peakRss = 0;
	console.log(`burst: ${attempts} registration attempts (${BURST_CONNECTIONS} connections) beside the dashboard load…`);
	const burstStarted = Date.now();
	const burst = run({
		url: ORIGIN,
		connections: BURST_CONNECTIONS,
		amount: attempts,
		timeout: TIMEOUT_S,
		requests: [
			{
				method: 'POST',
				path: '/register/details',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, accept: 'text/html', cookie: flow },
				body: details,
				onResponse: (status) => void statuses.set(status, (statuses.get(status) ?? 0) + 1)
			}
		]
	});
	const during = run({ url: ORIGIN, connections: DASHBOARD_CONNECTIONS, duration: 600, timeout: TIMEOUT_S, ...dashboards }, burst);
	const reg = figures(await burst);
	const burstEnded = Date.now();
	const burstSeconds = (burstEnded - burstStarted) / 1000;
	// the cap counts per clock hour: a burst across the turn of an hour may meet two windows
	const windows = Math.floor(burstEnded / 3_600_000) - Math.floor(burstStarted / 3_600_000) + 1;
	const allowed = LOOKUP_LIMIT * windows;
	const dash = figures(await during);
	const burstPeak = peakRss;
	const limited = statuses.get(429) ?? 0;
	const passed = [...statuses.entries()].filter(([s]) => s !== 429).reduce((n, [, c]) => n + c, 0);
	console.log({ statuses: Object.fromEntries(statuses), burstSeconds, reg, dash }, `peak RSS ${burstPeak.toFixed(0)} MB`);
	const [mismatches] = await store.all<{ n: number | string }>("SELECT count(*) n FROM audit_log WHERE action = 'register.mismatch'");
	const lookups = Number(mismatches!.n);
	const final = memory(pid);

	const ms = (n: number) => n.toFixed(0);
	const row = (what: string, f: Figures, extra: string) =>
		`| ${what} | ${f.requests.toLocaleString('en-US')} | ${f.rps.toFixed(0)} | ${ms(f.p50)} | ${ms(f.p90)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.errors} (${f.timeouts}) | ${f.non2xx} | ${extra} |`;
	const statusList = [...statuses.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([s, n]) => `${n.toLocaleString('en-US')} × ${s}`)
		.join(', ');
	const md = `## Load: a crowd of signed-in citizens, and a registration burst${onPostgres ? ' (PostgreSQL)' : ''}

Measured by \`npm run bench:load\` (scripts/bench-load.ts) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
autocannon on loopback against the production build (\`npm start\`'s server, production caps: no end-to-end overrides), on ${onPostgres ? 'a' : 'a copy of a'}
${persons.toLocaleString('en-US')}-person registry${onPostgres ? ' on a throw-away PostgreSQL 15 cluster (the same machine)' : ''}. The load generator runs on the same 2-core machine as the server.

1. **${users} signed-in citizens**: ${users} connections, each with its own session (${users} different insured persons), loading the
   dashboard and the contributions page in turn, ${rate} page a second each (${users * rate} pages a second offered), for ${duration} s
   (after a ${WARM_UP_S} s warm-up). Then the same ${users} connections with **no pause at all** for ${SATURATION_S} s: the server's ceiling.
2. **Registration burst**: ${attempts.toLocaleString('en-US')} posts of registration step 2 (the registry look-up) from one address over
   ${BURST_CONNECTIONS} connections, while ${DASHBOARD_CONNECTIONS} connections with signed-in sessions keep loading the dashboard; the same dashboard
   load alone for ${baselineSeconds} s before it, as the baseline. The details are well formed (a real national ID under a wrong name), so a
   look-up the cap lets through answers "no match" (400) and a refused one 429.

| load | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors (of which timeouts) | non-2xx | |
|---|---|---|---|---|---|---|---|---|---|
${row(`${users} users, ${rate} page/s each: /dashboard + /contributions`, crowd, `server peak RSS ${crowdPeak.toFixed(0)} MB`)}
${row(`${users} connections, no pause (saturation)`, saturated, `server peak RSS ${saturatedPeak.toFixed(0)} MB`)}
${row(`${DASHBOARD_CONNECTIONS} connections: /dashboard alone (baseline)`, baseline, '')}
${row(`${DASHBOARD_CONNECTIONS} connections: /dashboard during the burst`, dash, `server peak RSS ${burstPeak.toFixed(0)} MB`)}
${row(`burst: POST /register/details from one address`, reg, `${burstSeconds.toFixed(1)} s for ${attempts.toLocaleString('en-US')}`)}

Registration burst: ${statusList}. **${limited.toLocaleString('en-US')} answered 429**, ${passed} reached the registry (cap: ${LOOKUP_LIMIT} an hour per address${windows > 1 ? `; the burst spanned ${windows} clock hours, so at most ${allowed}` : ''}${passed <= allowed ? ' ✓' : ' ✗'}); look-ups recorded in the audit log: ${lookups}.
${
	crowd.errors
		? `The ${crowd.errors} unanswered requests of the ${users}-user run failed between ${Math.min(...crowdFailedAt).toFixed(0)} and ${Math.max(...crowdFailedAt).toFixed(0)} s into it (${crowdFailedAt.filter((t) => t < TIMEOUT_S + 2).length} of them within ${TIMEOUT_S + 2} s, i.e. sent in its first 2 s).\n`
		: ''
}Machine load (1-minute load average, 2 cores shared with other work): ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end; a request unanswered after ${TIMEOUT_S} s counts as an error.
Server memory: ${idle.rss.toFixed(0)} MB after start-up, ${final.rss.toFixed(0)} MB at the end, high-water mark ${final.peak.toFixed(0)} MB.
`;
	if (values.out) {
		fs.rmSync(values.out, { force: true });
		writePerformanceSection(onPostgres ? 'bench:load-postgres' : 'bench:load', md, values.out);
		console.log(`wrote ${values.out}`);
	} else {
		writePerformanceSection(onPostgres ? 'bench:load-postgres' : 'bench:load', md);
		console.log('wrote docs/PERFORMANCE.md');
	}
	if (crowd.errors + crowd.non2xx + baseline.errors + baseline.non2xx + dash.errors + dash.non2xx > 0 || passed > allowed || reg.errors > 0) {
		console.error('FAILED: errors or non-2xx answers under load, or the registration cap did not hold');
		process.exitCode = 1;
	}
} finally {
	clearInterval(sampler);
	await app.stop();
	await store.close();
	cluster?.stop();
	removeCopy();
}
