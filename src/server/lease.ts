/**
 * Leases: a job that must run in exactly one process at a time (the hourly housekeeping and scheduled decisions)
 * runs only in the process holding its lease. Taking or renewing it is one atomic statement on either engine
 * (INSERT … ON CONFLICT … DO UPDATE … WHERE the lease has expired or is already ours … RETURNING), so two processes
 * asking at the same moment cannot both get it; a process that dies loses it when it expires.
 */
import os from 'node:os';
import { eq, gt, lt, or } from 'drizzle-orm';
import { one, schema, transaction } from './db';
import { now } from './clock';

/**
 * This process, as a lease holder: host, pid and when the process started (a pid is reused after a restart). The same
 * in every copy of this module in the process (the built app's and the start script's).
 */
export const THIS_PROCESS = `${os.hostname()}:${process.pid}:${Math.round(performance.timeOrigin)}`;

/** Take the lease `name` for `ttlMs`, or renew it when this holder has it; false while another holder's is valid. */
export async function takeLease(name: string, ttlMs: number, holder = THIS_PROCESS, t = now()): Promise<boolean> {
	const l = schema.leases;
	const row = await transaction((tx) =>
		one(
			tx
				.insert(l)
				.values({ name, holder, expiresAt: t + ttlMs })
				.onConflictDoUpdate({
					target: l.name,
					set: { holder, expiresAt: t + ttlMs },
					// expired, ours, or set further ahead than a lease is ever taken for (a test clock moved forward, then back).
					// Not merely ahead of this term: two processes' clocks never agree to the millisecond (nor machines' to the
					// second), and one asking a moment "earlier" must not take a lease another has just taken
					setWhere: or(lt(l.expiresAt, t), eq(l.holder, holder), gt(l.expiresAt, t + 2 * ttlMs))
				})
				.returning({ holder: l.holder })
		)
	);
	return row?.holder === holder;
}

/** Give back every lease this process holds (it is stopping): another process takes the job at once, not when it expires. */
export async function releaseLeases(holder = THIS_PROCESS): Promise<void> {
	await transaction((tx) => tx.delete(schema.leases).where(eq(schema.leases.holder, holder)));
}
