/**
 * A throw-away PostgreSQL cluster for tests: initdb in a temporary folder, started on a free port, removed on stop.
 * Uses Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin); as root it runs as `nobody`, since the
 * server refuses to run as root. Without the package the caller is told why, so the tests can say they were skipped —
 * except under CI, where PostgreSQL is installed by .ci/run and its absence is a failure.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Postgres = { url: string; stop: () => void };

function binDir(): string | null {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => Number(v) >= 15) : [];
	const dir = versions
		.sort((a, b) => Number(b) - Number(a))
		.map((v) => path.join(root, v, 'bin'))
		.find((d) => fs.existsSync(path.join(d, 'initdb')));
	return dir ?? null;
}

/** Why no cluster can be started here, or null when PostgreSQL 15 or later is installed. */
export function postgresMissing(): string | null {
	return binDir() ? null : 'PostgreSQL 15 or later is not installed (Debian: apt-get install postgresql; .ci/run does it)';
}

/** psql of the newest installed PostgreSQL (the end-to-end tests' read-only queries use it). */
export function psqlPath(): string {
	const bin = binDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	return path.join(bin, 'psql');
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

/** Start a cluster, or say why none can be started here. */
export async function startPostgres(): Promise<Postgres | { skipped: string }> {
	const bin = binDir();
	if (!bin) return { skipped: postgresMissing()! };
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-pg-'));
	const asRoot = process.getuid?.() === 0;
	if (asRoot) fs.chownSync(dir, 65534, 65534);
	const run = (cmd: string, args: string[]) => {
		const r = asRoot
			? spawnSync('runuser', ['-u', 'nobody', '--', path.join(bin, cmd), ...args], { encoding: 'utf8' })
			: spawnSync(path.join(bin, cmd), args, { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout || r.error}`);
	};
	const data = path.join(dir, 'data');
	const log = path.join(dir, 'log');
	run('initdb', ['-D', data, '-U', 'prakan', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
	// a free port is free when asked, not always when the server binds it (another file's cluster may take it between):
	// a start that fails is tried again on another port, and a last failure says what the server logged
	let port = 0;
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		try {
			// no fsync: a test cluster is thrown away, and it starts and runs faster
			run('pg_ctl', ['-D', data, '-l', log, '-w', '-o', `-p ${port} -h 127.0.0.1 -k ${dir} -F`, 'start']);
			break;
		} catch (e) {
			const said = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' | ') : '';
			if (attempt >= 3) {
				fs.rmSync(dir, { recursive: true, force: true });
				throw new Error(`${(e as Error).message} ${said}`);
			}
		}
	}
	return {
		url: `postgres://prakan@127.0.0.1:${port}/postgres`,
		stop: () => {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}

/**
 * A test file's cluster, or null and the reason it is skipped (said once, naming the file's `what`). Where PostgreSQL
 * is required (REQUIRE_POSTGRES, set by .ci/run) a missing one is a failure, never a skip.
 */
export async function postgresForTests(what: string): Promise<{ pg: Postgres | null; skipped: string | null }> {
	const c = await startPostgres();
	if ('url' in c) return { pg: c, skipped: null };
	if (process.env.REQUIRE_POSTGRES) throw new Error(`PostgreSQL is required here: ${c.skipped}`);
	console.warn(`${what} skipped: ${c.skipped}`);
	return { pg: null, skipped: c.skipped };
}

/** A new, empty database `name` in the cluster (one there before is dropped); its URL. */
export async function createDatabase(p: Postgres, name: string): Promise<string> {
	const admin = new pg.Client({ connectionString: p.url });
	await admin.connect();
	try {
		await admin.query(`DROP DATABASE IF EXISTS ${name}`);
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	return databaseUrl(p.url, name);
}

/** The URL of database `name` in the cluster whose maintenance database (postgres) is at `clusterUrl`. */
export function databaseUrl(clusterUrl: string, name: string): string {
	return clusterUrl.replace(/\/postgres$/, `/${name}`);
}
