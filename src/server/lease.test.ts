import { describe, expect, it } from 'vitest';
import { freshDatabase, testEngines } from '../../tests/unit/engines';
import { releaseLeases, takeLease, THIS_PROCESS } from './lease';
import { housekeeping } from './housekeeping';

const engines = await testEngines('lease tests on PostgreSQL');

describe.each(engines)('leases on %s: a job in one process at a time', (engine) => {
	it('one holder until it expires; the holder renews it; then another takes it over', async () => {
		await freshDatabase(engine);
		const t = 1_000_000;
		expect(await takeLease('job', 60_000, 'a', t)).toBe(true);
		expect(await takeLease('job', 60_000, 'b', t + 1)).toBe(false);
		expect(await takeLease('job', 60_000, 'a', t + 50_000)).toBe(true);
		// renewed to t + 110 000: still a's after the first term
		expect(await takeLease('job', 60_000, 'b', t + 100_000)).toBe(false);
		expect(await takeLease('job', 60_000, 'b', t + 110_001)).toBe(true);
		expect(await takeLease('job', 60_000, 'a', t + 110_002)).toBe(false);
		// another job's lease is its own
		expect(await takeLease('other', 60_000, 'a', t + 110_002)).toBe(true);
		// given back (a process stopping): the next asker takes it at once
		await releaseLeases('a');
		expect(await takeLease('other', 60_000, 'b', t + 110_003)).toBe(true);
		// one set further ahead than a lease is ever taken for (a test clock moved forward, then back) holds nothing
		expect(await takeLease('far', 60_000, 'a', t + 86_400_000)).toBe(true);
		expect(await takeLease('far', 60_000, 'b', t)).toBe(true);
		// but a process whose clock is a little behind the holder's does not take it (clocks never agree exactly)
		expect(await takeLease('skew', 60_000, 'a', t + 5)).toBe(true);
		expect(await takeLease('skew', 60_000, 'b', t)).toBe(false);
		expect(await takeLease('skew', 60_000, 'b', t - 59_000)).toBe(false);
	});

	it('housekeeping is done by the process holding the lease, and skipped by the others', async () => {
		const db = await freshDatabase(engine);
		await db.run("INSERT INTO rate_limits (key, window_start, count) VALUES ('old', 0, 1)");
		const rows = () => db.count('SELECT count(*) FROM rate_limits');
		expect(await takeLease('housekeeping', 60_000, 'another process')).toBe(true);
		expect(await housekeeping()).toBe(false);
		expect(await rows()).toBe(1);
		await db.run('UPDATE leases SET expires_at = 0');
		expect(await housekeeping()).toBe(true);
		expect(await rows()).toBe(0);
		expect(await db.get('SELECT holder FROM leases')).toEqual({ holder: THIS_PROCESS });
	});
});
