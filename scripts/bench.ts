/**
 * npm run bench [-- --sizes 10000,1000000 --processes 1,2 --duration 10 --connections 10 --engine sqlite|postgres
 *                  --postgres postgres://user@host:port/postgres]
 *
 * For each registry size and each number of app processes (PROCESSES): seed data/bench-<N>.db once (kept for later
 * runs), start the built server on it, sign a demo person in, and load the dashboard, the contributions page and a
 * trivial route (/healthz) with autocannon. Writes the results to docs/PERFORMANCE.md. Needs `npm run build` first.
 * With `--engine postgres`: the same on a throw-away PostgreSQL cluster (Debian's package; a database per size,
 * seeded each run; with `--postgres`, a running cluster whose bench_<size> databases are kept and used again), written
 * to its own section. With more than one size, also the dashboard's p99 against the registry's
 * size: the sizes' apps side by side, loaded in alternating rounds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import autocannon from 'autocannon';
import { DEMO_PEOPLE } from '../src/server/registry/seed';
import {
	appProcesses,
	benchPostgres,
	cpuSeconds,
	demoSession,
	engineOption,
	exitIfCheck,
	postgresDemoSession,
	insuredSessions,
	machineBusySeconds,
	residentMb,
	seededPostgres,
	seedPostgres,
	spawnApp,
	writePerformanceSection
} from './lib/app-server';

const { values } = parseArgs({
	options: {
		check: { type: 'boolean', default: false },
		sizes: { type: 'string', default: '10000,1000000' },
		processes: { type: 'string', default: '1,2' },
		duration: { type: 'string', default: '10' },
		connections: { type: 'string', default: '10' },
		engine: { type: 'string', default: 'sqlite' },
		postgres: { type: 'string' }
	}
});
const onPostgres = engineOption(values.engine) === 'postgres';
exitIfCheck(values.check, 'bench');
const sizes = values.sizes!.split(',').map(Number);
const processCounts = values.processes!.split(',').map(Number);
const duration = Number(values.duration);
const connections = Number(values.connections);
const PORT = 3300;

interface Result {
	size: number;
	processes: number;
	dbBytes: number;
	contributions: number;
	route: string;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
	/** cores kept busy during the measured load: by the app's processes, by this process (autocannon), by the whole machine */
	cores: { app: number; generator: number; machine: number };
	/** the app processes' CPU per request answered, ms */
	appCpuMs: number;
}

/** The cores used while `run` goes: by the app's processes, by this process (the load generator), by the machine. */
async function measuringCores<T>(appPid: number, run: () => Promise<T>): Promise<{ result: T; cores: Result['cores']; appSeconds: number }> {
	const pids = appProcesses(appPid);
	const [app0, gen0, machine0, t0] = [cpuSeconds(pids), process.cpuUsage(), machineBusySeconds(), performance.now()];
	const result = await run();
	const seconds = (performance.now() - t0) / 1000;
	const gen = process.cpuUsage(gen0);
	const appSeconds = cpuSeconds(pids) - app0;
	return {
		result,
		appSeconds,
		cores: { app: appSeconds / seconds, generator: (gen.user + gen.system) / 1e6 / seconds, machine: (machineBusySeconds() - machine0) / seconds }
	};
}

function seed(size: number): string {
	const file = `data/bench-${size}.db`;
	const has = fs.existsSync(file) && (new Database(file, { readonly: true }).prepare('SELECT count(*) n FROM persons').get() as { n: number }).n === size;
	if (!has) {
		console.log(`seeding ${size.toLocaleString()} persons into ${file} (once)…`);
		for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
		execFileSync('npx', ['tsx', 'scripts/seed.ts', '--db', file, '--persons', String(size)], { stdio: 'inherit' });
	}
	return file;
}

/** PostgreSQL: demoSession's account and session, and the figures of the table (rows, bytes). */
async function postgresSession(url: string, nationalId: string): Promise<{ token: string; contributions: number; bytes: number }> {
	const token = await postgresDemoSession(url, nationalId);
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	const n = (await c.query('SELECT count(*)::int AS n, pg_database_size(current_database())::bigint AS b FROM contributions')).rows[0] as {
		n: number;
		b: string;
	};
	await c.end();
	return { token, contributions: n.n, bytes: Number(n.b) };
}

async function load(path: string, token: string): Promise<autocannon.Result> {
	return autocannon({ url: `http://localhost:${PORT}${path}`, connections, duration, headers: { cookie: `session=${token}` } });
}

const results: Result[] = [];
const memory = new Map<string, { rss: number; own: number }[]>();
const cluster = onPostgres ? await benchPostgres(values.postgres) : null;
const urls = new Map<number, string>();
for (const size of sizes)
	for (const processes of processCounts) {
		// PostgreSQL: the file's folder only keeps the secret key
		const file = onPostgres ? 'data/bench-postgres.db' : seed(size);
		let token: string;
		let contributions: number;
		let dbBytes: number;
		const env: Record<string, string> = { SESSION_IDLE_MINUTES: '600', PROCESSES: String(processes) };
		if (cluster) {
			if (!urls.has(size)) urls.set(size, await (values.postgres ? seededPostgres : seedPostgres)(cluster, `bench_${size}`, size));
			env.DATABASE_URL = urls.get(size)!;
			({ token, contributions, bytes: dbBytes } = await postgresSession(env.DATABASE_URL, DEMO_PEOPLE.s33Active.id));
		} else {
			token = demoSession(file, DEMO_PEOPLE.s33Active.id);
			contributions = (new Database(file, { readonly: true }).prepare('SELECT count(*) n FROM contributions').get() as { n: number }).n;
			dbBytes = fs.statSync(file).size;
		}
		const app = await spawnApp(file, PORT, env);
		const stop = app.stop;
		try {
			for (const route of ['/healthz', '/dashboard', '/contributions']) {
				await load(route, token); // warm-up (page cache, JIT)
				const { result: r, cores, appSeconds } = await measuringCores(app.child.pid!, () => load(route, token));
				results.push({
					size,
					processes,
					dbBytes,
					contributions,
					route,
					rps: r.requests.average,
					p50: r.latency.p50,
					p99: r.latency.p99,
					errors: r.errors,
					non2xx: r.non2xx,
					cores,
					appCpuMs: (appSeconds * 1000) / Math.max(1, r.requests.total)
				});
				console.log(
					`${size.toLocaleString()} persons, ${processes} process(es) ${route}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, cores app ${cores.app.toFixed(2)} generator ${cores.generator.toFixed(2)} machine ${cores.machine.toFixed(2)}`
				);
			}
			// each serving process's memory after its load (with several, the first process only supervises them)
			const pids = appProcesses(app.child.pid!);
			memory.set(`${size}/${processes}`, (processes > 1 ? pids.slice(1) : pids).map(residentMb));
		} finally {
			await stop();
		}
	}

/**
 * The registry's size against a page's tail latency: one app per size (one process each) side by side, the dashboard
 * of SPREAD different insured persons spread over the whole registry (each request the next person's session, so the
 * reads do not stay on one person's cached rows), loaded in alternating rounds so that the machine's noise falls on
 * every size alike. The figure is the median over the rounds of each size's p99.
 */
const SPREAD = 200;
const ROUNDS = 3;
interface SizeRound {
	size: number;
	round: number;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
}
const sizeRounds: SizeRound[] = [];
if (sizes.length > 1) {
	const apps: { size: number; port: number; tokens: string[]; stop: () => Promise<void> }[] = [];
	try {
		for (const [i, size] of sizes.entries()) {
			const file = onPostgres ? 'data/bench-postgres.db' : seed(size);
			const url = urls.get(size);
			const { tokens } = await insuredSessions({ file, url }, SPREAD, 'spread');
			const port = PORT + 10 + i;
			const app = await spawnApp(file, port, { SESSION_IDLE_MINUTES: '600', ...(url ? { DATABASE_URL: url } : {}) }, { quiet: true });
			apps.push({ size, port, tokens, stop: app.stop });
		}
		const spread = (a: (typeof apps)[number]) => {
			let next = 0;
			return autocannon({
				url: `http://localhost:${a.port}`,
				connections,
				duration,
				requests: [
					{
						method: 'GET',
						path: '/dashboard',
						setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: `session=${a.tokens[next++ % a.tokens.length]}` } })
					}
				]
			});
		};
		for (const a of apps) await spread(a); // warm-up
		for (let round = 1; round <= ROUNDS; round++)
			for (const a of round % 2 ? apps : [...apps].reverse()) {
				const r = await spread(a);
				sizeRounds.push({ size: a.size, round, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
				console.log(
					`${a.size.toLocaleString()} persons, ${SPREAD} persons' dashboards, round ${round}: ${r.requests.average.toFixed(0)} req/s, p99 ${r.latency.p99} ms`
				);
			}
	} finally {
		for (const a of apps) await a.stop();
	}
}
cluster?.stop();

const row = (r: Result) =>
	`| ${r.size.toLocaleString('en-US')} | ${r.processes} | ${r.route} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} | ${r.appCpuMs.toFixed(2)} | ${r.cores.app.toFixed(2)} / ${r.cores.generator.toFixed(2)} / ${r.cores.machine.toFixed(2)} |`;
const one = processCounts[0]!;
const ratio = (size: number, route: string) => {
	const page = results.find((r) => r.size === size && r.processes === one && r.route === route)!;
	const trivial = results.find((r) => r.size === size && r.processes === one && r.route === '/healthz')!;
	return ((page.rps / trivial.rps) * 100).toFixed(0);
};
const scale = (size: number, route: string, n: number) => {
	const base = results.find((r) => r.size === size && r.processes === one && r.route === route)!;
	const more = results.find((r) => r.size === size && r.processes === n && r.route === route)!;
	return (more.rps / base.rps).toFixed(2);
};
/**
 * Whether more processes could have served more here: the machine's cores busy with n processes, the part the load
 * generator took, and what a request cost the app with one process and with n (a cost that stays the same means
 * the processes did not get in each other's way; the throughput is then what the cores left to the app allowed).
 */
function headroom(n: number): string {
	const at = (k: number, route: string) => results.filter((r) => r.processes === k && r.route === route);
	const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
	const cores = os.cpus().length;
	return ['/dashboard', '/contributions']
		.map((route) => {
			const [base, more] = [at(one, route), at(n, route)];
			const f = (xs: Result[], pick: (r: Result) => number) => avg(xs.map(pick)).toFixed(2);
			return `${route}: with ${n} processes the machine was ${f(more, (r) => r.cores.machine)} of ${cores} cores busy (the load generator ${f(more, (r) => r.cores.generator)}, the app ${f(more, (r) => r.cores.app)} against ${f(base, (r) => r.cores.app)} with ${one}); the app's CPU per request ${f(base, (r) => r.appCpuMs)} ms with ${one}, ${f(more, (r) => r.appCpuMs)} ms with ${n}.`;
		})
		.join(' ');
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function sizeComparison(): string {
	if (!sizeRounds.length) return '';
	const [small, ...large] = sizes;
	const p99 = (size: number) => median(sizeRounds.filter((r) => r.size === size).map((r) => r.p99));
	const rounds = (size: number) =>
		sizeRounds
			.filter((r) => r.size === size)
			.map((r) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`)
			.join('; ');
	return `**The registry's size against the dashboard's tail latency.** One app process per size, side by side; the dashboards of ${SPREAD} insured persons spread over the registry, each request the next one's session, ${connections} connections, ${duration} s a round, ${ROUNDS} rounds alternating between the sizes after a warm-up round each:

${sizes.map((s) => `- ${s.toLocaleString('en-US')} persons: ${rounds(s)}.`).join('\n')}

${large.map((s) => `Dashboard p99 at ${s.toLocaleString('en-US')} persons ÷ at ${small!.toLocaleString('en-US')} (medians of the rounds): ${p99(s)} ÷ ${p99(small!)} ms = **${(p99(s) / p99(small!)).toFixed(2)}** (target ≤ 1.3).`).join('\n')}

`;
}
const md = `## Server throughput${onPostgres ? ' on PostgreSQL' : ''}

Measured by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
autocannon, ${connections} connections, ${duration} s per route after a ${duration} s warm-up, against the production build (\`npm start\`'s server: adapter-node's handler with compression) with a signed-in
session of the active section 33 demo person (120 months of contributions). The load generator runs on the same 2-core machine as the server${onPostgres ? `, and so does PostgreSQL 15 (${values.postgres ? 'a cluster kept between runs, given by --postgres' : 'a throw-away cluster, fsync off, default settings otherwise'}; DATABASE_POOL_SIZE 10)` : ''}.

| persons | app processes | route | requests/s | p50 ms | p99 ms | errors | app CPU per request, ms | cores busy: app / load generator / machine |
|---|---|---|---|---|---|---|---|---|
${results.map(row).join('\n')}

Registry sizes: ${[...new Set(results.map((r) => `${r.size.toLocaleString('en-US')} persons → ${r.contributions.toLocaleString('en-US')} contribution rows, ${(r.dbBytes / 1e9).toFixed(2)} GB`))].join('; ')}.

Dashboard throughput as a share of the trivial SvelteKit route (/healthz) on the same server (${one} process${one > 1 ? 'es' : ''}): ${sizes.map((s) => `${s.toLocaleString('en-US')} persons ${ratio(s, '/dashboard')} %`).join(', ')}; contributions page: ${sizes.map((s) => `${ratio(s, '/contributions')} %`).join(', ')}.
${processCounts
	.slice(1)
	.map(
		(n) =>
			`\n${n} app processes against ${one}, same run: ${sizes.map((s) => `${s.toLocaleString('en-US')} persons: dashboard ${scale(s, '/dashboard', n)}×, contributions ${scale(s, '/contributions', n)}×, /healthz ${scale(s, '/healthz', n)}×`).join('; ')} (the load generator shares the machine's ${os.cpus().length} cores). ${headroom(n)}`
	)
	.join('')}

Memory of each app process after its routes were loaded, MB resident (its own, without the file pages it shares with the page cache): ${[...memory].map(([k, ms]) => `${Number(k.split('/')[0]).toLocaleString('en-US')} persons, ${k.split('/')[1]} process${k.split('/')[1] === '1' ? '' : 'es'}: ${ms.map((m) => `${m.rss.toFixed(0)} (${m.own.toFixed(0)})`).join(', ')}`).join('; ')}.

${sizeComparison()}Every page reads one person's rows through indexes that start with the national ID (contributions: unique (person_id, period, payer);
coverages, employments, hospital assignments, claims: (person_id)), so the cost of a page does not grow with the registry: compare the rows above.
`;
writePerformanceSection(onPostgres ? 'bench:server-postgres' : 'bench:server', md);
console.log('wrote docs/PERFORMANCE.md');
