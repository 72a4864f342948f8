/** Contribution arithmetic (Social Security Act s.46): pure functions of a wage, a month and the rate table. */
import { rowFor, S33_RATES, S33_WAGE_BANDS, S39_RATES, S40_OPTIONS } from './rates';

/**
 * Round an exact amount to whole baht the way the Act says: a fraction of 50 satang or more
 * counts as one baht, less is dropped. `numerator / denominator` is the amount in satang.
 */
export function roundHalfUpToBaht(numerator: number, denominator = 1): number {
	// amount in satang = numerator/denominator; whole baht = floor((amount + 50) / 100)
	return Math.floor((numerator + 50 * denominator) / (100 * denominator)) * 100;
}

/** The wage base of a month: the wage clamped to that month's floor and ceiling. */
export function wageBase(wageSatang: number, period: string): number {
	const band = rowFor(S33_WAGE_BANDS, period);
	return Math.min(Math.max(wageSatang, band.floorSatang), band.ceilingSatang);
}

export interface Contribution {
	wageBaseSatang: number;
	insuredSatang: number;
	employerSatang: number;
	governmentSatang: number;
}

/** Section 33 contribution for one person, one employer, one wage month. */
export function section33Contribution(wageSatang: number, period: string): Contribution {
	return section33For(period)(wageSatang);
}

/** The section 33 contribution of one month as a function of the wage: the month's band and rates looked up once (a file of many persons). */
export function section33For(period: string): (wageSatang: number) => Contribution {
	const band = rowFor(S33_WAGE_BANDS, period);
	const r = rowFor(S33_RATES, period);
	return (wageSatang) => {
		const base = Math.min(Math.max(wageSatang, band.floorSatang), band.ceilingSatang);
		return {
			wageBaseSatang: base,
			insuredSatang: roundHalfUpToBaht(base * r.insuredBp, 10_000),
			employerSatang: roundHalfUpToBaht(base * r.employerBp, 10_000),
			governmentSatang: roundHalfUpToBaht(base * r.governmentBp, 10_000)
		};
	};
}

/** Section 39: a flat amount per month on the deemed wage of 4,800. */
export function section39Contribution(period: string): Contribution {
	const r = rowFor(S39_RATES, period);
	return { wageBaseSatang: 480_000, insuredSatang: r.insuredSatang, employerSatang: 0, governmentSatang: r.governmentSatang };
}

/** Section 40: a flat amount per month for the chosen option. */
export function section40Contribution(option: 1 | 2 | 3): Contribution {
	const o = S40_OPTIONS[option];
	return { wageBaseSatang: 0, insuredSatang: o.insuredSatang, employerSatang: 0, governmentSatang: o.governmentSatang };
}
