/**
 * The same registry on both engines reads the same: the demo registry seeded on SQLite and on a real PostgreSQL (the
 * same generator), and every record the citizen's pages, the officer and the hospital read, compared figure by figure
 * for a member of each section. Skipped with the reason where PostgreSQL is not installed; never under CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests } from '../../../tests/support/postgres';
import { freshDb } from '../../../tests/unit/fresh-db';
import { sql } from 'drizzle-orm';
import { rows, setDbForTests, usePostgresForTests } from '../db';
import { DEMO_PEOPLE, seedPostgres, seedRegistry } from './seed';
import { claimRecords, contributionRecords, loadRecords, medicalRecords, statusRecords } from './records';
import { officerView, rightsCheck } from '../staff/lookups';
import { unemploymentContext } from '../applications/unemployment/claim';
import { hospitalContext } from '../applications/hospital/change';
import { section40Context } from '../applications/section40/application';

const { pg: cluster, skipped } = await postgresForTests('PostgreSQL records tests');

const TODAY = '2026-11-25';
const OPTS = { persons: 300, today: TODAY, seed: 7 };

/** The PostgreSQL database's indexes and foreign keys, by name and definition. */
async function indexesAndKeys() {
	return await rows<{ name: string; def: string }>(
		sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()
			UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' ORDER BY 1`
	);
}

/** Everything read about the demo people, as plain data. */
async function readAll() {
	const out: Record<string, unknown> = {};
	for (const [name, p] of Object.entries(DEMO_PEOPLE)) {
		out[name] = {
			records: await loadRecords(p.id, TODAY),
			withApplications: await loadRecords(p.id, TODAY, { applications: true }),
			status: await statusRecords(p.id, TODAY),
			medical: await medicalRecords(p.id, TODAY, { applications: true }),
			claims: await claimRecords(p.id),
			contributions: await contributionRecords(p.id),
			officer: await officerView(p.id, TODAY),
			hospital: await rightsCheck(p.id, '10660', TODAY),
			unemployment: await unemploymentContext(p.id, TODAY),
			hospitalChange: await hospitalContext(p.id, TODAY, false, { moved: false }),
			section40: await section40Context(p.id, TODAY)
		};
	}
	return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

describe.skipIf(!!skipped)('the registry on SQLite and on PostgreSQL', () => {
	let onSqlite: Record<string, unknown>;
	let onPostgres: Record<string, unknown>;
	let close: (() => Promise<void>) | undefined;
	let shape: { before: unknown[]; after: unknown[] };
	beforeAll(async () => {
		const db = freshDb();
		const summary = seedRegistry(db, OPTS);
		onSqlite = await readAll();
		setDbForTests(undefined);
		close = await usePostgresForTests(cluster!.url);
		const before = await indexesAndKeys();
		expect(await seedPostgres(OPTS)).toEqual(summary);
		shape = { before, after: await indexesAndKeys() };
		onPostgres = await readAll();
	}, 60_000);
	afterAll(async () => {
		await close?.();
		cluster?.stop();
	});

	it('the load (which drops the tables’ foreign keys and indexes while it copies) leaves every one as the migrations made it', () => {
		expect(shape.before.length).toBeGreaterThan(40);
		expect(shape.after).toEqual(shape.before);
	});

	for (const name of Object.keys(DEMO_PEOPLE))
		it(`reads the same for ${name}`, () => {
			expect(onPostgres[name]).toBeDefined();
			expect(onPostgres[name]).toEqual(onSqlite[name]);
		});
});
