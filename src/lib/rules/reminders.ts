/**
 * The reminders a citizen is owed today, computed from the records alone (sso-rules.md; the dates come from the same
 * rules as the dashboard's "what to do now": registrationDeadline and contributionDue roll past weekends and holidays,
 * the report-in calendar, hospitalChangeWindow). Pure: the daily run calls it once a day per account, and each
 * reminder's `key` names its event so that the queue sends it once however often it is computed.
 *
 * Each reminder has a day it is first due and a last day it still makes sense (a catch-up window): a run that missed
 * its day (a server down for a day) sends it late rather than never, but never after the deadline it is about.
 * - unemployment: register within 30 days of the last working day (7 days and 2 days before the last day); each
 *   report-in when its window opens, and on its last day if not yet made; each payment of the benefit;
 * - contribution (sections 39 and 40): the month due, 5 days before its due date and on the day itself; a month left
 *   unpaid past its due date, with what it means (section 39 ends after 3 unpaid months in a row, or fewer than 9
 *   paid in any 12: said while there is still time);
 * - employer: last month's contribution from the current employer not received after its due date (the 15th or the
 *   next working day);
 * - hospital: the change window opening (16 December) and its last week (to 31 March), for members who may change.
 */
import { hospitalChangeAllowed, REPORT_GRACE_DAYS } from './applications';
import { section39Contribution, section40Contribution } from './contributions';
import { hospitalChangeWindow } from './medical';
import { addDays, addMonths, countInWindowBefore, periodOf } from './periods';
import { monthToPay, type ActionInput } from './actions';
import { contributionDue, registrationDeadline } from './workdays';
import type { NoticeKind } from '../vocabulary';

/** Days before a contribution's due date that the first reminder goes. */
export const PAY_REMINDER_DAYS = 5;
/** Days before the 30-day line to register as unemployed that the reminders go. */
export const REGISTER_REMINDER_DAYS = [7, 2] as const;
/** A benefit payment is told of within this many days of being paid (later it is old news). */
export const PAID_NOTICE_DAYS = 3;
/** The hospital window's opening is told of in its first week, and its closing in its last. */
export const HOSPITAL_NOTICE_WEEK = 7;

export type ReminderBody =
	| { type: 'register_deadline'; by: string; daysBefore: 7 | 2 }
	| { type: 'report_open'; ref: string; periodNo: number; by: string }
	| { type: 'report_last_day'; ref: string; periodNo: number; by: string }
	| { type: 'benefit_paid'; ref: string; periodNo: number; amountSatang: number; paidOn: string }
	| { type: 'contribution_due'; section: 39 | 40; period: string; amountSatang: number; due: string; today: boolean }
	| {
			type: 'contribution_missed';
			section: 39 | 40;
			period: string;
			/** section 39: unpaid months in a row up to `period`, and months paid in the 12 ending with it */
			unpaidInRow: number;
			paidIn12: number;
			/** section 39: one more unpaid month ends the membership */
			lastChance: boolean;
			/** section 39: the membership has ended (3 unpaid in a row, or fewer than 9 paid in the 12 months to `period`) */
			ended: boolean;
	  }
	| { type: 'employer_missing'; period: string; due: string; employer: string; employerEn: string }
	| { type: 'hospital_window_open'; from: string; to: string }
	| { type: 'hospital_window_closing'; to: string };

export type Reminder = ReminderBody & { kind: NoticeKind; key: string };

/** What actionsToday reads (but the section 40 slip), and the claim's payments and the employer's missing month. */
export interface ReminderInput extends Omit<ActionInput, 'slip'> {
	/** the claim's payments */
	payments: readonly { ref: string; periodNo: number; amountSatang: number; paidOn: string }[];
	/** last month's contribution from the current employer, not received after its due date (unsubmittedMonth) */
	employerMissing: { period: string; due: string; employer: string; employerEn: string } | null;
}

function reminder(kind: NoticeKind, key: string, body: ReminderBody): Reminder {
	return { ...body, kind, key };
}

export function remindersDue(i: ReminderInput): Reminder[] {
	const out: Reminder[] = [];
	const { today } = i;
	const section = i.open?.section ?? null;

	// ── unemployment ──
	if (section !== 33 && i.lastJobEnd && !i.unemploymentSince) {
		const by = registrationDeadline(i.lastJobEnd.date);
		// the nearest reminder whose day has come, while the line has not passed: a late start sends only that one
		const daysBefore = REGISTER_REMINDER_DAYS.filter((d) => today >= addDays(by, -d)).pop();
		if (daysBefore !== undefined && today <= by)
			out.push(reminder('unemployment', `register:${i.lastJobEnd.date}:${daysBefore}`, { type: 'register_deadline', by, daysBefore }));
	}
	if (i.claim && !i.claim.ended && i.claim.open) {
		const o = i.claim.open;
		const by = addDays(o.dueOn, REPORT_GRACE_DAYS - 1);
		if (today < by)
			out.push(reminder('unemployment', `report_open:${i.claim.ref}:${o.periodNo}`, { type: 'report_open', ref: i.claim.ref, periodNo: o.periodNo, by }));
		else if (today === by)
			out.push(reminder('unemployment', `report_last:${i.claim.ref}:${o.periodNo}`, { type: 'report_last_day', ref: i.claim.ref, periodNo: o.periodNo, by }));
	}
	for (const p of i.payments)
		if (p.paidOn <= today && today <= addDays(p.paidOn, PAID_NOTICE_DAYS - 1) && p.amountSatang > 0)
			out.push(reminder('unemployment', `paid:${p.ref}:${p.periodNo}`, { type: 'benefit_paid', ...p }));

	// ── contributions (sections 39 and 40) ──
	if (i.open && (section === 39 || section === 40)) {
		const first = periodOf(i.open.startDate);
		const paid = new Set(i.paidPeriods);
		// the newest month whose due date has passed, unpaid: told once, in the month after it was due
		let missed = addMonths(periodOf(today), -1);
		if (contributionDue(missed) >= today) missed = addMonths(missed, -1);
		const inRow = (m: string) => {
			let n = 0;
			for (let p = m; p >= first && !paid.has(p); p = addMonths(p, -1)) n++;
			return n;
		};
		// section 39 has ended with month m unpaid: a third unpaid month in a row, or fewer than 9 paid in the 12 to it
		const endsAt = (m: string) =>
			section === 39 && m >= first && !paid.has(m) && (inRow(m) >= 3 || (addMonths(m, -11) >= first && countInWindowBefore(paid, addMonths(m, 1), 12) < 9));
		const ended = endsAt(missed) || endsAt(addMonths(missed, -1));
		if (missed >= first && !paid.has(missed)) {
			const unpaidInRow = inRow(missed);
			const paidIn12 = countInWindowBefore(paid, addMonths(missed, 1), 12);
			// next month unpaid too ends it: a third month in a row, or fewer than 9 paid in the 12 months ending with next
			// month (the 11 to `missed` and next month), when those 12 are all in the coverage
			const next12 = addMonths(missed, -10) >= first;
			const paidIn11 = countInWindowBefore(paid, addMonths(missed, 1), 11);
			const lastChance = section === 39 && !ended && (unpaidInRow === 2 || (next12 && paidIn11 < 9));
			// the end is told once, in the month it came (until the registry closes the membership, later months say nothing)
			const body: ReminderBody = { type: 'contribution_missed', section, period: missed, unpaidInRow, paidIn12, lastChance, ended };
			if (!ended) out.push(reminder('contribution', `missed:${section}:${missed}`, body));
			else if (!endsAt(addMonths(missed, -1))) out.push(reminder('contribution', `ended:39:${i.open.startDate}`, body));
		}
		// the month due: not for a membership that has ended (there is nothing left to pay into)
		const pay = monthToPay(today, first, paid);
		const due = contributionDue(pay.period);
		if (!ended && today >= addDays(due, -PAY_REMINDER_DAYS) && today <= due) {
			const option = i.open.s40Option;
			const amountSatang =
				section === 39
					? section39Contribution(pay.period).insuredSatang
					: section40Contribution(option === 1 || option === 2 || option === 3 ? option : 1).insuredSatang;
			const onTheDay = today === due;
			out.push(
				reminder('contribution', `due:${section}:${pay.period}:${onTheDay ? 'day' : 'soon'}`, {
					type: 'contribution_due',
					section,
					period: pay.period,
					amountSatang,
					due,
					today: onTheDay
				})
			);
		}
	}

	// ── the employer's month ──
	if (i.employerMissing) out.push(reminder('employer', `employer:${i.employerMissing.period}`, { type: 'employer_missing', ...i.employerMissing }));

	// ── the hospital-change window ──
	if (section === 33 || section === 39) {
		const allowed = hospitalChangeAllowed({ today, openSection: section, lastChangeOn: i.hospital.lastChangeOn, pending: i.hospital.pending, moved: false });
		if (allowed.ok) {
			const w = hospitalChangeWindow(today);
			if (today < addDays(w.from, HOSPITAL_NOTICE_WEEK))
				out.push(reminder('hospital', `hospital_open:${w.from}`, { type: 'hospital_window_open', from: w.from, to: w.to }));
			else if (today > addDays(w.to, -HOSPITAL_NOTICE_WEEK))
				out.push(reminder('hospital', `hospital_closing:${w.to}`, { type: 'hospital_window_closing', to: w.to }));
		}
	}
	return out;
}
