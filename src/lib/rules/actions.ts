/**
 * What a person should do now, each with its date, for the top of the dashboard (sso-rules.md):
 * - claim the unemployment benefit: registering within 30 days of the last working day is paid from day 8;
 * - report in for an open unemployment claim: each 30-day period's report opens the day after it ends;
 * - pay this month's section 39 or 40 contribution: due by the 15th of the next month (Act s.47); after paying, the
 *   next month's amount and date;
 * - pay a section 40 slip before it expires;
 * - change hospital: the window 16 December – 31 March, announced from a month before it opens.
 * Pure: every date is computed from `today` and the records passed in; the due dates come from the rules' own
 * functions (contributionDue and registrationDeadline, which move past weekends and holidays; the report-in
 * calendar; hospitalChangeWindow).
 */
import { hospitalChangeAllowed, REPORT_GRACE_DAYS, type PayPeriod } from './applications';
import { section39Contribution, section40Contribution } from './contributions';
import { hospitalChangeWindow } from './medical';
import { addDays, addMonths, daysBetween, periodOf } from './periods';
import { contributionDue, registrationDeadline } from './workdays';

/** How long before the hospital-change window opens the dashboard starts to announce it. */
export const HOSPITAL_NOTICE_DAYS = 31;

export type Action =
	/** register the unemployment claim by `by` (the 30-day line); `daysLeft` counts today as day 0 */
	| { kind: 'claim_unemployment'; lastWorkingDay: string; by: string; daysLeft: number; ref: null }
	/** a report is open now: make it by `by` or that period's payment is paused */
	| { kind: 'report_now'; ref: string; periodNo: number; from: string; by: string; late: boolean }
	/** the next report opens on `from` */
	| { kind: 'report_next'; ref: string; periodNo: number; from: string }
	/** pay the month `period` by `due`; `paidBefore` is the month just paid (the member is told the next one) */
	| { kind: 'pay'; section: 39 | 40; period: string; amountSatang: number; due: string; paidBefore: string | null }
	/** a section 40 membership slip waiting for its first payment */
	| { kind: 'pay_slip'; ref: string; amountSatang: number; by: string }
	/** the hospital-change window: open now until `to`, or opening on `from` */
	| { kind: 'hospital_window'; open: boolean; from: string; to: string };

export interface ActionInput {
	today: string;
	/** the open coverage: section, its start, and the section 40 option */
	open: { section: number; startDate: string; s40Option: number | null } | null;
	/** the months paid under the open section */
	paidPeriods: readonly string[];
	/** the last job that ended, when the person is not working under section 33 now */
	lastJobEnd: { date: string } | null;
	/** the person's unemployment applications (any status but refused) submitted on or after that job ended */
	unemploymentSince: boolean;
	/** an approved unemployment claim's report-in calendar */
	claim: { ref: string; periods: readonly PayPeriod[]; open: PayPeriod | null; ended: boolean } | null;
	/** a section 40 slip not yet paid */
	slip: { ref: string; amountSatang: number; validUntil: string } | null;
	/** the last hospital change not refused, and whether one is pending */
	hospital: { lastChangeOn: string | null; pending: boolean };
}

export function actionsToday(i: ActionInput): Action[] {
	const out: Action[] = [];
	const section = i.open?.section ?? null;

	if (section !== 33 && i.lastJobEnd && !i.unemploymentSince) {
		const by = registrationDeadline(i.lastJobEnd.date);
		if (i.today <= by) out.push({ kind: 'claim_unemployment', lastWorkingDay: i.lastJobEnd.date, by, daysLeft: daysBetween(i.today, by), ref: null });
	}

	if (i.claim && !i.claim.ended) {
		const o = i.claim.open;
		if (o) {
			const by = addDays(o.dueOn, REPORT_GRACE_DAYS - 1);
			out.push({ kind: 'report_now', ref: i.claim.ref, periodNo: o.periodNo, from: o.dueOn, by, late: i.today > by });
		} else {
			const next = i.claim.periods.find((p) => p.status === 'upcoming');
			if (next) out.push({ kind: 'report_next', ref: i.claim.ref, periodNo: next.periodNo, from: next.dueOn });
		}
	}

	if (i.slip && i.today <= i.slip.validUntil) out.push({ kind: 'pay_slip', ref: i.slip.ref, amountSatang: i.slip.amountSatang, by: i.slip.validUntil });

	if (i.open && (section === 39 || section === 40)) {
		const pay = monthToPay(i.today, periodOf(i.open.startDate), new Set(i.paidPeriods));
		const option = i.open.s40Option;
		const amountSatang =
			section === 39
				? section39Contribution(pay.period).insuredSatang
				: section40Contribution(option === 1 || option === 2 || option === 3 ? option : 1).insuredSatang;
		out.push({ kind: 'pay', section, period: pay.period, amountSatang, due: contributionDue(pay.period), paidBefore: pay.paidBefore });
	}

	if (section === 33 || section === 39) {
		const allowed = hospitalChangeAllowed({
			today: i.today,
			openSection: section,
			lastChangeOn: i.hospital.lastChangeOn,
			pending: i.hospital.pending,
			moved: false
		});
		if (allowed.ok) {
			const w = hospitalChangeWindow(i.today);
			out.push({ kind: 'hospital_window', open: true, from: w.from, to: w.to });
		} else if (allowed.reason === 'outside_window' && i.today >= addDays(allowed.windowFrom, -HOSPITAL_NOTICE_DAYS)) {
			out.push({ kind: 'hospital_window', open: false, from: allowed.windowFrom, to: allowed.windowTo });
		}
	}
	return out;
}

/**
 * The month a section 39/40 member pays now: the oldest month not past its due date (before the 16th, last month;
 * from the 16th, this month), never before the coverage began; when it is paid, the next month, and so on.
 */
export function monthToPay(today: string, firstPeriod: string, paid: ReadonlySet<string>): { period: string; paidBefore: string | null } {
	let period = addMonths(periodOf(today), -1);
	if (contributionDue(period) < today) period = addMonths(period, 1);
	if (period < firstPeriod) period = firstPeriod;
	let paidBefore: string | null = null;
	while (paid.has(period)) {
		paidBefore = period;
		period = addMonths(period, 1);
	}
	return { period, paidBefore };
}
