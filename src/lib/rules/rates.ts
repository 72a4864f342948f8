/**
 * The dated rate table (../shared/domain/sso-rules.md). A change of law is a new row here.
 * Periods are contribution (wage) months, YYYY-MM, inclusive. Rates in basis points (5 % = 500),
 * amounts in satang. A history is always priced with the row of its own month.
 */

export interface S33Rate {
	from: string;
	to: string | null;
	insuredBp: number;
	employerBp: number;
	governmentBp: number;
}

export interface WageBand {
	from: string;
	to: string | null;
	floorSatang: number;
	ceilingSatang: number;
}

export interface FlatRate {
	from: string;
	to: string | null;
	insuredSatang: number;
	governmentSatang: number;
}

/** Section 33 rates: 5 % / 5 % / 2.75 %, with the temporary cuts of 2020–2022. */
export const S33_RATES: readonly S33Rate[] = [
	{ from: '1991-01', to: '2020-02', insuredBp: 500, employerBp: 500, governmentBp: 275 },
	{ from: '2020-03', to: '2020-05', insuredBp: 100, employerBp: 400, governmentBp: 275 },
	{ from: '2020-06', to: '2020-08', insuredBp: 500, employerBp: 500, governmentBp: 275 },
	{ from: '2020-09', to: '2020-11', insuredBp: 200, employerBp: 200, governmentBp: 275 },
	{ from: '2020-12', to: '2021-05', insuredBp: 500, employerBp: 500, governmentBp: 275 },
	{ from: '2021-06', to: '2021-11', insuredBp: 250, employerBp: 250, governmentBp: 275 },
	{ from: '2021-12', to: '2022-04', insuredBp: 500, employerBp: 500, governmentBp: 275 },
	{ from: '2022-05', to: '2022-07', insuredBp: 100, employerBp: 100, governmentBp: 275 },
	{ from: '2022-08', to: '2022-09', insuredBp: 500, employerBp: 500, governmentBp: 275 },
	{ from: '2022-10', to: '2022-12', insuredBp: 300, employerBp: 300, governmentBp: 275 },
	{ from: '2023-01', to: null, insuredBp: 500, employerBp: 500, governmentBp: 275 }
];

/** Section 33 wage base: floor 1,650 throughout; the ceiling rises from 2026. */
export const S33_WAGE_BANDS: readonly WageBand[] = [
	{ from: '1991-01', to: '2025-12', floorSatang: 165_000, ceilingSatang: 1_500_000 },
	{ from: '2026-01', to: '2028-12', floorSatang: 165_000, ceilingSatang: 1_750_000 },
	{ from: '2029-01', to: '2031-12', floorSatang: 165_000, ceilingSatang: 2_000_000 },
	{ from: '2032-01', to: null, floorSatang: 165_000, ceilingSatang: 2_300_000 }
];

/** Section 39: 432 baht a month (9 % of a deemed 4,800), reduced in the months of the cuts. */
export const S39_DEEMED_WAGE_SATANG = 480_000;
export const S39_RATES: readonly FlatRate[] = [
	{ from: '1991-01', to: '2020-02', insuredSatang: 43_200, governmentSatang: 12_000 },
	{ from: '2020-03', to: '2020-05', insuredSatang: 8_600, governmentSatang: 12_000 },
	{ from: '2020-06', to: '2020-08', insuredSatang: 43_200, governmentSatang: 12_000 },
	{ from: '2020-09', to: '2020-11', insuredSatang: 9_600, governmentSatang: 12_000 },
	{ from: '2020-12', to: '2021-05', insuredSatang: 43_200, governmentSatang: 12_000 },
	{ from: '2021-06', to: '2021-08', insuredSatang: 21_600, governmentSatang: 12_000 },
	{ from: '2021-09', to: '2021-11', insuredSatang: 23_500, governmentSatang: 12_000 },
	{ from: '2021-12', to: '2022-04', insuredSatang: 43_200, governmentSatang: 12_000 },
	{ from: '2022-05', to: '2022-07', insuredSatang: 9_100, governmentSatang: 12_000 },
	{ from: '2022-08', to: '2022-09', insuredSatang: 43_200, governmentSatang: 12_000 },
	{ from: '2022-10', to: '2022-12', insuredSatang: 24_000, governmentSatang: 12_000 },
	{ from: '2023-01', to: null, insuredSatang: 43_200, governmentSatang: 12_000 }
];

/** Section 40 options: insured + government per month. */
export const S40_OPTIONS: Readonly<Record<1 | 2 | 3, { insuredSatang: number; governmentSatang: number }>> = {
	1: { insuredSatang: 7_000, governmentSatang: 3_000 },
	2: { insuredSatang: 10_000, governmentSatang: 5_000 },
	3: { insuredSatang: 30_000, governmentSatang: 15_000 }
};

export function inPeriod(period: string, row: { from: string; to: string | null }): boolean {
	return period >= row.from && (row.to === null || period <= row.to);
}

export function rowFor<T extends { from: string; to: string | null }>(table: readonly T[], period: string): T {
	const row = table.find((r) => inPeriod(period, r));
	if (!row) throw new RangeError(`no rate for ${period}`);
	return row;
}
