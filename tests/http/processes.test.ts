/**
 * npm start with several app processes (scripts/supervise.ts), on the built app: they share the port, one that dies
 * is replaced while the other keeps serving, the hourly work runs in one of them, a port in use is said once, and
 * SIGTERM stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { freePort } from './app';

const dir = 'data/http/processes';
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const children: ChildProcess[] = [];
afterAll(() => {
	for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(port: number, db: string) {
	// two app processes, without the test clock (which keeps the server to one)
	const settings = { DATABASE_PATH: db, PORT: String(port), ORIGIN: `http://localhost:${port}`, SEED_PERSONS: '20', SMS_PROVIDER: 'outbox' };
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		env: { ...process.env, ...settings, LOG_LEVEL: 'info', PROCESSES: '2', DEV_CLOCK: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	const out = { stdout: '', stderr: '' };
	child.stdout!.on('data', (d) => (out.stdout += d));
	child.stderr!.on('data', (d) => (out.stderr += d));
	// complete lines only: the last may still be arriving
	const lines = () =>
		out.stdout
			.split('\n')
			.slice(0, -1)
			.map((l) => JSON.parse(l) as { pid: number; msg: string; worker?: number });
	const listening = () => [
		...new Set(
			lines()
				.filter((l) => l.msg.startsWith('Prakan is listening'))
				.map((l) => l.pid)
		)
	];
	return { child, out, lines, listening };
}

async function until<T>(what: string, f: () => T | undefined | false, ms = 60_000): Promise<T> {
	for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
		const v = f();
		if (v) return v;
	}
	throw new Error(`waited ${ms} ms for ${what}`);
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

it('two app processes share the port; one killed is replaced while the other serves; SIGTERM stops all', { timeout: 120_000 }, async () => {
	if (!fs.existsSync('build/handler.js')) throw new Error('the HTTP tests run the built app: npm run build first');
	const port = await freePort();
	const db = `${dir}/app.db`;
	const app = start(port, db);
	const [first, second] = await until('two processes listening', () => (app.listening().length === 2 ? app.listening() : undefined));
	const health = async () => (await fetch(`http://localhost:${port}/healthz`, { signal: AbortSignal.timeout(5000) })).status;
	expect(await health()).toBe(200);
	// the hourly work: one holder of its lease, one of the two
	const lease = await until('the housekeeping lease', () => {
		const d = new Database(db, { readonly: true });
		try {
			return d.prepare("SELECT holder FROM leases WHERE name = 'housekeeping'").get() as { holder: string } | undefined;
		} finally {
			d.close();
		}
	});
	expect([first, second].map((p) => lease.holder.includes(`:${p}:`))).toContain(true);

	process.kill(second!, 'SIGKILL');
	// once the supervisor has seen it go (until then it may still hand it a new connection), the other answers every
	// request while the replacement starts
	await until('the supervisor to see it', () => app.lines().some((l) => l.msg === 'An app process ended: starting another' && l.worker === second));
	for (let i = 0; i < 5; i++) expect(await health()).toBe(200);
	const third = await until('a replacement', () => app.listening().find((p) => p !== first && p !== second));
	expect(await health()).toBe(200);

	// a second start on the same port: one line, exit status 1, and the first is untouched
	const clash = start(port, `${dir}/other.db`);
	const code = await new Promise<number | null>((r) => clash.child.once('exit', r));
	expect(code).toBe(1);
	expect(clash.out.stderr.trim().split('\n')).toEqual([
		expect.stringMatching(/^Cannot listen on port \d+: it is in use \(EADDRINUSE\)\. Set PORT to a free port\.$/)
	]);
	expect(await health()).toBe(200);

	app.child.kill('SIGTERM');
	expect(await new Promise<number | null>((r) => app.child.once('exit', r))).toBe(0);
	await until('every app process gone', () => ![first!, third!].some(alive), 10_000);
});
