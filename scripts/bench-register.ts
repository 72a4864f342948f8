/**
 * npm run bench:register [-- --registrations 300 --concurrency 8 --processes 1,2 --persons 10000 --engine sqlite|postgres]
 *
 * Registrations a second, as the citizen makes them: for each, the terms (step 1), the details (step 2: the registry
 * check, the password hashed with argon2id, a code texted to the dev outbox) and the code (step 3: the account made,
 * a session started), over HTTP against the built server (scripts/start.ts), `--concurrency` registrations at once,
 * each a different registry person and mobile number. Run with one app process and with two (`--processes`), on a
 * copy of data/bench-<persons>.db or, with `--engine postgres`, on a throw-away PostgreSQL cluster. The per-address
 * caps are lifted (every request comes from 127.0.0.1), the per-phone and per-ID caps are kept (each registration has
 * its own). Writes docs/PERFORMANCE.md (section bench:register[-postgres]). Needs `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
	appProcesses,
	benchPostgres,
	cpuSeconds,
	engineOption,
	postgresStore,
	sqliteStore,
	type Store,
	exitIfCheck,
	residentMb,
	seedPostgres,
	spawnApp,
	writePerformanceSection
} from './lib/app-server';

const { values } = parseArgs({
	options: {
		check: { type: 'boolean', default: false },
		registrations: { type: 'string', default: '300' },
		concurrency: { type: 'string', default: '8' },
		processes: { type: 'string', default: '1,2' },
		persons: { type: 'string', default: '10000' },
		engine: { type: 'string', default: 'sqlite' }
	}
});
const onPostgres = engineOption(values.engine) === 'postgres';
exitIfCheck(values.check, 'bench:register');
const total = Number(values.registrations);
const concurrency = Number(values.concurrency);
const processCounts = values.processes!.split(',').map(Number);
const persons = Number(values.persons);
const PORT = 3420;
const ORIGIN = `http://localhost:${PORT}`;
const PASSWORD = 'ทดสอบ รหัส 2569!';
/** every request comes from this machine: the per-address caps would stop the run after a few registrations */
const OPEN_CAPS = { OTP_IP_PER_HOUR: '100000', OTP_IP_PER_DAY: '1000000', REGISTER_IP_PER_HOUR: '1000000', SMS_PER_HOUR: '10000000' };

type Person = { id: string; first: string; last: string; birth: string };

/** A cookie's name=value from a response's Set-Cookie headers. */
function cookie(r: Response, name: string): string | null {
	return (
		r.headers
			.getSetCookie()
			.find((c) => c.startsWith(`${name}=`))
			?.split(';')[0] ?? null
	);
}

function form(body: Record<string, string>): RequestInit {
	return {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, accept: 'text/html' },
		body: new URLSearchParams(body).toString(),
		redirect: 'manual'
	};
}

let phoneSeq = 0;
const phoneBase = 10_000_000 + (Date.now() % 80_000_000);

/** One citizen's registration, steps 1 to 3; the time each step took, in ms. */
async function register(p: Person, store: Store): Promise<{ details: number; verify: number }> {
	const phone = `08${String((phoneBase + ++phoneSeq * 7919) % 100_000_000).padStart(8, '0')}`;
	const terms = await fetch(`${ORIGIN}/register/terms`, form({ accept: 'yes' }));
	const flow = cookie(terms, 'flow_register');
	if (terms.status !== 303 || !flow) throw new Error(`terms: ${terms.status}`);
	const [y, m, d] = p.birth.split('-').map(Number) as [number, number, number];
	const t0 = performance.now();
	const details = await fetch(`${ORIGIN}/register/details`, {
		...form({
			nationalId: p.id,
			firstName: p.first,
			lastName: p.last,
			birthDay: String(d),
			birthMonth: String(m),
			birthYear: String(y + 543),
			phone,
			password: PASSWORD,
			passwordConfirm: PASSWORD
		}),
		headers: { ...(form({}).headers as Record<string, string>), cookie: flow }
	});
	const t1 = performance.now();
	if (details.status !== 303 || details.headers.get('location') !== '/register/verify')
		throw new Error(`details for ${p.id}: ${details.status} ${details.headers.get('location')}`);
	const flow2 = cookie(details, 'flow_register') ?? flow;
	const [sms] = await store.all<{ body: string }>('SELECT body FROM sms_outbox WHERE to_phone = ? ORDER BY id DESC LIMIT 1', phone);
	const code = sms?.body.match(/(?<!\d)(\d{6})(?!\d)/)?.[1];
	if (!code) throw new Error(`no code texted to ${phone}`);
	const t2 = performance.now();
	const verify = await fetch(`${ORIGIN}/register/verify?/verify`, {
		...form({ code }),
		headers: { ...(form({}).headers as Record<string, string>), cookie: flow2 }
	});
	const t3 = performance.now();
	if (verify.status !== 303 || !verify.headers.get('location')?.startsWith('/dashboard'))
		throw new Error(`verify for ${p.id}: ${verify.status} ${verify.headers.get('location')}`);
	return { details: t1 - t0, verify: t3 - t2 };
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

interface Result {
	processes: number;
	perSecond: number;
	seconds: number;
	done: number;
	/** CPU time of the app processes per registration, and the cores they kept busy on average */
	cpuMs: number;
	cores: number;
	/** resident memory of each serving process at the end, MB */
	memory: { rss: number; own: number }[];
	detailsP50: number;
	detailsP99: number;
	verifyP50: number;
	verifyP99: number;
}

const cluster = onPostgres ? await benchPostgres() : null;
const results: Result[] = [];
try {
	for (const processes of processCounts) {
		// a fresh registry each run: the people registered by one run are not free for the next
		const file = `data/bench-register-${process.pid}.db`;
		for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
		let url: string | undefined;
		if (cluster) url = await seedPostgres(cluster, `bench_register_${processes}`, persons);
		else {
			const source = `data/bench-${persons}.db`;
			if (!fs.existsSync(source)) execFileSync('npx', ['tsx', 'scripts/seed.ts', '--db', source, '--persons', String(persons)], { stdio: 'inherit' });
			const s = new Database(source);
			s.pragma('wal_checkpoint(TRUNCATE)');
			s.close();
			fs.copyFileSync(source, file);
		}
		const store = url ? await postgresStore(url) : sqliteStore(file);
		const people = await store.all<Person>(
			'SELECT national_id AS id, first_name_th AS first, last_name_th AS last, birth_date AS birth FROM persons WHERE national_id NOT IN (SELECT national_id FROM users) ORDER BY national_id LIMIT ?',
			total + 20 * concurrency
		);
		const env: Record<string, string> = { ...OPEN_CAPS, PROCESSES: String(processes) };
		if (url) env.DATABASE_URL = url;
		const app = await spawnApp(file, PORT, env, { quiet: true });
		try {
			// warm-up: a few registrations per connection (JIT, page cache, argon2's memory), not counted
			let next = 0;
			const take = () => people[next++]!;
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					for (let i = 0; i < 3; i++) await register(take(), store);
				})
			);
			const details: number[] = [];
			const verify: number[] = [];
			let begun = 0;
			// the app processes: the primary (which only supervises when there are several) and the ones serving
			const pids = appProcesses(app.child.pid!);
			const serving = processes > 1 ? pids.slice(1) : pids;
			const cpuBefore = cpuSeconds(pids);
			const started = performance.now();
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					while (begun++ < total) {
						const t = await register(take(), store);
						details.push(t.details);
						verify.push(t.verify);
					}
				})
			);
			const done = details.length;
			const cpu = cpuSeconds(pids) - cpuBefore;
			const memory = serving.map(residentMb);
			const seconds = (performance.now() - started) / 1000;
			const r: Result = {
				processes,
				perSecond: done / seconds,
				seconds,
				done,
				cpuMs: (1000 * cpu) / done,
				cores: cpu / seconds,
				memory,
				detailsP50: pct(details, 0.5),
				detailsP99: pct(details, 0.99),
				verifyP50: pct(verify, 0.5),
				verifyP99: pct(verify, 0.99)
			};
			results.push(r);
			console.log(
				`${processes} process(es): ${done} registrations in ${seconds.toFixed(1)} s = ${r.perSecond.toFixed(1)}/s; step 2 p50 ${r.detailsP50.toFixed(0)} ms p99 ${r.detailsP99.toFixed(0)} ms; step 3 p50 ${r.verifyP50.toFixed(0)} ms p99 ${r.verifyP99.toFixed(0)} ms; ${r.cpuMs.toFixed(0)} ms CPU each, ${r.cores.toFixed(2)} cores busy; memory ${memory.map((m) => `${m.rss.toFixed(0)} (own ${m.own.toFixed(0)})`).join(', ')} MB`
			);
		} finally {
			await app.stop();
			await store.close();
			if (!url) for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
		}
	}
} finally {
	cluster?.stop();
}

const one = results[0]!;
const rows = results.map(
	(r) =>
		`| ${r.processes} | ${r.done} | ${r.perSecond.toFixed(1)} | ${(r.perSecond / one.perSecond).toFixed(2)}× | ${r.detailsP50.toFixed(0)} / ${r.detailsP99.toFixed(0)} | ${r.verifyP50.toFixed(0)} / ${r.verifyP99.toFixed(0)} | ${r.cpuMs.toFixed(0)} ms, ${r.cores.toFixed(2)} cores | ${r.memory.map((m) => `${m.rss.toFixed(0)} (own ${m.own.toFixed(0)})`).join(', ')} |`
);
writePerformanceSection(
	onPostgres ? 'bench:register-postgres' : 'bench:register',
	`## Registrations per second${onPostgres ? ' on PostgreSQL' : ''}

Measured by \`npm run bench:register${onPostgres ? ' -- --engine postgres' : ''}\` (scripts/bench-register.ts) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}; ${concurrency} registrations at once over HTTP against the production build, each the three steps a citizen takes (terms; details: the registry check, the password hashed with argon2id at 19 MiB, 2 passes, 1 lane, a code texted to the dev outbox; the code: the account made and a session started), a different registry person and mobile number each, ${persons.toLocaleString('en-US')} persons in the registry${onPostgres ? ', on a throw-away PostgreSQL 15 cluster on the same machine' : ''}. The client (Node's fetch, reading each code from the outbox) runs on the same ${os.cpus().length}-core machine. argon2id hashes on libuv's thread pool (@node-rs/argon2), not on the process's JavaScript thread: one process already keeps more than one core busy, so on this machine a second process adds little; the \`cores busy\` column says how much of the machine the app processes used.

| app processes | registrations | per second | against one process | step 2 p50 / p99 ms | step 3 p50 / p99 ms | app CPU per registration, cores busy | memory per serving process, MB: resident (its own) |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`
);
console.log('wrote docs/PERFORMANCE.md');
