/**
 * What a citizen could claim today (sso-rules.md, "Other cash benefits", old age, unemployment), for sections 33 and 39;
 * a paying section 40 member gets the benefits of their own option instead (section40Entitlements).
 * Every result carries the condition as numbers (months paid in a window against months needed), so the page
 * can say it in one sentence, and the amount where it can be computed.
 */
import { divRound, meanSatang } from '$lib/money';
import { addMonthsToDate, ageOn, countInWindowBefore, periodOf } from './periods';
import { S39_DEEMED_WAGE_SATANG } from './rates';
import { estimateUnemployment, type Cause, type UnemploymentEstimate } from './unemployment';
import { average60, monthlyPension, lumpSum, PENSION_AGE, PENSION_MIN_MONTHS } from './pension';
import { SICKNESS_MAX_DAYS_PER_OCCASION, SICKNESS_MAX_DAYS_PER_YEAR, sicknessDailySatang } from './sickness';

export const CASES = ['sickness', 'maternity', 'disability', 'death', 'child', 'old_age', 'unemployment'] as const;
export type Case = (typeof CASES)[number];

export const CONDITIONS: Record<Exclude<Case, 'old_age'>, { needed: number; window: number }> = {
	sickness: { needed: 3, window: 15 },
	maternity: { needed: 5, window: 15 },
	disability: { needed: 3, window: 15 },
	death: { needed: 1, window: 6 },
	child: { needed: 12, window: 36 },
	unemployment: { needed: 6, window: 15 }
};

export const FUNERAL_SATANG = 5_000_000;
export const MATERNITY_LUMP_SATANG = 1_500_000;
export const CHILD_ALLOWANCE_SATANG = 80_000;
export const CHILD_MAX = 3;

export interface EntitlementInput {
	today: string;
	birthDate: string;
	gender: 'M' | 'F';
	/** the open coverage's section, or null when none is open */
	currentSection: number | null;
	/** when section 33/39 coverage ended, if none is open */
	coverageEndedOn?: string | null;
	/** section 33 and 39 contribution months, oldest first */
	contributions: readonly { period: string; section: number; wageBaseSatang: number }[];
	savings: { insuredSatang: number; employerSatang: number };
	/** the last section 33 employment that ended, for the unemployment case */
	lastJobEnd?: { date: string; cause: Cause; registrationDate?: string; usedThisYear?: { layoffDays: number; resignDays: number } } | null;
	children?: number;
	/** the open section 40 coverage's option (1–3), when currentSection is 40 */
	s40Option?: 1 | 2 | 3 | null;
	/** section 40 months paid (YYYY-MM) and the old-age savings they hold (option 2 and 3) */
	s40?: { periods: readonly string[]; savingsSatang: number };
}

export interface Entitlement {
	case: Case;
	qualifies: boolean;
	/** months paid in the window, and the months needed (old age: months in all, 180) */
	paid: number;
	needed: number;
	window: number | null;
	/** amounts in satang; null when it depends on facts we do not have */
	amountSatang: number | null;
	unit: 'per_day' | 'per_month' | 'once' | null;
	/** extra figures for the explanation */
	detail: Record<string, number | string | null>;
	/** set when the months would be enough but the case no longer applies */
	blockedBy?: 'coverage_ended';
	unemployment?: UnemploymentEstimate;
}

/** "Average wage" for these benefits: mean of the last 3 wage bases; section 39 uses the deemed 4,800. */
export function averageWage(i: EntitlementInput): number {
	if (i.currentSection === 39) return S39_DEEMED_WAGE_SATANG;
	return meanSatang(i.contributions.slice(-3).map((c) => c.wageBaseSatang));
}

export function entitlements(i: EntitlementInput): Entitlement[] {
	if (i.currentSection === 40 && i.s40Option) return section40Entitlements(i.s40Option, i.today, i.s40 ?? { periods: [], savingsSatang: 0 });
	const month = periodOf(i.today);
	const paidSet = new Set(i.contributions.map((c) => c.period));
	const avg = averageWage(i);
	const count = (c: keyof typeof CONDITIONS) => countInWindowBefore(paidSet, month, CONDITIONS[c].window);
	const active = i.currentSection === 33 || i.currentSection === 39;
	const base = (c: keyof typeof CONDITIONS) => {
		const paid = count(c);
		return { case: c, paid, needed: CONDITIONS[c].needed, window: CONDITIONS[c].window, qualifies: paid >= CONDITIONS[c].needed };
	};
	const out: Entitlement[] = [];

	const sick = base('sickness');
	out.push({
		...sick,
		amountSatang: sicknessDailySatang(avg),
		unit: 'per_day',
		detail: { averageSatang: avg, maxDaysPerOccasion: SICKNESS_MAX_DAYS_PER_OCCASION, maxDaysPerYear: SICKNESS_MAX_DAYS_PER_YEAR }
	});

	const mat = base('maternity');
	const matAllowance = i.gender === 'F' ? divRound(avg * 3, 2) : 0; // 50 % of average ÷ 30 × 90 days
	out.push({
		...mat,
		amountSatang: MATERNITY_LUMP_SATANG + matAllowance,
		unit: 'once',
		detail: { lumpSatang: MATERNITY_LUMP_SATANG, allowanceSatang: matAllowance, averageSatang: avg }
	});

	const dis = base('disability');
	out.push({ ...dis, amountSatang: divRound(avg, 2), unit: 'per_month', detail: { averageSatang: avg } });

	const death = base('death');
	const months = i.contributions.length;
	const grantMonths = months >= 120 ? 12 : months >= 36 ? 4 : 0;
	const grant = divRound(avg * grantMonths, 2);
	out.push({
		...death,
		amountSatang: FUNERAL_SATANG + grant,
		unit: 'once',
		detail: { funeralSatang: FUNERAL_SATANG, grantSatang: grant, grantMonths, months }
	});

	const child = base('child');
	const children = i.children ?? null;
	out.push({
		...child,
		amountSatang: children === null ? CHILD_ALLOWANCE_SATANG : CHILD_ALLOWANCE_SATANG * Math.min(children, CHILD_MAX),
		unit: 'per_month',
		detail: { perChildSatang: CHILD_ALLOWANCE_SATANG, children, maxChildren: CHILD_MAX }
	});

	const age = ageOn(i.birthDate, i.today);
	const oldAgeQualifies = !active && age >= PENSION_AGE && months > 0;
	const pension = monthlyPension(average60(i.contributions.map((c) => c.wageBaseSatang)), months);
	out.push({
		case: 'old_age',
		qualifies: oldAgeQualifies,
		paid: months,
		needed: PENSION_MIN_MONTHS,
		window: null,
		amountSatang: months >= PENSION_MIN_MONTHS ? pension : lumpSum(months, i.savings),
		unit: months >= PENSION_MIN_MONTHS ? 'per_month' : 'once',
		detail: { age, pensionAge: PENSION_AGE, kind: months >= PENSION_MIN_MONTHS ? 'pension' : 'lump_sum', stillInsured: active ? 1 : 0 }
	});

	const s33 = i.contributions.filter((c) => c.section === 33);
	if (i.currentSection === 33) {
		const u = base('unemployment');
		out.push({ ...u, amountSatang: null, unit: 'per_month', detail: { working: 1 } });
	} else if (i.lastJobEnd) {
		const est = estimateUnemployment({
			contributions: s33,
			lastWorkingDay: i.lastJobEnd.date,
			cause: i.lastJobEnd.cause,
			registrationDate: i.lastJobEnd.registrationDate,
			usedThisYear: i.lastJobEnd.usedThisYear
		});
		out.push({
			case: 'unemployment',
			qualifies: est.eligible,
			paid: est.paid,
			needed: est.needed,
			window: 15,
			amountSatang: est.eligible ? est.monthlySatang : null,
			unit: 'per_month',
			detail: { cause: i.lastJobEnd.cause, lastWorkingDay: i.lastJobEnd.date },
			unemployment: est
		});
	} else {
		out.push({ case: 'unemployment', qualifies: false, paid: 0, needed: 6, window: 15, amountSatang: null, unit: null, detail: { noJob: 1 } });
	}

	// without open section 33/39 coverage: sickness, maternity, disability and death cover go on for 6 months
	// after it ended; the child allowance stops
	const tail = !active && !!i.coverageEndedOn && i.today <= addMonthsToDate(i.coverageEndedOn, 6);
	for (const e of out) {
		if (active || e.case === 'old_age' || e.case === 'unemployment') continue;
		if (e.case === 'child' || !tail) {
			if (e.qualifies) e.blockedBy = 'coverage_ended';
			e.qualifies = false;
		}
	}
	return out;
}

/**
 * Section 40 benefits by option, as amended by the Royal Decree on section 40 (5th edition) B.E. 2568, in force
 * October 2025 (sso-rules-sources.md §3). Qualifying periods count paid months (sso-rules.md, "Section 40
 * membership"). A change of the decree is a new row here.
 */
export interface S40Benefits {
	from: string;
	to: string | null;
	cases: readonly Case[];
	/** sickness: 300 a day in hospital, 200 a day on a doctor's rest order, 200 a visit (≤ 3 a year) without one */
	inpatientDaySatang: number;
	restDaySatang: number;
	visitSatang: number;
	visitsPerYear: number;
	sickDaysPerYear: number;
	/** disability: a monthly amount for life, by severity */
	disabilityMinSatang: number;
	disabilityMaxSatang: number;
	funeralSatang: number;
	/** options 1–2: a further 3,000 baht when at least 60 months were paid */
	deathExtraSatang: number;
	deathExtraMonths: number;
}

const S40_COMMON = { from: '2025-10', to: null, inpatientDaySatang: 30_000, restDaySatang: 20_000, visitSatang: 20_000, visitsPerYear: 3 } as const;
/** Options 1 and 2 pay the same for sickness, disability and death; option 2 adds old-age savings. */
const S40_OPTION_1: S40Benefits = {
	...S40_COMMON,
	cases: ['sickness', 'disability', 'death'],
	sickDaysPerYear: 30,
	disabilityMinSatang: 100_000,
	disabilityMaxSatang: 200_000,
	funeralSatang: 2_500_000,
	deathExtraSatang: 300_000,
	deathExtraMonths: 60
};
export const S40_BENEFITS: Readonly<Record<1 | 2 | 3, readonly S40Benefits[]>> = {
	1: [S40_OPTION_1],
	2: [{ ...S40_OPTION_1, cases: ['sickness', 'disability', 'death', 'old_age'] }],
	3: [
		{
			...S40_COMMON,
			cases: ['sickness', 'disability', 'death', 'old_age', 'child'],
			sickDaysPerYear: 90,
			disabilityMinSatang: 150_000,
			disabilityMaxSatang: 300_000,
			funeralSatang: 5_000_000,
			deathExtraSatang: 0,
			deathExtraMonths: 0
		}
	]
};

/**
 * Section 40 qualifying conditions (paid months in the months before the month it happens): sickness 3 of 4
 * [S12n]; death 6 of 12 [S12i] (1 of 6 for an accident, not modelled); disability 6 of 12 and the option 3 child
 * allowance 24 of 36 are assumed (the sources do not state them).
 */
export const S40_CONDITIONS: Record<'sickness' | 'disability' | 'death' | 'child', { needed: number; window: number; assumed?: true }> = {
	sickness: { needed: 3, window: 4 },
	disability: { needed: 6, window: 12, assumed: true },
	death: { needed: 6, window: 12 },
	child: { needed: 24, window: 36, assumed: true }
};

/** The benefits of a section 40 member's own option, from the months they paid. */
export function section40Entitlements(option: 1 | 2 | 3, today: string, s40: { periods: readonly string[]; savingsSatang: number }): Entitlement[] {
	const month = periodOf(today);
	const b = S40_BENEFITS[option].find((r) => month >= r.from && (r.to === null || month <= r.to)) ?? S40_BENEFITS[option][0]!;
	const paidSet = new Set(s40.periods);
	const months = paidSet.size;
	const base = (c: keyof typeof S40_CONDITIONS) => {
		const { needed, window, assumed } = S40_CONDITIONS[c];
		const paid = countInWindowBefore(paidSet, month, window);
		return { case: c, paid, needed, window, qualifies: paid >= needed, assumed: assumed ? 1 : 0 };
	};
	const out: Entitlement[] = [];
	for (const c of b.cases) {
		if (c === 'sickness') {
			const { assumed, ...e } = base('sickness');
			out.push({
				...e,
				amountSatang: b.inpatientDaySatang,
				unit: 'per_day',
				detail: {
					s40Option: option,
					assumed,
					restDaySatang: b.restDaySatang,
					visitSatang: b.visitSatang,
					visitsPerYear: b.visitsPerYear,
					maxDaysPerYear: b.sickDaysPerYear
				}
			});
		} else if (c === 'disability') {
			const { assumed, ...e } = base('disability');
			out.push({
				...e,
				amountSatang: b.disabilityMinSatang,
				unit: 'per_month',
				detail: { s40Option: option, assumed, minSatang: b.disabilityMinSatang, maxSatang: b.disabilityMaxSatang }
			});
		} else if (c === 'death') {
			const { assumed, ...e } = base('death');
			const extra = b.deathExtraMonths > 0 && months >= b.deathExtraMonths ? b.deathExtraSatang : 0;
			out.push({
				...e,
				amountSatang: b.funeralSatang + extra,
				unit: 'once',
				detail: {
					s40Option: option,
					assumed,
					funeralSatang: b.funeralSatang,
					extraSatang: extra,
					extraOfferedSatang: b.deathExtraSatang,
					extraMonths: b.deathExtraMonths,
					months
				}
			});
		} else if (c === 'old_age') {
			// the saved contributions are paid as a lump sum once membership ends; a member paying now cannot claim it
			out.push({
				case: 'old_age',
				qualifies: false,
				paid: months,
				needed: 0,
				window: null,
				amountSatang: s40.savingsSatang,
				unit: 'once',
				detail: { s40Option: option, kind: 'lump_sum', stillInsured: 1 }
			});
		} else if (c === 'child') {
			const { assumed, ...e } = base('child');
			// the 2025 decree raised the amount and the age limit; the new figures are not confirmed (sources §3)
			out.push({ ...e, amountSatang: null, unit: 'per_month', detail: { s40Option: option, assumed } });
		}
	}
	return out;
}
