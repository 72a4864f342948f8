import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { is, SQL } from 'drizzle-orm';
import { getTableConfig as liteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import * as lite from './schema';
import * as pg from './schema.pg';

/**
 * Integers that outgrow 4 bytes are bigint on PostgreSQL (SQLite's integers are all 8 bytes): satang amounts (2^31
 * satang is 21 million baht), millisecond instants, and generated ids with the columns that refer to them (24 million
 * members' monthly contributions pass 2^31 rows within a decade).
 */
const isBig = (column: string) =>
	column.endsWith('_satang') ||
	column === 'at' ||
	column.endsWith('_at') ||
	column === 'locked_until' ||
	column === 'window_start' ||
	column === 'id' ||
	column.endsWith('_id');

type Col = {
	name: string;
	notNull: boolean;
	primary: boolean;
	isUnique: boolean;
	hasDefault: boolean;
	default: unknown;
	enumValues?: string[];
	columnType: string;
};
const sqlText = (s: SQL | undefined) =>
	s?.queryChunks.map((c) => (Array.isArray((c as { value?: unknown }).value) ? (c as { value: string[] }).value.join('') : '?')).join('') ?? null;

/** One table as both engines must agree on it, with each engine's column type said in the other's words. */
function shape(config: ReturnType<typeof liteConfig> | ReturnType<typeof pgConfig>, engine: 'sqlite' | 'pg') {
	const type = (c: Col) => {
		const t = {
			SQLiteText: 'text',
			SQLiteInteger: 'integer',
			SQLiteBoolean: 'boolean',
			PgText: 'text',
			PgInteger: 'integer',
			PgBigInt53: 'bigint',
			PgBoolean: 'boolean',
			// bytes: a BLOB on SQLite, bytea (drizzle's custom column) on PostgreSQL
			SQLiteBlobBuffer: 'bytes',
			PgCustomColumn: (c as unknown as { getSQLType(): string }).getSQLType?.() === 'bytea' ? 'bytes' : undefined
		}[c.columnType];
		if (!t) throw new Error(`${config.name}.${c.name}: a column type this test does not know (${c.columnType})`);
		return engine === 'sqlite' && t === 'integer' && isBig(c.name) ? 'bigint' : t;
	};
	const identity = (c: Col) =>
		engine === 'sqlite' ? !!(c as unknown as { autoIncrement?: boolean }).autoIncrement : !!(c as unknown as { generatedIdentity?: unknown }).generatedIdentity;
	return {
		columns: (config.columns as unknown as Col[]).map((c) => ({
			name: c.name,
			type: type(c),
			notNull: c.notNull,
			primary: c.primary,
			unique: c.isUnique,
			identity: identity(c),
			default: c.hasDefault ? c.default : undefined,
			enum: c.enumValues?.length ? c.enumValues : undefined
		})),
		primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
		indexes: config.indexes
			.map((i) => ({
				name: i.config.name,
				unique: !!i.config.unique,
				columns: i.config.columns.map((c) => (c as { name: string }).name),
				where: sqlText(i.config.where)
			}))
			.sort((a, b) => String(a.name).localeCompare(String(b.name))),
		foreignKeys: config.foreignKeys
			.map((f) => {
				const r = f.reference();
				const target = is(r.foreignTable, SQLiteTable) ? liteConfig(r.foreignTable) : pgConfig(r.foreignTable as PgTable);
				return {
					columns: r.columns.map((c) => c.name),
					table: target.name,
					foreignColumns: r.foreignColumns.map((c) => c.name),
					onDelete: f.onDelete ?? 'no action'
				};
			})
			.sort((a, b) => a.columns.join().localeCompare(b.columns.join()))
	};
}

const liteTables = Object.entries(lite).filter(([, t]) => is(t, SQLiteTable)) as [string, SQLiteTable][];
const pgTables = Object.entries(pg).filter(([, t]) => is(t, PgTable)) as [string, PgTable][];

describe('one database, two engines: schema.ts (SQLite) and schema.pg.ts (PostgreSQL) say the same', () => {
	it('the same tables under the same names', () => {
		expect(pgTables.map(([k, t]) => [k, pgConfig(t).name]).sort()).toEqual(liteTables.map(([k, t]) => [k, liteConfig(t).name]).sort());
		expect(liteTables.length).toBeGreaterThan(20);
	});

	for (const [key, table] of liteTables) {
		it(`${liteConfig(table).name}: the same columns in the same order, keys, indexes and references`, () => {
			const other = (pg as Record<string, unknown>)[key];
			expect(is(other, PgTable), `${key} is missing from schema.pg.ts`).toBe(true);
			expect(shape(pgConfig(other as PgTable), 'pg')).toEqual(shape(liteConfig(table), 'sqlite'));
		});
	}

	it('an amount, an instant or a generated id is bigint on PostgreSQL, and nothing else is', () => {
		const big = pgTables.flatMap(([, t]) => (pgConfig(t).columns as unknown as Col[]).filter((c) => c.columnType === 'PgBigInt53').map((c) => c.name));
		expect(big).toContain('amount_satang');
		expect(big).toContain('created_at');
		expect(big).toContain('employer_id');
		expect(big.every(isBig)).toBe(true);
	});
});

describe('each engine’s migrations are in step with its schema', () => {
	// drizzle-kit run on a copy of the folder (given as a relative path: it puts ./ before it): a schema change without
	// its migration is found, and nothing is written here
	for (const [dialect, schema, folder] of [
		['sqlite', 'src/server/db/schema.ts', 'drizzle'],
		['postgresql', 'src/server/db/schema.pg.ts', 'drizzle-pg']
	] as const) {
		it(`${folder}/ (${dialect}): drizzle-kit generate finds nothing to migrate`, { timeout: 60_000 }, () => {
			const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
			try {
				fs.cpSync(folder, copy, { recursive: true });
				const r = spawnSync('npx', ['drizzle-kit', 'generate', '--dialect', dialect, '--schema', schema, '--out', path.relative(process.cwd(), copy)], {
					encoding: 'utf8'
				});
				expect(r.stdout + r.stderr).toContain('No schema changes');
				expect(fs.readdirSync(copy).sort()).toEqual(fs.readdirSync(folder).sort());
			} finally {
				fs.rmSync(copy, { recursive: true, force: true });
			}
		});
	}
});
