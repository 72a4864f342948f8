/**
 * Medical rights (sso-rules.md): sections 33 and 39 have rights when at least 3 contribution months fall in the
 * 15 months before the current month; rights continue 6 months after coverage ends. Section 40: the universal
 * "gold card" scheme, not an SSO hospital. Hospital change: once a year, 16 December – 31 March.
 */
import { addMonths, addMonthsToDate, countInWindowBefore, periodOf } from './periods';

export const MEDICAL_WINDOW = 15;
export const MEDICAL_NEEDED = 3;
export const TAIL_MONTHS = 6;

export interface CoverageSpan {
	section: number;
	startDate: string;
	endDate: string | null;
}

export type MedicalRights =
	| { kind: 'active'; paid: number; window: number; needed: number; tailUntil: string | null }
	| { kind: 'not_enough'; paid: number; window: number; needed: number }
	| { kind: 'gold_card' }
	| { kind: 'ended'; endedOn: string; tailUntil: string; hadRights: boolean }
	| { kind: 'none' };

/**
 * @param coverages the person's coverage rows
 * @param paidPeriods months with a section 33 or 39 contribution
 */
export function medicalRights(coverages: readonly CoverageSpan[], paidPeriods: ReadonlySet<string>, today: string): MedicalRights {
	const open = coverages.find((c) => c.endDate === null);
	const ssoSpans = coverages.filter((c) => c.section === 33 || c.section === 39);
	if (ssoSpans.length === 0) return open?.section === 40 ? { kind: 'gold_card' } : { kind: 'none' };
	const month = periodOf(today);
	const current = open && (open.section === 33 || open.section === 39) ? open : null;
	if (current) {
		const paid = countInWindowBefore(paidPeriods, month, MEDICAL_WINDOW);
		return paid >= MEDICAL_NEEDED
			? { kind: 'active', paid, window: MEDICAL_WINDOW, needed: MEDICAL_NEEDED, tailUntil: null }
			: { kind: 'not_enough', paid, window: MEDICAL_WINDOW, needed: MEDICAL_NEEDED };
	}
	// coverage ended (even if section 40 began since): rights continue for 6 months if the condition held
	// in the 15 months up to the month it ended
	const last = ssoSpans.reduce((a, b) => ((a.endDate ?? '') > (b.endDate ?? '') ? a : b));
	const endedOn = last.endDate!;
	const tailUntil = addMonthsToDate(endedOn, TAIL_MONTHS);
	const paidAtEnd = countInWindowBefore(paidPeriods, addMonths(periodOf(endedOn), 1), MEDICAL_WINDOW);
	if (today <= tailUntil && paidAtEnd >= MEDICAL_NEEDED) return { kind: 'active', paid: paidAtEnd, window: MEDICAL_WINDOW, needed: MEDICAL_NEEDED, tailUntil };
	if (open?.section === 40) return { kind: 'gold_card' };
	return { kind: 'ended', endedOn, tailUntil, hadRights: paidAtEnd >= MEDICAL_NEEDED };
}

/** The hospital-change window that is open today, or the next one: 16 December – 31 March. */
export function hospitalChangeWindow(today: string): { open: boolean; from: string; to: string } {
	const y = Number(today.slice(0, 4));
	const md = today.slice(5);
	if (md <= '03-31') return { open: true, from: `${y - 1}-12-16`, to: `${y}-03-31` };
	if (md >= '12-16') return { open: true, from: `${y}-12-16`, to: `${y + 1}-03-31` };
	return { open: false, from: `${y}-12-16`, to: `${y + 1}-03-31` };
}

export interface AssignmentSpan {
	validFrom: string;
	validTo: string | null;
}

/**
 * The hospital assignment in force on `today` and the one approved to start later, from a person's assignments: in
 * force is the latest that has started and not ended (an ended assignment with none after it leaves no hospital). An
 * assignment replaced before it started (it ends before it begins) is neither. Among assignments that start the same
 * day, the first given wins: give them newest first.
 */
export function assignmentsOn<A extends AssignmentSpan>(assignments: readonly A[], today: string): { current: A | null; next: A | null } {
	const latestFirst = [...assignments]
		.filter((a) => !a.validTo || a.validTo >= a.validFrom)
		.sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0));
	return {
		current: latestFirst.find((a) => a.validFrom <= today && (!a.validTo || a.validTo >= today)) ?? null,
		next: latestFirst.filter((a) => a.validFrom > today).pop() ?? null
	};
}
