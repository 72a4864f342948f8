/**
 * Sickness cash benefit, sections 33 and 39 (sso-rules.md, "Other cash benefits"): 50 % of the daily wage
 * (average wage ÷ 30) for each day of a doctor-ordered rest, at most 90 days per occasion and 180 days per year;
 * condition: 3 contribution months in the 15 months before the month the sickness begins. The average wage is the
 * mean of the wage bases of the last 3 contribution months before that month (section 39: the deemed 4,800, which is
 * its months' wage base), so a claim is priced with the ceiling of its own time: at most 250 baht a day while the
 * ceiling was 15,000.
 */
import { divRound, meanSatang } from '$lib/money';
import { countInWindowBefore, daysBetween, periodOf } from './periods';

export const SICKNESS_RATE_BP = 5_000;
export const SICKNESS_MAX_DAYS_PER_OCCASION = 90;
export const SICKNESS_MAX_DAYS_PER_YEAR = 180;
export const SICKNESS_WINDOW = 15;
export const SICKNESS_NEEDED = 3;

/** The benefit for one day: 50 % of average ÷ 30, rounded half up to the satang. */
export function sicknessDailySatang(averageSatang: number): number {
	return divRound(averageSatang * SICKNESS_RATE_BP, 30 * 10_000);
}

/** Days from first to last, both included (ISO dates). */
export function daysInclusive(first: string, last: string): number {
	return daysBetween(first, last) + 1;
}

export interface SicknessClaim {
	/** contribution months in the 15 months before the month the rest begins, and the months needed */
	paid: number;
	qualifies: boolean;
	averageSatang: number;
	dailySatang: number;
	/** days ordered, and the days paid (at most 90 per occasion) */
	days: number;
	paidDays: number;
	totalSatang: number;
}

/**
 * One occasion of doctor-ordered rest from `first` to `last` (inclusive).
 * @param contributions the person's section 33/39 months (one row a month: period and wage base), any order
 */
export function sicknessClaim(contributions: readonly { period: string; wageBaseSatang: number }[], first: string, last: string): SicknessClaim {
	if (!isIsoDate(first) || !isIsoDate(last) || last < first) throw new RangeError(`bad rest period ${first}..${last}`);
	const month = periodOf(first);
	const before = contributions.filter((c) => c.period < month).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
	const paid = countInWindowBefore(
		before.map((c) => c.period),
		month,
		SICKNESS_WINDOW
	);
	const averageSatang = meanSatang(before.slice(-3).map((c) => c.wageBaseSatang));
	const dailySatang = sicknessDailySatang(averageSatang);
	const days = daysInclusive(first, last);
	const paidDays = Math.min(days, SICKNESS_MAX_DAYS_PER_OCCASION);
	return { paid, qualifies: paid >= SICKNESS_NEEDED, averageSatang, dailySatang, days, paidDays, totalSatang: dailySatang * paidDays };
}

/** A real calendar date in ISO form (rejects 2024-07-32 and 2025-02-29). */
export function isIsoDate(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
