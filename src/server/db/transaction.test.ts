import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { resetConfigForTests } from '../config';
import { afterCommit, db, migrateDb, one, openDb, schema, setDbForTests, transaction, type Db } from '.';
import { freshDb } from '../../../tests/unit/fresh-db';
import Database from 'better-sqlite3';

/** A migrated database in a file of its own (two connections: the writer and the read-only reader). */
function fileDb(): { d: Db; done: () => void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-tx-'));
	const file = path.join(dir, 'p.db');
	resetConfigForTests({ DATABASE_PATH: file });
	const d = openDb(file);
	migrateDb(d);
	setDbForTests(d);
	return {
		d,
		done: () => {
			setDbForTests(undefined);
			d.$client.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

const counter = async () => (await one(db().select({ n: schema.rateLimits.count }).from(schema.rateLimits).where(eq(schema.rateLimits.key, 'c'))))?.n ?? 0;
/** Read, wait, write: without one transaction at a time, two of these would both read the same count. */
const increment = () =>
	transaction(async (tx) => {
		const n = await counter();
		await new Promise<void>((r) => setImmediate(r));
		await tx
			.insert(schema.rateLimits)
			.values({ key: 'c', windowStart: 0, count: n + 1 })
			.onConflictDoUpdate({ target: [schema.rateLimits.key, schema.rateLimits.windowStart], set: { count: n + 1 } });
	});

afterEach(() => setDbForTests(undefined));

describe('transaction()', () => {
	for (const kind of ['in memory', 'in a file'] as const) {
		describe(kind, () => {
			const open = () => (kind === 'in a file' ? fileDb() : { d: freshDb(), done: () => setDbForTests(undefined) });

			it('runs one transaction at a time, so a read-then-write never loses an update', async () => {
				const { done } = open();
				try {
					await Promise.all(Array.from({ length: 20 }, increment));
					expect(await counter()).toBe(20);
				} finally {
					done();
				}
			});

			it('keeps nothing of a transaction that throws, and tells what waited for it', async () => {
				const { done } = open();
				try {
					const told: boolean[] = [];
					await expect(
						transaction(async (tx) => {
							await tx.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 7 });
							afterCommit((committed) => told.push(committed));
							throw new Error('boom');
						})
					).rejects.toThrow('boom');
					expect(await counter()).toBe(0);
					await transaction(async (tx) => {
						await tx.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 3 });
						afterCommit((committed) => told.push(committed));
						expect(told).toEqual([false]); // not before the commit
					});
					expect(told).toEqual([false, true]);
				} finally {
					done();
				}
			});

			it('refuses a write outside transaction()', async () => {
				const { done } = open();
				try {
					await expect(db().insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 1 })).rejects.toThrow(/readonly|outside transaction/);
					expect(await counter()).toBe(0);
				} finally {
					done();
				}
			});

			it('a joined call that throws undoes only its own writes; the caller that catches it keeps its own', async () => {
				const { done } = open();
				try {
					await transaction(async (tx) => {
						await tx.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 1 });
						await expect(
							transaction(async (inner) => {
								await inner.insert(schema.rateLimits).values({ key: 'other', windowStart: 0, count: 1 });
								throw new Error('inner');
							})
						).rejects.toThrow('inner');
					});
					expect(await counter()).toBe(1);
					expect(await db().select().from(schema.rateLimits)).toHaveLength(1);
				} finally {
					done();
				}
			});

			it('joins the transaction it is called in: a helper reads what the transaction wrote', async () => {
				const { done } = open();
				try {
					await transaction(async (tx) => {
						await tx.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 5 });
						expect(await transaction(() => counter())).toBe(5);
						expect(await counter()).toBe(5);
					});
				} finally {
					done();
				}
			});
		});
	}

	it('reads outside a transaction see only what was committed (a transaction waiting on an await is not half-seen)', async () => {
		const { done } = fileDb();
		try {
			let release!: () => void;
			const held = new Promise<void>((r) => (release = r));
			let written!: () => void;
			const wrote = new Promise<void>((r) => (written = r));
			const tx = transaction(async (t) => {
				await t.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 9 });
				written();
				await held;
			});
			await wrote;
			expect(await counter()).toBe(0);
			release();
			await tx;
			expect(await counter()).toBe(9);
		} finally {
			done();
		}
	});

	it('commits a durable transaction with synchronous=FULL and everything else with NORMAL', async () => {
		const { d, done } = fileDb();
		try {
			const level = () => d.$client.pragma('synchronous', { simple: true });
			expect(level()).toBe(1); // NORMAL
			expect(await transaction(async () => level(), { durable: true })).toBe(2); // FULL
			expect(level()).toBe(1);
			// inside a transaction the setting cannot change: an inner durable one leaves it as it is
			expect(await transaction(() => transaction(async () => level(), { durable: true }))).toBe(1);
			// and an error inside still puts NORMAL back
			await expect(
				transaction(
					async () => {
						throw new Error('boom');
					},
					{ durable: true }
				)
			).rejects.toThrow('boom');
			expect(level()).toBe(1);
			expect((await db().all<{ n: number }>(sql`SELECT count(*) AS n FROM rate_limits`))[0]!.n).toBe(0);
		} finally {
			done();
		}
	});

	/** `fn` run on a database file while another connection (another process) holds its write lock, until it ends it. */
	async function whileAnotherWrites(fn: (other: Database.Database) => Promise<void>): Promise<void> {
		const { d, done } = fileDb();
		const other = new Database(d.$client.name);
		try {
			other.exec('BEGIN IMMEDIATE');
			await fn(other);
		} finally {
			other.close();
			done();
		}
	}

	it('waits for another process’s write lock without stopping the process: reads and timers go on, the write follows the lock', async () => {
		await whileAnotherWrites(async (other) => {
			other.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES ('other', 0, 1)").run();
			const t = Date.now();
			const write = transaction(async (tx) => {
				await tx.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 3 });
			});
			// a timer of 200 ms fires on time, and a read answers, while the write waits
			await new Promise((r) => setTimeout(r, 200));
			expect(await counter()).toBe(0);
			expect(Date.now() - t).toBeLessThan(600);
			other.exec('COMMIT');
			await write;
			expect(await counter()).toBe(3);
		});
	});

	it('gives up on a write lock another process holds for more than 5 s, with SQLITE_BUSY, and writes nothing', async () => {
		await whileAnotherWrites(async (other) => {
			const t = Date.now();
			await expect(transaction((tx) => tx.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 3 }))).rejects.toMatchObject({
				code: 'SQLITE_BUSY'
			});
			expect(Date.now() - t).toBeGreaterThanOrEqual(4900);
			other.exec('ROLLBACK');
			expect(await counter()).toBe(0);
			// the next one goes through
			await increment();
			expect(await counter()).toBe(1);
		});
	}, 15_000);

	it('waits longer when a transaction asks for it (lockWaitMs): a lock held for 5.5 s is waited for, not failed', async () => {
		await whileAnotherWrites(async (other) => {
			setTimeout(() => other.exec('COMMIT'), 5_500);
			const t = Date.now();
			await transaction((tx) => tx.insert(schema.rateLimits).values({ key: 'c', windowStart: 0, count: 4 }), { lockWaitMs: 10_000 });
			expect(Date.now() - t).toBeGreaterThanOrEqual(5_400);
			expect(await counter()).toBe(4);
		});
	}, 15_000);
});
