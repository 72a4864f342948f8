import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sparePort } from './worker-app';
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Operations, on a server of its own (npm start's scripts/start.ts over build/, on a spare port and database of the worker's):
 * readiness, the listening address and the developer pages, the headers of static files, and a graceful stop on SIGTERM
 * (no new connections, the request in flight answered in full, exit 0).
 * Plain Node sockets: the browser is not needed.
 */
// the worker's spare ports 6, 7 and 8 (./worker-app.ts): this file's server, then the other servers of this file next to it
let PORT = 0;
let ORIGIN = '';
let DB = '';

test.describe.configure({ mode: 'serial' });

let server: ChildProcess;
let output = '';

function removeDb() {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB + suffix, { force: true });
}

test.beforeAll(async ({ app }) => {
	test.setTimeout(120_000);
	PORT = sparePort(6);
	ORIGIN = `http://localhost:${PORT}`;
	DB = `data/e2e/ops-${app.index}.db`;
	removeDb();
	server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		env: {
			...process.env,
			DATABASE_PATH: DB,
			PORT: String(PORT),
			ORIGIN,
			SEED_PERSONS: '50',
			SMS_PROVIDER: 'outbox',
			SHUTDOWN_TIMEOUT: '10',
			// its shutdown and logs are one process's (several processes: tests/http/processes.test.ts)
			PROCESSES: '1',
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout!.on('data', (d) => (output += d));
	server.stderr!.on('data', (d) => (output += d));
	for (let i = 0; ; i++) {
		if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output}`);
		try {
			if ((await fetch(`${ORIGIN}/healthz`)).ok) break;
		} catch {
			// not up yet
		}
		if (i > 500) throw new Error(`the server did not start:\n${output}`);
		await new Promise((r) => setTimeout(r, 200));
	}
});

test.afterAll(() => {
	if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
	removeDb();
});

test('/readyz: 200 when migrated, 503 migrations_pending when a migration is missing, never cached', async () => {
	let res = await fetch(`${ORIGIN}/readyz`);
	expect(res.status).toBe(200);
	expect(res.headers.get('cache-control')).toBe('no-store');
	expect(await res.json()).toEqual({ status: 'ready' });

	// the running server's database loses its newest migration row (as if an older backup were put under it)
	const db = new Database(DB);
	const last = db.prepare('SELECT * FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1').get() as Record<string, unknown>;
	db.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(last.created_at);
	try {
		res = await fetch(`${ORIGIN}/readyz`);
		expect(res.status).toBe(503);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toMatchObject({ status: 'not_ready', reason: 'migrations_pending' });
	} finally {
		db.prepare('INSERT INTO __drizzle_migrations (id, hash, created_at) VALUES (?, ?, ?)').run(last.id ?? null, last.hash, last.created_at);
		db.close();
	}
	expect((await fetch(`${ORIGIN}/readyz`)).status).toBe(200);
	expect((await fetch(`${ORIGIN}/healthz`)).status).toBe(200);
});

/** This machine's address on a network (not loopback), when it has one: how another computer would reach the server. */
function networkAddress(): string | undefined {
	return Object.values(os.networkInterfaces())
		.flat()
		.find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

/** An HTTP GET to an address and port, its status (or 'unreachable' when nothing listens there). */
async function statusAt(host: string, port: number, path: string, headers: Record<string, string> = {}): Promise<number | 'unreachable'> {
	try {
		return (await fetch(`http://${host}:${port}${path}`, { headers, redirect: 'manual', signal: AbortSignal.timeout(5000) })).status;
	} catch {
		return 'unreachable';
	}
}

test('the default start, with the dev SMS outbox, listens on 127.0.0.1 only and says so in its log', async () => {
	expect(output).toMatch(/"msg":"Developer pages are on \(the SMS outbox shows every one-time code at \/dev\/sms\): listening on 127\.0\.0\.1:\d+ only/);
	expect(output).toMatch(/"host":"127\.0\.0\.1"/);
	expect(await statusAt('127.0.0.1', PORT, '/dev/sms')).toBe(200);
	const lan = networkAddress();
	test.skip(!lan, 'this machine has no network address to try');
	expect(await statusAt(lan!, PORT, '/healthz')).toBe('unreachable');
});

test('/dev pages answer only a client on this machine, even with HOST=0.0.0.0 and a forged X-Forwarded-For', async () => {
	test.setTimeout(120_000);
	const port = PORT + 1;
	const db = `${DB.slice(0, -3)}-host.db`;
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
	const open = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		env: {
			...process.env,
			DATABASE_PATH: db,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			HOST: '0.0.0.0',
			SEED_PERSONS: '10',
			SMS_PROVIDER: 'outbox',
			DEV_CLOCK: 'true',
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	open.stdout!.on('data', (d) => (out += d));
	open.stderr!.on('data', (d) => (out += d));
	try {
		for (let i = 0; (await statusAt('127.0.0.1', port, '/healthz')) !== 200; i++) {
			if (open.exitCode !== null || i > 500) throw new Error(`the server did not start:\n${out}`);
			await new Promise((r) => setTimeout(r, 200));
		}
		expect(out).toMatch(/"msg":"Developer pages are on: listening on 0\.0\.0\.0:\d+; \/dev answers this machine only"/);
		expect(await statusAt('127.0.0.1', port, '/dev/sms')).toBe(200);
		// a client on this machine that claims, or passes on, another's address
		for (const h of ['X-Forwarded-For', 'X-Real-IP', 'Forwarded'])
			expect(await statusAt('127.0.0.1', port, '/dev/sms', { [h]: h === 'Forwarded' ? 'for=127.0.0.1' : '127.0.0.1' }), h).toBe(404);
		const lan = networkAddress();
		if (lan) {
			expect(await statusAt(lan, port, '/healthz')).toBe(200); // reachable from the network…
			expect(await statusAt(lan, port, '/dev/sms')).toBe(404); // …but the outbox is not
			expect(await statusAt(lan, port, '/dev/sms', { 'X-Forwarded-For': '127.0.0.1' })).toBe(404);
			const clock = await fetch(`http://${lan}:${port}/dev/clock`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
				body: JSON.stringify({ offsetMs: 86_400_000 })
			});
			expect(clock.status).toBe(404);
		}
	} finally {
		open.kill('SIGKILL');
		await new Promise((r) => (open.exitCode !== null || open.signalCode !== null ? r(null) : open.once('exit', r)));
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
	}
});

/** The headers every response must carry, a static file or a prerendered page as much as a rendered one. */
function expectSecurityHeaders(res: Response, what: string): void {
	expect(res.status, what).toBe(200);
	expect(res.headers.get('x-frame-options'), what).toBe('DENY');
	expect(res.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
	expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
	expect(res.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
	expect(res.headers.get('permissions-policy'), what).toMatch(/^usb=\(self\)/);
}

test('the prerendered /offline page and the static files carry the security headers: no framing', async ({ page }) => {
	const offline = await fetch(`${ORIGIN}/offline`);
	expectSecurityHeaders(offline, '/offline');
	// its scripts are allowed by the page's own <meta> policy (hashes); the header's policy blocks none of them
	expect(await offline.text()).toMatch(/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'sha256-/);
	expect(offline.headers.get('content-security-policy')).not.toContain('script-src');
	for (const path of ['/favicon.svg', '/manifest.webmanifest', '/service-worker.js', '/offline/__data.json'])
		expectSecurityHeaders(await fetch(`${ORIGIN}${path}`, { headers: { 'accept-encoding': 'br, gzip' } }), path);
	const html = await (await fetch(`${ORIGIN}/login`)).text();
	const asset = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
	expect(asset).toBeTruthy();
	expectSecurityHeaders(await fetch(`${ORIGIN}${asset}`), asset!);
	// a page SvelteKit renders keeps its own policy with the nonces
	expect((await fetch(`${ORIGIN}/login`)).headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);

	// and the offline page still runs in Chromium, with no policy violation
	await expectRunsWithoutViolations(page, `${ORIGIN}/offline`);
});

async function expectRunsWithoutViolations(page: Page, url: string): Promise<void> {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
	});
	await page.goto(url);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(violations).toEqual([]);
}

/** A TCP connection attempt: 'refused' (or any failure) once the server no longer listens. */
function tryConnect(): Promise<'connected' | 'failed'> {
	return new Promise((resolve) => {
		const s = net.connect(PORT, '127.0.0.1');
		s.once('connect', () => {
			s.destroy();
			resolve('connected');
		});
		s.once('error', () => resolve('failed'));
	});
}

test('SIGTERM: no new connections, the request in flight gets its full response, then exit 0', async () => {
	test.setTimeout(60_000);
	const body = new URLSearchParams({ nationalId: '1103700123458', password: 'not-the-password-1' }).toString();
	const half = Math.floor(body.length / 2);
	const sock = net.connect(PORT, '127.0.0.1');
	await new Promise((r) => sock.once('connect', r));
	let response = '';
	let socketError: Error | undefined;
	sock.on('data', (d) => (response += d.toString('latin1')));
	sock.on('error', (e) => (socketError = e));
	const ended = new Promise((r) => sock.once('close', r));
	// headers and half the body: the login action is now waiting for the rest
	sock.write(
		`POST /login HTTP/1.1\r\nHost: localhost:${PORT}\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
			`Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`
	);
	await new Promise((r) => setTimeout(r, 500));
	expect(response).toBe('');

	const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
	server.kill('SIGTERM');
	// the listener closes at once: a new connection fails
	let probe: 'connected' | 'failed' = 'connected';
	for (let i = 0; i < 50 && probe === 'connected'; i++) {
		probe = await tryConnect();
		if (probe === 'connected') await new Promise((r) => setTimeout(r, 100));
	}
	expect(probe).toBe('failed');
	expect(server.exitCode).toBeNull(); // still running: the request in flight holds it

	sock.write(body.slice(half));
	await ended;
	expect(socketError).toBeUndefined();
	const [head, ...rest] = response.split('\r\n\r\n');
	const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(head ?? '')?.[1]);
	expect(status).toBeGreaterThanOrEqual(200);
	expect(status).toBeLessThan(500);
	// the whole body arrived (Content-Length, or the last chunk of a chunked body)
	const payload = rest.join('\r\n\r\n');
	const length = /\r\ncontent-length: (\d+)/i.exec(head!)?.[1];
	if (length) expect(Buffer.byteLength(payload, 'latin1')).toBe(Number(length));
	else expect(payload.endsWith('0\r\n\r\n')).toBe(true);

	const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
	expect(code).toBe(0);
	// shutdown is logged as JSON lines
	expect(output).toMatch(/"msg":"Shutting down: no new connections, finishing the requests in flight"/);
	expect(output).toMatch(/"msg":"Stopped"/);
	expect(output).not.toContain('1103700123458');
});

test('the built server alone (node build) exits 1 with one line when the database cannot be opened', async () => {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-ops-'));
	fs.writeFileSync(path.join(tmp, 'afile'), '');
	const file = path.join(tmp, 'afile', 'x.db');
	try {
		const child = spawn(process.execPath, ['build/index.js'], {
			env: {
				...process.env,
				DATABASE_PATH: file,
				SECRET_KEY: 'k'.repeat(40),
				PORT: String(PORT + 2),
				ORIGIN: `http://localhost:${PORT + 2}`,
				SMS_PROVIDER: 'outbox'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		const code = await new Promise((r) => child.once('exit', r));
		expect(code).toBe(1);
		expect(stderr).toBe(
			`Cannot open the database at ${file}: a part of its directory is a file, not a directory (EEXIST). Set DATABASE_PATH to a writable file.\n`
		);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
});
