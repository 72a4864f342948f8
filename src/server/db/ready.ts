/**
 * Readiness (/readyz): the database answers, and every migration this build ships has been applied (a restored older
 * backup, or a database another version migrated, is not ready). Liveness stays /healthz (the process is up).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { db, engine, MIGRATIONS_DIR, PG_MIGRATIONS_DIR, rows } from './index';

export type Readiness =
	{ ready: true } | { ready: false; reason: 'database_unreachable' } | { ready: false; reason: 'migrations_pending'; applied: number; expected: number };

type Journal = { entries: { tag: string; when: number }[] };

const journals = new Map<string, Journal>();

/** drizzle-kit's journal of the migrations folder; read once (a new build restarts the process). */
function journal(migrationsDir: string): Journal {
	let j = journals.get(migrationsDir);
	if (!j) {
		j = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as Journal;
		journals.set(migrationsDir, j);
	}
	return j;
}

/** Compare drizzle's __drizzle_migrations (one row per applied migration, created_at = the journal's `when`) with the journal. */
export function checkReady(open: () => Database.Database, migrationsDir: string): Readiness {
	let applied: { n: number; last: number | null };
	try {
		const client = open();
		client.prepare('SELECT 1').get();
		const table = client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
		applied = table
			? (client.prepare('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations').get() as { n: number; last: number | null })
			: { n: 0, last: null };
	} catch {
		return { ready: false, reason: 'database_unreachable' };
	}
	return compare(applied, migrationsDir);
}

/**
 * Ready when every migration of this build is applied. A database a newer version has migrated further is ready too:
 * during a rolling deploy on a shared PostgreSQL the machines still on the old version keep serving (a migration adds
 * what the new version needs and takes nothing the old one reads), instead of all leaving the load balancer at once.
 */
function compare(applied: { n: number; last: number | null }, migrationsDir: string): Readiness {
	const entries = journal(migrationsDir).entries;
	const expected = entries.length;
	const last = entries.at(-1)?.when ?? null;
	if (applied.n < expected || Number(applied.last ?? 0) < Number(last ?? 0))
		return { ready: false, reason: 'migrations_pending', applied: applied.n, expected };
	return { ready: true };
}

/** The process's database, either engine: answering, and at this build's migrations. */
export async function readiness(): Promise<Readiness> {
	if (engine() !== 'postgres') return checkReady(() => db().$client, MIGRATIONS_DIR);
	let applied: { n: number; last: number | null };
	try {
		const [r] = await rows<{ n: number; last: string | number | null }>(
			sql`SELECT count(*)::int AS n, max(created_at) AS last FROM drizzle.__drizzle_migrations`
		);
		applied = { n: r?.n ?? 0, last: r?.last == null ? null : Number(r.last) };
	} catch (e) {
		// no migrations table yet (42P01, 3F000): nothing applied; anything else: the database does not answer
		const code = String((e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code);
		if (code !== '42P01' && code !== '3F000') return { ready: false, reason: 'database_unreachable' };
		applied = { n: 0, last: null };
	}
	return compare(applied, PG_MIGRATIONS_DIR);
}
