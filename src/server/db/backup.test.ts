import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, migrateDb, MIGRATIONS_DIR } from './index';
import { backupDatabase, inspectDatabase, restoreDatabase } from './backup';

let tmp: string;
let file: string;

beforeEach(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-backup-'));
	file = path.join(tmp, 'live.db');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** One SMS and its audit entry in one transaction: a consistent copy always holds as many of one as of the other. */
function writer(conn: Database.Database) {
	const sms = conn.prepare(
		"INSERT INTO sms_outbox (created_at, provider, to_phone, body, purpose, status) VALUES (?, 'outbox', '0812345678', ?, 'test', 'sent')"
	);
	const audit = conn.prepare("INSERT INTO audit_log (at, actor, action, subject) VALUES (?, 'test', 'sms', ?)");
	return conn.transaction((i: number) => {
		sms.run(i, `message ${i} `.padEnd(300, 'x'));
		audit.run(i, String(i));
	});
}
const count = (conn: Database.Database, table: string) => (conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('backupDatabase and restoreDatabase', () => {
	it('backs up consistently while another connection keeps writing, then restores exactly that data', async () => {
		const live = openDb(file);
		migrateDb(live);
		const write = writer(live.$client);
		// ~2 MB: the backup takes several steps, with writes in between
		for (let i = 1; i <= 5000; i++) write(i);

		// a second connection, as the running server would be, writing between the backup's steps
		const other = new Database(file);
		other.pragma('busy_timeout = 5000');
		const writeOther = writer(other);
		let next = 5001;
		let writing = true;
		const during = (async () => {
			while (writing) {
				writeOther(next++);
				await new Promise((r) => setImmediate(r));
			}
		})();
		const dest = path.join(tmp, 'backups', 'copy.db');
		const report = await backupDatabase(file, dest);
		writing = false;
		await during;
		const writtenDuring = next - 5001;
		expect(writtenDuring).toBeGreaterThan(0);

		// a complete, consistent snapshot: integrity ok, both tables at the same point, nothing torn
		expect(report.path).toBe(dest);
		expect(report.bytes).toBe(fs.statSync(dest).size);
		expect(fs.existsSync(`${dest}.partial`)).toBe(false);
		const backedUp = report.tables.sms_outbox!;
		expect(backedUp).toBeGreaterThanOrEqual(5000);
		expect(backedUp).toBeLessThan(next);
		expect(report.tables.audit_log).toBe(backedUp);
		const copy = new Database(dest, { readonly: true });
		expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		expect((copy.prepare('SELECT max(id) AS m FROM sms_outbox').get() as { m: number }).m).toBe(backedUp);
		copy.close();

		// change the live database, then restore: the data is the backup's again
		for (let i = 0; i < 100; i++) writeOther(next++);
		other.prepare('DELETE FROM audit_log WHERE id <= 10').run();
		const liveCount = count(other, 'sms_outbox');
		other.close();
		live.$client.close();

		const restored = restoreDatabase(dest, file);
		expect(restored.tables).toEqual(report.tables);
		expect(restored.migrationsApplied).toBe(0);
		const after = new Database(file, { readonly: true });
		expect(count(after, 'sms_outbox')).toBe(backedUp);
		expect(count(after, 'audit_log')).toBe(backedUp);
		expect(after.prepare('SELECT body FROM sms_outbox WHERE id = ?').pluck().get(backedUp)).toBe(`message ${backedUp} `.padEnd(300, 'x'));
		after.close();

		// the replaced database is kept, with everything it had
		expect(restored.aside).toMatch(/live\.db\.before-restore-\d{8}-\d{6}$/);
		const old = new Database(restored.aside!, { readonly: true });
		expect(count(old, 'sms_outbox')).toBe(liveCount);
		old.close();
	});

	it('brings an older backup up to the current schema', async () => {
		// a database migrated with the first migration only, as an older version left it
		const oldDir = path.join(tmp, 'old-migrations');
		fs.mkdirSync(path.join(oldDir, 'meta'), { recursive: true });
		const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
		expect(journal.entries.length).toBeGreaterThan(1);
		journal.entries = journal.entries.slice(0, 1);
		fs.writeFileSync(path.join(oldDir, 'meta', '_journal.json'), JSON.stringify(journal));
		fs.copyFileSync(path.join(MIGRATIONS_DIR, `${journal.entries[0].tag}.sql`), path.join(oldDir, `${journal.entries[0].tag}.sql`));
		const old = new Database(path.join(tmp, 'old.db'));
		const { drizzle } = await import('drizzle-orm/better-sqlite3');
		const { migrate } = await import('drizzle-orm/better-sqlite3/migrator');
		migrate(drizzle(old), { migrationsFolder: oldDir });
		old.close();
		const backup = path.join(tmp, 'old-backup.db');
		const report = await backupDatabase(path.join(tmp, 'old.db'), backup);
		expect(report.migrations).toBe(1);

		const restored = restoreDatabase(backup, file);
		expect(restored.aside).toBeNull();
		expect(restored.migrationsApplied).toBeGreaterThan(0);
		expect(restored.migrations).toBe(JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')).entries.length);
		expect(restored.tables).toHaveProperty('applications', 0);
	});

	it('refuses a file that is not a sound Prakan database, and changes nothing', async () => {
		const live = openDb(file);
		migrateDb(live);
		writer(live.$client)(1);
		live.$client.close();
		const junk = path.join(tmp, 'junk.db');
		fs.writeFileSync(junk, 'SQLite format 3\0'.padEnd(8192, 'x'));
		expect(() => restoreDatabase(junk, file)).toThrow();
		const notOurs = path.join(tmp, 'other.db');
		new Database(notOurs).exec('CREATE TABLE t (x)');
		expect(() => restoreDatabase(notOurs, file)).toThrow('is not a Prakan database');
		expect(inspectDatabase(file).tables.sms_outbox).toBe(1);
		expect(fs.readdirSync(tmp).filter((f) => f.includes('before-restore') || f.endsWith('.restoring'))).toEqual([]);
		await expect(backupDatabase(file, junk)).rejects.toThrow('already exists');
	});
});
