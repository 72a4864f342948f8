/**
 * Start-up failures are one clear line and exit status 1: spawns scripts/start.ts, which stops before serving build/
 * when the database cannot be opened or migrated (so no build is needed here).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAndMigrate } from './index';
import { StartupError } from './startup';

let tmp: string;
const SECRET_KEY = 'k'.repeat(40);
const asRoot = process.getuid?.() === 0;

beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-startup-'));
	fs.writeFileSync(path.join(tmp, 'afile'), 'not a directory');
	// a migrations folder whose second migration is broken
	const mig = path.join(tmp, 'migrations');
	fs.mkdirSync(path.join(mig, 'meta'), { recursive: true });
	fs.copyFileSync('drizzle/0000_init.sql', path.join(mig, '0000_init.sql'));
	fs.writeFileSync(path.join(mig, '0001_broken.sql'), 'CREATE TABLE fine (id integer);\n--> statement-breakpoint\nCREATE TABL broken (id integer);\n');
	const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8'));
	journal.entries = journal.entries.slice(0, 2);
	journal.entries[1].tag = '0001_broken';
	fs.writeFileSync(path.join(mig, 'meta', '_journal.json'), JSON.stringify(journal));
});
afterAll(() => {
	fs.chmodSync(tmp, 0o755);
	for (const d of fs.readdirSync(tmp)) fs.chmodSync(path.join(tmp, d), 0o755);
	fs.rmSync(tmp, { recursive: true, force: true });
});

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
			env: { ...process.env, VITEST: '', NODE_ENV: 'production', SMS_PROVIDER: 'outbox', ALLOW_DEV_OUTBOX: 'true', PORT: '3309', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('exit', (code) => resolve({ code, stdout, stderr }));
	});
}

describe('npm start with a database it cannot use', () => {
	it('exits 1 with one line when the database directory cannot be created (a parent is a file; fails as root too)', async () => {
		const file = path.join(tmp, 'afile', 'db.sqlite');
		const r = await start({ DATABASE_PATH: file, SECRET_KEY });
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(
			`Cannot open the database at ${file}: a part of its directory is a file, not a directory (EEXIST). Set DATABASE_PATH to a writable file.\n`
		);
		expect(r.stdout).toBe('');
	});

	it('exits 1 with one line when the secret key beside the database cannot be written either', async () => {
		const file = path.join(tmp, 'afile', 'db.sqlite');
		const r = await start({ DATABASE_PATH: file, SECRET_KEY: '' });
		expect(r.code).toBe(1);
		expect(r.stderr.trim().split('\n')).toEqual([
			`Cannot write the secret key file ${path.join(tmp, 'afile', 'secret.key')} (EEXIST). Set DATABASE_PATH to a file in a writable directory, or set SECRET_KEY.`
		]);
	});

	it('exits 1 with one line when a migration fails, naming the file', async () => {
		const r = await start({ DATABASE_PATH: path.join(tmp, 'broken.db'), SECRET_KEY, MIGRATIONS_DIR: path.join(tmp, 'migrations') });
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('Database migrations failed: near "TABL": syntax error (in 0001_broken.sql)\n');
	});

	it.skipIf(asRoot)('exits 1 with one line when the directory is read-only (not as root: root writes anyway)', async () => {
		const dir = path.join(tmp, 'readonly');
		fs.mkdirSync(dir);
		fs.chmodSync(dir, 0o555);
		const file = path.join(dir, 'db.sqlite');
		const r = await start({ DATABASE_PATH: file, SECRET_KEY });
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(`Cannot open the database at ${file}: the directory is not writable (EACCES). Set DATABASE_PATH to a writable file.\n`);
	});
});

describe('openAndMigrate', () => {
	it('names a file that is not a database', () => {
		const file = path.join(tmp, 'not-a-db.sqlite');
		fs.writeFileSync(file, 'x'.repeat(4096));
		expect(() => openAndMigrate(file)).toThrow(StartupError);
		expect(() => openAndMigrate(file)).toThrow(
			`Cannot open the database at ${file}: file is not a database (SQLITE_NOTADB). Set DATABASE_PATH to a writable file.`
		);
	});

	it('refuses a directory', () => {
		expect(() => openAndMigrate(tmp)).toThrow(`Cannot open the database at ${tmp}: it is a directory. Set DATABASE_PATH to a writable file.`);
	});

	it('opens and migrates a good path', () => {
		const d = openAndMigrate(path.join(tmp, 'good', 'db.sqlite'));
		expect((d.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBeGreaterThan(0);
		d.$client.close();
	});
});
