/**
 * npm run db:backup / db:restore on PostgreSQL: pg_dump's archive of a database in use, restored exactly; an older
 * archive brought up to this version; what is refused (an archive of a newer version, one that is not ours, a
 * damaged file) changes nothing. A throw-away cluster of the file's own; skipped with the reason where PostgreSQL is
 * not installed, never under CI.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { createDatabase, postgresForTests } from '../../../tests/support/postgres';
import { PG_MIGRATIONS_DIR } from './index';
import { backupPostgres, inspectArchive, inspectPostgres, otherClients, restorePostgres } from './backup-postgres';

const { pg: cluster, skipped } = await postgresForTests('PostgreSQL backup tests');
afterAll(() => cluster?.stop());

let tmp: string;
beforeEach(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-pg-backup-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A database migrated with `migrationsDir`'s migrations, and a client on it. */
async function database(name: string, migrationsDir = PG_MIGRATIONS_DIR): Promise<{ url: string; client: pg.Client }> {
	const url = await createDatabase(cluster!, name);
	const pool = new pg.Pool({ connectionString: url, max: 1 });
	await migrate(drizzle(pool), { migrationsFolder: migrationsDir });
	await pool.end();
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	return { url, client };
}

/** `n` SMS messages, each with its audit entry, in one transaction. */
async function write(client: pg.Client, from: number, n: number): Promise<void> {
	await client.query('BEGIN');
	for (let i = from; i < from + n; i++) {
		await client.query(
			"INSERT INTO sms_outbox (created_at, provider, to_phone, body, purpose, status) VALUES ($1, 'outbox', '0812345678', $2, 'test', 'sent')",
			[i, `ข้อความ ${i}`]
		);
		await client.query("INSERT INTO audit_log (at, actor, action, subject) VALUES ($1, 'test', 'sms', $2)", [i, String(i)]);
	}
	await client.query('COMMIT');
}

/** The migrations folder without its newest migration: what an older version of the app shipped. */
function olderMigrations(): string {
	const dir = path.join(tmp, 'older');
	fs.cpSync(PG_MIGRATIONS_DIR, dir, { recursive: true });
	const journalFile = path.join(dir, 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
	const newest = journal.entries.pop()!;
	fs.rmSync(path.join(dir, `${newest.tag}.sql`));
	fs.writeFileSync(journalFile, JSON.stringify(journal));
	return dir;
}

const journalLength = () =>
	(JSON.parse(fs.readFileSync(path.join(PG_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe.skipIf(!!skipped)('db:backup and db:restore on PostgreSQL', () => {
	it('backs up consistently while another connection keeps writing, then restores exactly that data', async () => {
		const { url, client } = await database('live');
		await write(client, 0, 200);
		const writer = new pg.Client({ connectionString: url });
		await writer.connect();
		// another connection, as the running app would be, writing while pg_dump copies
		let stop = false;
		let i = 1000;
		const writing = (async () => {
			while (!stop) await write(writer, (i += 1), 1);
		})();
		const dest = path.join(tmp, 'backups', 'copy.dump');
		const report = await backupPostgres(url, dest);
		stop = true;
		await writing;
		await writer.end();
		expect(report).toMatchObject({ path: dest, migrations: journalLength() });
		expect(report.tables).toContain('persons');
		expect(fs.existsSync(`${dest}.partial`)).toBe(false);
		await expect(backupPostgres(url, dest)).rejects.toThrow(/already exists/);

		// change the database, then restore: the data is the archive's again, in as many messages as audit entries
		await write(client, 5000, 10);
		await client.query('DELETE FROM audit_log WHERE at < 100');
		await client.end();
		const restored = await restorePostgres(dest, url, path.join(tmp, 'aside'));
		expect(restored.migrationsApplied).toBe(0);
		expect(restored.migrations).toBe(journalLength());
		expect(restored.tables.sms_outbox).toBe(restored.tables.audit_log);
		expect(restored.tables.sms_outbox).toBeGreaterThanOrEqual(200);
		const check = new pg.Client({ connectionString: url });
		await check.connect();
		const bodies = await check.query<{ body: string }>('SELECT body FROM sms_outbox WHERE created_at = 5');
		expect(bodies.rows).toEqual([{ body: 'ข้อความ 5' }]);
		expect((await check.query('SELECT 1 FROM sms_outbox WHERE created_at >= 5000')).rowCount).toBe(0);
		// the app's sequences carry on after the restored rows
		const next = await check.query<{ id: number }>("INSERT INTO audit_log (at, actor, action, subject) VALUES (0, 'test', 'after', 'x') RETURNING id");
		expect(Number(next.rows[0]!.id)).toBeGreaterThan(restored.tables.audit_log!);
		await check.end();
		// the database as it was before the restore is kept as an archive of its own
		expect(restored.aside).toMatch(/aside\/live-before-restore-\d{8}-\d{6}\.dump$/);
		expect((await inspectArchive(restored.aside!)).migrations).toBe(journalLength());
	}, 60_000);

	it('brings an older backup up to the current schema, and drops what the newer schema had', async () => {
		const older = olderMigrations();
		const old = await database('old', older);
		await write(old.client, 0, 3);
		await old.client.end();
		const backup = path.join(tmp, 'old.dump');
		expect((await backupPostgres(old.url, backup)).migrations).toBe(journalLength() - 1);
		const { url, client } = await database('current');
		await write(client, 100, 7);
		// a row in the table only the newest migration makes: after the restore the table is made again, empty
		await client.query("INSERT INTO application_refs (prefix, last) VALUES ('S40-2569-', 12)");
		await client.end();
		const restored = await restorePostgres(backup, url, path.join(tmp, 'aside'));
		expect(restored.migrationsApplied).toBe(1);
		expect(restored.migrations).toBe(journalLength());
		expect([restored.tables.sms_outbox, restored.tables.audit_log, restored.tables.application_refs]).toEqual([3, 3, 0]);
		expect((await inspectPostgres(url)).tables).toEqual(restored.tables);
	}, 60_000);

	it('refuses an archive of a newer version, one that is not a Prakan database, and a damaged file, and changes nothing', async () => {
		const newer = await database('newer');
		await newer.client.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('next', 9999999999999)");
		await newer.client.end();
		const newerFile = path.join(tmp, 'newer.dump');
		await backupPostgres(newer.url, newerFile);
		const foreignUrl = await createDatabase(cluster!, 'other_app');
		const foreign = new pg.Client({ connectionString: foreignUrl });
		await foreign.connect();
		await foreign.query('CREATE TABLE persons (id int)');
		await foreign.end();
		await expect(backupPostgres(foreignUrl, path.join(tmp, 'other.dump'))).rejects.toThrow(/not a Prakan database/);
		expect(fs.readdirSync(tmp)).not.toContain('other.dump.partial');
		const damaged = path.join(tmp, 'damaged.dump');
		fs.writeFileSync(damaged, fs.readFileSync(newerFile).subarray(0, 200));

		const { url, client } = await database('target');
		await write(client, 0, 4);
		await client.end();
		const before = await inspectPostgres(url);
		const aside = path.join(tmp, 'aside');
		await expect(restorePostgres(newerFile, url, aside)).rejects.toThrow(
			`has ${journalLength() + 1} migrations applied, this version knows ${journalLength()}`
		);
		await expect(restorePostgres(damaged, url, aside)).rejects.toThrow(/not a readable PostgreSQL backup/);
		await expect(restorePostgres(path.join(tmp, 'missing.dump'), url, aside)).rejects.toThrow(/There is no backup/);
		expect(await inspectPostgres(url)).toEqual(before);
		expect(fs.existsSync(aside)).toBe(false);
	}, 60_000);

	it('names the other clients connected to the database (the script refuses to restore under them)', async () => {
		const { url, client } = await database('busy');
		await client.end();
		expect(await otherClients(url)).toEqual([]);
		const app = new pg.Client({ connectionString: url, application_name: 'prakan-app' });
		await app.connect();
		expect(await otherClients(url)).toEqual([{ application: 'prakan-app', address: '127.0.0.1' }]);
		await app.end();
	});
});
