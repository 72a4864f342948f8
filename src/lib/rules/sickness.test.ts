import { describe, expect, it } from 'vitest';
import { isIsoDate, sicknessClaim, sicknessDailySatang } from './sickness';
import { section33Contribution } from './contributions';
import { periodRange } from './periods';

const B = (baht: number) => Math.round(baht * 100);
const months = (from: string, to: string, wageBaht: number) =>
	periodRange(from, to).map((period) => ({ period, wageBaseSatang: section33Contribution(B(wageBaht), period).wageBaseSatang }));

describe('sickness benefit: 50 % of average wage ÷ 30 a day', () => {
	it('daily amount: 15,000 → 250; 17,500 → 291.67; 10,000 → 166.67; deemed 4,800 → 80', () => {
		expect([15_000, 17_500, 10_000, 4_800].map((w) => sicknessDailySatang(B(w)))).toEqual([B(250), 29_167, 16_667, B(80)]);
	});
	it('9 days at a 15,000 wage: 2,250, not priced at a later ceiling', () => {
		const c = [...months('2024-01', '2025-12', 15_000), ...months('2026-01', '2026-10', 20_000)];
		expect(sicknessClaim(c, '2025-06-03', '2025-06-11')).toMatchObject({ averageSatang: B(15_000), dailySatang: B(250), days: 9, totalSatang: B(2_250) });
		// 2026 months at the 17,500 ceiling
		expect(sicknessClaim(c, '2026-05-03', '2026-05-11')).toMatchObject({ averageSatang: B(17_500), totalSatang: 29_167 * 9 });
	});
	it('average of the last 3 months before the month the rest begins, across the new year ceiling', () => {
		const c = [...months('2025-01', '2025-12', 20_000), ...months('2026-01', '2026-03', 20_000)];
		// Nov, Dec 2025 at 15,000 and Jan 2026 at 17,500 → 15,833.33
		expect(sicknessClaim(c, '2026-02-10', '2026-02-12').averageSatang).toBe(1_583_333);
	});
	it('condition 3 of the 15 months before the month; a rest may run into the next month', () => {
		const c = months('2025-01', '2025-02', 12_000);
		expect(sicknessClaim(c, '2025-03-01', '2025-03-05')).toMatchObject({ paid: 2, qualifies: false });
		const r = sicknessClaim(months('2025-01', '2025-03', 12_000), '2025-04-25', '2025-05-04');
		expect(r).toMatchObject({ paid: 3, qualifies: true, days: 10, totalSatang: B(200) * 10 });
	});
	it('at most 90 days per occasion', () => {
		expect(sicknessClaim(months('2025-01', '2025-06', 15_000), '2025-07-01', '2025-10-28')).toMatchObject({
			days: 120,
			paidDays: 90,
			totalSatang: B(250) * 90
		});
	});
	it('refuses a date that is not in the calendar', () => {
		expect(isIsoDate('2024-07-32')).toBe(false);
		expect(isIsoDate('2025-02-29')).toBe(false);
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(() => sicknessClaim(months('2024-01', '2024-06', 15_000), '2024-07-25', '2024-07-32')).toThrow(RangeError);
	});
});
