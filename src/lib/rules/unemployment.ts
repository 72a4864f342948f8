/**
 * Unemployment benefit, section 33 only (sso-rules.md):
 * - eligible with ≥ 6 contribution months in the 15 months before the month of unemployment, not dismissed for
 *   misconduct, not receiving the old-age benefit, unemployed ≥ 8 days;
 * - average wage = mean of the 3 highest wage bases in the 9 months before unemployment; daily = average ÷ 30;
 * - dismissed or business closed: 60 % (unemployment from 2025-06-28; 50 % before), ≤ 180 days a calendar year;
 *   resigned or contract ended: 30 %, ≤ 90 days a year, inside the same 180-day total;
 * - paid from day 8 when registered within 30 days of the last working day (a 30th day that is a weekend or holiday
 *   moves to the next working day: workdays.ts), else from the registration date;
 * - force majeure (Act s.79/1): the rate is set by the announcement for each event (COVID rounds paid 62 %, later 50 %
 *   with a daily cap; sso-rules-sources.md §4), so there is no standing rate: the claim is accepted without an amount
 *   and the officer's decision sets the rate. Its days count in the 180-day yearly total.
 */
import { divRound, meanSatang } from '$lib/money';
import { addDays, addMonths, countInWindowBefore, periodOf } from './periods';
import { registrationDeadline } from './workdays';

export const UNEMPLOYMENT_WINDOW = 15;
export const UNEMPLOYMENT_NEEDED = 6;
export const RATE_CHANGE_DATE = '2025-06-28';

export type Cause = 'dismissed' | 'business_closed' | 'force_majeure' | 'resigned' | 'contract_ended' | 'dismissed_misconduct';

export interface UnemploymentInput {
	/** section 33 months: period and wage base */
	contributions: readonly { period: string; wageBaseSatang: number }[];
	lastWorkingDay: string;
	cause: Cause;
	/** when the citizen registers as unemployed (default: the day after the last working day) */
	registrationDate?: string;
	/** benefit days already paid this calendar year, by kind */
	usedThisYear?: { layoffDays: number; resignDays: number };
	receivingOldAge?: boolean;
}

export type UnemploymentEstimate =
	| {
			eligible: true;
			paid: number;
			needed: number;
			averageSatang: number;
			/** null for force majeure until the officer sets the rate of the event's announcement (s.79/1) */
			rateBp: number | null;
			dailySatang: number | null;
			monthlySatang: number | null;
			maxDays: number;
			totalSatang: number | null;
			payFrom: string;
			lateRegistration: boolean;
	  }
	| { eligible: false; reason: 'not_enough_months' | 'misconduct' | 'old_age'; paid: number; needed: number };

export function isLayoff(cause: Cause): boolean {
	return cause === 'dismissed' || cause === 'business_closed' || cause === 'force_majeure';
}

/**
 * Rate in basis points for a cause and the first day of unemployment; null for force majeure, whose rate is set by
 * the announcement for each event (Act s.79/1), not by a standing rule.
 */
export function unemploymentRateBp(cause: Cause, unemployedFrom: string): number | null {
	if (cause === 'force_majeure') return null;
	if (isLayoff(cause)) return unemployedFrom >= RATE_CHANGE_DATE ? 6000 : 5000;
	return 3000;
}

/** Days still payable this calendar year: 180 for lay-offs, 90 for resignations, 180 in all. */
export function remainingDays(cause: Cause, used: { layoffDays: number; resignDays: number }): number {
	const total = Math.max(0, 180 - used.layoffDays - used.resignDays);
	return isLayoff(cause) ? total : Math.min(total, Math.max(0, 90 - used.resignDays));
}

export function estimateUnemployment(i: UnemploymentInput): UnemploymentEstimate {
	const unemployedFrom = addDays(i.lastWorkingDay, 1);
	const month = periodOf(unemployedFrom);
	const paidSet = new Set(i.contributions.map((c) => c.period));
	const paid = countInWindowBefore(paidSet, month, UNEMPLOYMENT_WINDOW);
	if (i.cause === 'dismissed_misconduct') return { eligible: false, reason: 'misconduct', paid, needed: UNEMPLOYMENT_NEEDED };
	if (i.receivingOldAge) return { eligible: false, reason: 'old_age', paid, needed: UNEMPLOYMENT_NEEDED };
	if (paid < UNEMPLOYMENT_NEEDED) return { eligible: false, reason: 'not_enough_months', paid, needed: UNEMPLOYMENT_NEEDED };
	return { eligible: true, paid, needed: UNEMPLOYMENT_NEEDED, ...unemploymentFigures(i) };
}

export type UnemploymentFigures = Omit<Extract<UnemploymentEstimate, { eligible: true }>, 'eligible' | 'paid' | 'needed'>;

/** The amounts and dates, whether or not the contribution condition is met (SSO may still approve a claim). */
export function unemploymentFigures(i: UnemploymentInput): UnemploymentFigures {
	const unemployedFrom = addDays(i.lastWorkingDay, 1);
	const month = periodOf(unemployedFrom);
	const from9 = addMonths(month, -9);
	const top3 = i.contributions
		.filter((c) => c.period >= from9 && c.period < month)
		.map((c) => c.wageBaseSatang)
		.sort((a, b) => b - a)
		.slice(0, 3);
	const averageSatang = meanSatang(top3);
	const maxDays = remainingDays(i.cause, i.usedThisYear ?? { layoffDays: 0, resignDays: 0 });
	const registration = i.registrationDate ?? unemployedFrom;
	const lateRegistration = registration > registrationDeadline(i.lastWorkingDay);
	const day8 = addDays(i.lastWorkingDay, 8);
	return {
		averageSatang,
		...amountsAtRate(averageSatang, unemploymentRateBp(i.cause, unemployedFrom), maxDays),
		maxDays,
		payFrom: lateRegistration ? registration : day8,
		lateRegistration
	};
}

/** Daily, 30-day and total amounts at a rate (all null while the rate is not known). */
export function amountsAtRate(averageSatang: number, rateBp: number | null, maxDays: number) {
	if (rateBp === null) return { rateBp: null, dailySatang: null, monthlySatang: null, totalSatang: null };
	const dailySatang = divRound(averageSatang * rateBp, 30 * 10_000);
	// a month is 30 days at the daily rate: the amount shown is the amount each 30-day period pays
	return { rateBp, dailySatang, monthlySatang: dailySatang * 30, totalSatang: dailySatang * maxDays };
}
