/**
 * Old-age benefit (sso-rules.md): pension from 180 contribution months, age 55, coverage ended:
 * 20 % of the average wage base of the last 60 contribution months + 1.5 % for each full 12 months beyond 180.
 * Fewer than 180 months: a lump sum (own old-age savings under 12 months; own + employer's from 12 months).
 */
import { divRound, meanSatang } from '$lib/money';
import { addMonths, ageOn, birthdayAt, monthsBetween, periodOf } from './periods';
import { lastPaidPeriod } from './workdays';
import { roundHalfUpToBaht, section39Contribution, wageBase } from './contributions';
import { oldAgeShare } from './savings';

export const PENSION_MIN_MONTHS = 180;
export const PENSION_AGE = 55;

/** Pension rate in basis points for a number of contribution months (null below 180). */
export function pensionRateBp(months: number): number | null {
	if (months < PENSION_MIN_MONTHS) return null;
	return 2000 + 150 * Math.floor((months - PENSION_MIN_MONTHS) / 12);
}

export function monthlyPension(average60Satang: number, months: number): number | null {
	const bp = pensionRateBp(months);
	return bp === null ? null : divRound(average60Satang * bp, 10_000);
}

/** Average wage base of the last 60 contribution months (fewer if there are fewer). */
export function average60(wageBasesOldestFirst: readonly number[]): number {
	return meanSatang(wageBasesOldestFirst.slice(-60));
}

export function lumpSum(months: number, savings: { insuredSatang: number; employerSatang: number }): number {
	return months < 12 ? savings.insuredSatang : savings.insuredSatang + savings.employerSatang;
}

export interface ProjectionInput {
	today: string;
	birthDate: string;
	/** section 33 wage bases of the months so far, oldest first (other sections count as months with their base) */
	wageBases: readonly number[];
	monthsSoFar: number;
	savings: { insuredSatang: number; employerSatang: number };
	/**
	 * the last month already counted in monthsSoFar. Future months start after it, but never before the first month
	 * whose contribution is not yet due (due by the 15th of the next month, Act s.47): a due month that was not
	 * paid is not assumed to come.
	 */
	lastRecordedPeriod?: string | null;
	/** the wage from now on (satang a month); the month's ceiling applies */
	futureWageSatang: number;
	retireAge: number;
	/** whether contributions go on until retirement (a member still paying under section 33 or 39) */
	working: boolean;
	/**
	 * the section the future months are paid under (default 33). Section 39: 432 baht a month on the deemed wage of
	 * 4,800, which is also the wage the pension is computed on (Act s.57 para 2); no employer share.
	 */
	section?: 33 | 39;
}

export interface Projection {
	retireDate: string;
	monthsAtRetirement: number;
	futureMonths: number;
	average60Satang: number;
	kind: 'pension' | 'lump_sum';
	/** the retirement age has already been reached: the figures are those of coverage ending today */
	endsToday: boolean;
	monthlyPensionSatang: number | null;
	rateBp: number | null;
	lumpSumSatang: number | null;
}

/** Old-age savings of one side of one future section 33 month (3/5 of the 5 % contribution, rounded to the baht as the Act does). */
function futureSavings(base: number): number {
	return divRound(roundHalfUpToBaht(base * 500, 10_000) * 3, 5);
}

/**
 * Assume the wage goes on until the retirement age and coverage then ends. Pure: the calculator in the
 * browser and the server page use this same function.
 */
export function projectOldAge(i: ProjectionInput): Projection {
	const birthday = birthdayAt(i.birthDate, i.retireAge);
	// past the retirement age already (a member who goes on paying after 55): as if coverage ended today
	const endsToday = i.today >= birthday;
	const retireDate = endsToday ? i.today : birthday;
	const due = lastPaidPeriod(i.today);
	const last = i.lastRecordedPeriod && i.lastRecordedPeriod > due ? i.lastRecordedPeriod : due;
	const from = addMonths(last, 1);
	// the month of the retirement birthday is not assumed: the projection's last month is the one before it (coverage
	// ends on the birthday, so that month's wage would be a part month; counting it would promise a month that may
	// not be paid in full). A month actually paid always counts, the birthday month included (entitlements and the
	// officer's view count the recorded months).
	const to = addMonths(periodOf(retireDate), -1);
	const bases = [...i.wageBases];
	let futureMonths = 0;
	let insured = i.savings.insuredSatang;
	let employer = i.savings.employerSatang;
	if (i.working && ageOn(i.birthDate, i.today) < i.retireAge) {
		for (let p = from; p <= to; p = addMonths(p, 1)) {
			if (i.section === 39) {
				const c = section39Contribution(p);
				bases.push(c.wageBaseSatang);
				insured += oldAgeShare({ period: p, section: 39, ...c }).insuredSatang;
			} else {
				const base = wageBase(i.futureWageSatang, p);
				bases.push(base);
				const s = futureSavings(base);
				insured += s;
				employer += s;
			}
			futureMonths++;
		}
	}
	const months = i.monthsSoFar + futureMonths;
	const avg = average60(bases);
	const rateBp = pensionRateBp(months);
	return {
		retireDate,
		monthsAtRetirement: months,
		futureMonths,
		average60Satang: avg,
		kind: rateBp === null ? 'lump_sum' : 'pension',
		endsToday,
		monthlyPensionSatang: rateBp === null ? null : divRound(avg * rateBp, 10_000),
		rateBp,
		lumpSumSatang: rateBp === null ? lumpSum(months, { insuredSatang: insured, employerSatang: employer }) : null
	};
}

/**
 * Section 40 old age (options 2 and 3 only): a lump sum of the old-age savings (50 or 150 baht of each paid month,
 * savings.ts) plus returns, paid when the member turns 60 (assumed: sso-rules-sources.md §3 gives the lump sum but
 * not its age; 60 is SSO's published rule for section 40 and is shown to the citizen as an estimate). A separate
 * fund from the section 33/39 old-age benefit above.
 */
export const S40_OLD_AGE_AGE = 60;

export interface Section40ProjectionInput {
	today: string;
	birthDate: string;
	/** the option paid from now on (null when no section 40 coverage is open) */
	option: 1 | 2 | 3 | null;
	/** section 40 old-age savings so far (all options the member paid under) */
	savingsSatang: number;
	/** the last section 40 month paid (future months start after it, never before the first month not yet due) */
	lastRecordedPeriod?: string | null;
	/** whether the member goes on paying (an open section 40 coverage) */
	paying: boolean;
}

export interface Section40Projection {
	payoutDate: string;
	/** 60 reached already: the savings are payable now, nothing more is assumed */
	endsToday: boolean;
	futureMonths: number;
	monthlySavingSatang: number;
	lumpSumSatang: number;
}

export function projectSection40OldAge(i: Section40ProjectionInput): Section40Projection {
	const birthday = birthdayAt(i.birthDate, S40_OLD_AGE_AGE);
	const endsToday = i.today >= birthday;
	const payoutDate = endsToday ? i.today : birthday;
	const monthly =
		i.option === null
			? 0
			: oldAgeShare({
					period: periodOf(i.today),
					section: 40,
					s40Option: i.option,
					wageBaseSatang: 0,
					insuredSatang: 0,
					employerSatang: 0,
					governmentSatang: 0
				}).insuredSatang;
	let futureMonths = 0;
	if (i.paying && i.option !== null && !endsToday) {
		const due = lastPaidPeriod(i.today);
		const last = i.lastRecordedPeriod && i.lastRecordedPeriod > due ? i.lastRecordedPeriod : due;
		// as for section 33/39: the month of the birthday itself is not assumed
		futureMonths = Math.max(0, monthsBetween(last, addMonths(periodOf(birthday), -1)));
	}
	return { payoutDate, endsToday, futureMonths, monthlySavingSatang: monthly, lumpSumSatang: i.savingsSatang + futureMonths * monthly };
}
