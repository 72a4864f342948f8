/**
 * npm run bench [-- --sizes 10000,1000000 --duration 10 --connections 10]
 *
 * For each registry size: seed data/bench-<N>.db once (kept for later runs), start the built server on it,
 * sign a demo person in, and load the dashboard, the contributions page and a trivial route (/healthz) with
 * autocannon. Writes the results to docs/PERFORMANCE.md. Needs `npm run build` first.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { generateToken, hashToken } from '../src/server/auth/tokens';
import { DEMO_PEOPLE } from '../src/server/registry/seed';

const { values } = parseArgs({
	options: { sizes: { type: 'string', default: '10000,1000000' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } }
});
const sizes = values.sizes!.split(',').map(Number);
const duration = Number(values.duration);
const connections = Number(values.connections);
const PORT = 3300;

interface Result {
	size: number;
	dbBytes: number;
	contributions: number;
	route: string;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
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

/** A signed-in session for the active section 33 demo person, written straight into the database. */
function session(file: string): string {
	const db = new Database(file);
	const id = DEMO_PEOPLE.s33Active.id;
	const t = Date.now();
	db.prepare(
		"INSERT OR IGNORE INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,locale,password_changed_at,created_at) VALUES ('bench',?, '0812345678','-',?, 'bench', ?, 'th', ?, ?)"
	).run(id, t, t, t, t);
	const token = generateToken();
	db.prepare("INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES (?, 'bench', ?, ?, ?)").run(hashToken(token), t, t, t + 3_600_000);
	db.close();
	return token;
}

async function startServer(file: string): Promise<() => void> {
	const child = spawn('node', ['build/index.js'], {
		env: {
			...process.env,
			DATABASE_PATH: file,
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			SESSION_IDLE_MINUTES: '600',
			LOGIN_IP_PER_HOUR: '1000000'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://localhost:${PORT}/healthz`)).ok) return () => child.kill();
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill();
	throw new Error('server did not start');
}

async function load(path: string, token: string): Promise<autocannon.Result> {
	return autocannon({ url: `http://localhost:${PORT}${path}`, connections, duration, headers: { cookie: `session=${token}` } });
}

const results: Result[] = [];
for (const size of sizes) {
	const file = seed(size);
	const token = session(file);
	const stop = await startServer(file);
	try {
		const contributions = (new Database(file, { readonly: true }).prepare('SELECT count(*) n FROM contributions').get() as { n: number }).n;
		for (const route of ['/healthz', '/dashboard', '/contributions']) {
			await load(route, token); // warm-up (page cache, JIT)
			const r = await load(route, token);
			results.push({
				size,
				dbBytes: fs.statSync(file).size,
				contributions,
				route,
				rps: r.requests.average,
				p50: r.latency.p50,
				p99: r.latency.p99,
				errors: r.errors,
				non2xx: r.non2xx
			});
			console.log(
				`${size.toLocaleString()} persons ${route}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`
			);
		}
	} finally {
		stop();
	}
}

const row = (r: Result) => `| ${r.size.toLocaleString('en-US')} | ${r.route} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`;
const ratio = (size: number, route: string) => {
	const page = results.find((r) => r.size === size && r.route === route)!;
	const trivial = results.find((r) => r.size === size && r.route === '/healthz')!;
	return ((page.rps / trivial.rps) * 100).toFixed(0);
};
const md = `# Performance

Measured by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
autocannon, ${connections} connections, ${duration} s per route after a ${duration} s warm-up, against the production build (adapter-node) with a signed-in
session of the active section 33 demo person (120 months of contributions). The load generator runs on the same 2-core machine as the server.

| persons | route | requests/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|
${results.map(row).join('\n')}

Registry sizes: ${[...new Set(results.map((r) => `${r.size.toLocaleString('en-US')} persons → ${r.contributions.toLocaleString('en-US')} contribution rows, ${(r.dbBytes / 1e9).toFixed(2)} GB`))].join('; ')}.

Dashboard throughput as a share of the trivial SvelteKit route (/healthz) on the same server: ${sizes.map((s) => `${s.toLocaleString('en-US')} persons ${ratio(s, '/dashboard')} %`).join(', ')}; contributions page: ${sizes.map((s) => `${ratio(s, '/contributions')} %`).join(', ')}.

Every page reads one person's rows through indexes that start with the national ID (contributions: unique (person_id, period, payer);
coverages, employments, hospital assignments, claims: (person_id)), so the cost of a page does not grow with the registry: compare the rows above.
`;
fs.mkdirSync('docs', { recursive: true });
fs.writeFileSync('docs/PERFORMANCE.md', md);
console.log('wrote docs/PERFORMANCE.md');
