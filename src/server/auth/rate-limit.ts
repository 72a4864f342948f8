/**
 * Fixed-window counters in the database, so limits hold across restarts. `firstExceeded` looks without counting;
 * `takeAll` counts a request against every window, or against none when one is full, so a refused request does not
 * eat into the allowance.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';

export interface Limit {
	key: string;
	max: number;
	windowMs: number;
}

function windowStart(l: Limit, t: number): number {
	return Math.floor(t / l.windowMs) * l.windowMs;
}

async function count(l: Limit, t = now()): Promise<number> {
	const row = await one(
		db()
			.select({ count: schema.rateLimits.count })
			.from(schema.rateLimits)
			.where(and(eq(schema.rateLimits.key, l.key), eq(schema.rateLimits.windowStart, windowStart(l, t))))
	);
	return row?.count ?? 0;
}

/** The first limit already reached, with when its window ends; null when all have room. */
export async function firstExceeded(limits: Limit[], t = now()): Promise<{ limit: Limit; retryAt: number } | null> {
	for (const l of limits) {
		if ((await count(l, t)) >= l.max) return { limit: l, retryAt: windowStart(l, t) + l.windowMs };
	}
	return null;
}

class Full extends Error {
	constructor(readonly retryAt: number) {
		super('a window is full');
	}
}

/**
 * Count one request against every window, or none when one is full: each window is one atomic statement (INSERT … ON
 * CONFLICT DO UPDATE … WHERE count < max RETURNING), and a full one undoes the others (the transaction rolls back).
 * Counted this way it needs no read before the write, so PostgreSQL may run it at READ COMMITTED: requests at the same
 * moment wait for the row in turn instead of failing on a conflict (the hourly budget of texts is one row for the
 * whole portal). Returns the end of the first full window, or null.
 */
export async function takeAll(limits: Limit[], t = now()): Promise<number | null> {
	try {
		await transaction(
			async (tx) => {
				for (const l of limits) {
					const start = windowStart(l, t);
					const counted = await one(
						tx
							.insert(schema.rateLimits)
							.values({ key: l.key, windowStart: start, count: 1 })
							.onConflictDoUpdate({
								target: [schema.rateLimits.key, schema.rateLimits.windowStart],
								set: { count: sql`${schema.rateLimits.count} + 1` },
								setWhere: lt(schema.rateLimits.count, l.max)
							})
							.returning({ count: schema.rateLimits.count })
					);
					if (!counted) throw new Full(start + l.windowMs);
				}
			},
			{ isolation: 'read committed' }
		);
		return null;
	} catch (e) {
		if (e instanceof Full) return e.retryAt;
		throw e;
	}
}

/** Give back what `takeAll` counted at `t` (a request that turned out not to count, e.g. a right password). */
export async function unhit(limits: Limit[], t = now()): Promise<void> {
	if (limits.length === 0) return;
	await transaction(async (tx) => {
		for (const l of limits)
			await tx
				.update(schema.rateLimits)
				.set({ count: sql`CASE WHEN ${schema.rateLimits.count} > 0 THEN ${schema.rateLimits.count} - 1 ELSE 0 END` })
				.where(and(eq(schema.rateLimits.key, l.key), eq(schema.rateLimits.windowStart, windowStart(l, t))));
	});
}

/** Housekeeping: drop windows that ended more than a day ago. */
export async function pruneRateLimits(t = now()): Promise<void> {
	await transaction((tx) => tx.delete(schema.rateLimits).where(lt(schema.rateLimits.windowStart, t - 2 * 86_400_000)));
}

/**
 * The part of a client address a limit is keyed on: the whole IPv4 address, or the /64 prefix of an IPv6
 * address (one customer usually holds a whole /64, and could otherwise rotate through it).
 */
export function ipKey(ip: string): string {
	const v4 = ip.match(/^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i);
	if (v4) return v4[1]!;
	if (!ip.includes(':')) return ip;
	const [head = '', tail = ''] = ip.toLowerCase().split('::');
	const h = head ? head.split(':') : [];
	const tl = tail ? tail.split(':') : [];
	const full = ip.includes('::') ? [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl] : h;
	return (
		full
			.slice(0, 4)
			.map((x) => x.replace(/^0+(?=.)/, ''))
			.join(':') + '::/64'
	);
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
