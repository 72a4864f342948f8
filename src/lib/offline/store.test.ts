import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { readCopy, saveCopy, eraseCopy, touchCopy, localExpiry } from './store';
import type { OfflineSummary } from './types';

const summary = (user: string, first: string): OfflineSummary => ({
	user,
	fetchedAt: 1000,
	person: { firstNameTh: first, lastNameTh: 'ใจดี', firstNameEn: 'A', lastNameEn: 'B' },
	status: { open: null, lastEnded: null, history: [] },
	medicalKind: 'none',
	hospital: null,
	contributions: { months: 0, insuredSatang: 0, recent: [] },
	claims: { totalSatang: 0, count: 0, list: [] },
	savings: { insuredSatang: 0, employerSatang: 0, totalSatang: 0 }
});

const T = 1_800_000_000_000;

describe('the device’s offline copy', () => {
	beforeEach(async () => {
		await eraseCopy();
	});

	it('is kept for one account while its session lasts', async () => {
		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 30 * 60_000, expiresAt: T + 12 * 3_600_000 });
		const r = await readCopy(T + 60_000);
		expect(r.ended).toBe(false);
		expect(r.copy?.summary.person.firstNameTh).toBe('สมชาย');
	});

	it('is erased once the session would have ended (idle or absolute), and says so once', async () => {
		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 30 * 60_000, expiresAt: T + 12 * 3_600_000 });
		expect(await readCopy(T + 30 * 60_000)).toEqual({ copy: null, ended: true });
		expect(await readCopy(T)).toEqual({ copy: null, ended: false });

		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 24 * 3_600_000, expiresAt: T + 3_600_000 });
		expect((await readCopy(T + 3_600_000)).ended).toBe(true);
	});

	it('moves its idle end with the session, for the same account only', async () => {
		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 });
		await touchCopy('b', T + 30 * 60_000);
		expect((await readCopy(T + 120_000)).ended).toBe(true);
		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 });
		await touchCopy('a', T + 30 * 60_000);
		expect((await readCopy(T + 120_000)).copy?.summary.user).toBe('a');
	});

	it('holds one account at a time: another account’s copy replaces it entirely', async () => {
		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 });
		await saveCopy(summary('b', 'สุดา'), { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 });
		const r = await readCopy(T);
		expect(r.copy?.summary.user).toBe('b');
		expect(JSON.stringify(r)).not.toContain('สมชาย');
	});

	it('a save and a touch at the same moment keep the new data (a second visit refreshes the copy)', async () => {
		await saveCopy({ ...summary('a', 'สมชาย'), fetchedAt: 1 }, { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 });
		await Promise.all([
			saveCopy({ ...summary('a', 'สมชาย'), fetchedAt: 2 }, { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 }),
			touchCopy('a', T + 120_000)
		]);
		const r = await readCopy(T);
		expect(r.copy?.summary.fetchedAt).toBe(2);
	});

	it('a touch never brings back an erased copy', async () => {
		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 });
		await Promise.all([eraseCopy(), touchCopy('a', T + 120_000)]);
		expect(await readCopy(T)).toEqual({ copy: null, ended: false });
	});

	it('erase leaves nothing', async () => {
		await saveCopy(summary('a', 'สมชาย'), { idleExpiresAt: T + 60_000, expiresAt: T + 3_600_000 });
		await eraseCopy();
		expect(await readCopy(T)).toEqual({ copy: null, ended: false });
	});

	it('turns the server’s session ends into this device’s clock', () => {
		// the device clock is 5 minutes ahead of the server's
		const e = localExpiry({ idleExpiresAt: T + 30 * 60_000, expiresAt: T + 3_600_000, serverNow: T }, T + 5 * 60_000);
		expect(e).toEqual({ idleExpiresAt: T + 35 * 60_000, expiresAt: T + 65 * 60_000 });
	});
});
