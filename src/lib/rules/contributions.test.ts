import { describe, expect, it } from 'vitest';
import { roundHalfUpToBaht, section33Contribution, section39Contribution, section40Contribution, wageBase } from './contributions';

const baht = (b: number) => b * 100;

describe('section 33 contribution (hand-checked vectors from sso-rules.md)', () => {
	it.each([
		[10_970, '2025-06', 549],
		[13_285, '2025-06', 664],
		[10_260, '2025-06', 513],
		[1_000, '2025-06', 83],
		[31_820, '2025-06', 750],
		[31_820, '2026-01', 875],
		[15_000, '2025-12', 750],
		[17_500, '2026-03', 875],
		[10_209, '2024-01', 510]
	])('wage %d in %s → insured %d baht', (wage, period, expected) => {
		expect(section33Contribution(baht(wage), period).insuredSatang).toBe(baht(expected));
		expect(section33Contribution(baht(wage), period).employerSatang).toBe(baht(expected));
	});

	it('clamps the wage base to the month floor and ceiling', () => {
		expect(wageBase(baht(1_000), '2025-01')).toBe(baht(1_650));
		expect(wageBase(baht(40_000), '2025-12')).toBe(baht(15_000));
		expect(wageBase(baht(40_000), '2026-01')).toBe(baht(17_500));
		expect(wageBase(baht(40_000), '2029-01')).toBe(baht(20_000));
		expect(wageBase(baht(40_000), '2032-01')).toBe(baht(23_000));
	});

	it('prices the temporary cuts with the rate of their own month', () => {
		expect(section33Contribution(baht(15_000), '2020-04')).toMatchObject({ insuredSatang: baht(150), employerSatang: baht(600) });
		expect(section33Contribution(baht(15_000), '2020-10').insuredSatang).toBe(baht(300));
		expect(section33Contribution(baht(15_000), '2021-07').insuredSatang).toBe(baht(375));
		expect(section33Contribution(baht(15_000), '2022-06').insuredSatang).toBe(baht(150));
		expect(section33Contribution(baht(15_000), '2022-11').insuredSatang).toBe(baht(450));
		expect(section33Contribution(baht(15_000), '2020-07').insuredSatang).toBe(baht(750));
	});

	it('government share 2.75 % rounds the same way', () => {
		expect(section33Contribution(baht(15_000), '2025-01').governmentSatang).toBe(baht(413)); // 412.50 → 413
		expect(section33Contribution(baht(10_000), '2025-01').governmentSatang).toBe(baht(275));
	});

	it('rounds half up to the baht, dropping less than 50 satang', () => {
		expect(roundHalfUpToBaht(54_850)).toBe(54_900);
		expect(roundHalfUpToBaht(54_849)).toBe(54_800);
		expect(roundHalfUpToBaht(66_425)).toBe(66_400);
	});
});

describe('sections 39 and 40', () => {
	it('section 39 is 432 baht, reduced in the cut months', () => {
		expect(section39Contribution('2024-05').insuredSatang).toBe(baht(432));
		expect(section39Contribution('2020-04').insuredSatang).toBe(baht(86));
		expect(section39Contribution('2021-10').insuredSatang).toBe(baht(235));
		expect(section39Contribution('2022-11').insuredSatang).toBe(baht(240));
	});
	it('section 40 options', () => {
		expect(section40Contribution(1).insuredSatang).toBe(baht(70));
		expect(section40Contribution(2).insuredSatang).toBe(baht(100));
		expect(section40Contribution(3)).toMatchObject({ insuredSatang: baht(300), governmentSatang: baht(150) });
	});
});
