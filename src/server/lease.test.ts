import { describe, expect, it } from 'vitest';
import { freshDb } from '../../tests/unit/fresh-db';
import { releaseLeases, takeLease, THIS_PROCESS } from './lease';
import { housekeeping } from './housekeeping';

describe('leases: a job in one process at a time', () => {
	it('one holder until it expires; the holder renews it; then another takes it over', async () => {
		freshDb();
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
		const db = freshDb();
		db.$client.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES ('old', 0, 1)").run();
		const rows = () => (db.$client.prepare('SELECT count(*) n FROM rate_limits').get() as { n: number }).n;
		expect(await takeLease('housekeeping', 60_000, 'another process')).toBe(true);
		expect(await housekeeping()).toBe(false);
		expect(rows()).toBe(1);
		db.$client.prepare('UPDATE leases SET expires_at = 0').run();
		expect(await housekeeping()).toBe(true);
		expect(rows()).toBe(0);
		expect(db.$client.prepare('SELECT holder FROM leases').get()).toEqual({ holder: THIS_PROCESS });
	});
});
