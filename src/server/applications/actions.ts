/**
 * The dashboard's "what to do now" and the daily reminders: the records and applications the pure rules actionsToday
 * and remindersDue need, read the same way for both.
 */
import { actionsToday, type Action, type ActionInput } from '$lib/rules/actions';
import { remindersDue, type Reminder } from '$lib/rules/reminders';
import { unsubmittedMonth, type Records } from '../registry/records';
import { isOpen, listApplications } from './store';
import { claimCalendar } from './unemployment/reports';
import type { S40Outcome } from './section40/application';

async function factsFor(nationalId: string, r: Records, today: string) {
	const apps = r.applications ?? (await listApplications(nationalId));
	const open = r.status.open;
	const lastJob = [...r.employments].reverse()[0];
	const lastJobEnd = open?.section !== 33 && lastJob?.endDate ? { date: lastJob.endDate } : null;
	const une = apps.filter((a) => a.kind === 'unemployment' && a.status !== 'rejected');
	const approved = une.find((a) => ['approved', 'paid'].includes(a.status));
	const cal = approved ? await claimCalendar(approved, today) : null;
	const slipApp = apps.find((a) => a.kind === 'section40' && a.status === 'submitted');
	const slipOutcome = slipApp ? (JSON.parse(slipApp.outcome) as S40Outcome) : null;
	const hospitalApps = apps.filter((a) => a.kind === 'hospital' && a.status !== 'rejected');
	const input: ActionInput = {
		today,
		open: open ? { section: open.section, startDate: open.startDate, s40Option: open.s40Option } : null,
		paidPeriods: open ? r.lines.filter((l) => l.section === open.section).map((l) => l.period) : [],
		lastJobEnd,
		unemploymentSince: !!lastJobEnd && une.some((a) => a.submittedOn >= lastJobEnd.date),
		claim: approved && cal ? { ref: approved.ref, periods: cal.periods, open: cal.open, ended: cal.ended } : null,
		slip: slipApp && slipOutcome ? { ref: slipApp.ref, amountSatang: slipOutcome.amountSatang, validUntil: slipOutcome.validUntil } : null,
		hospital: {
			lastChangeOn:
				hospitalApps
					.map((a) => a.submittedOn)
					.sort()
					.pop() ?? null,
			pending: hospitalApps.some(isOpen)
		}
	};
	return { input, une };
}

export async function actionsFor(nationalId: string, r: Records, today: string): Promise<Action[]> {
	return actionsToday((await factsFor(nationalId, r, today)).input);
}

/** The reminders owed today (each under its key: the queue sends a key once). `r` read with its applications. */
export async function remindersFor(nationalId: string, r: Records, today: string): Promise<Reminder[]> {
	const { input, une } = await factsFor(nationalId, r, today);
	// every period paid for a claim, the last one of a claim that has just ended too
	const refs = new Map(une.map((a) => [a.id, a.ref]));
	const payments = r.claims.flatMap((c) => {
		const ref = c.applicationId === null ? undefined : refs.get(c.applicationId);
		return ref && c.kind === 'unemployment' && c.periodNo !== null && c.paidDate
			? [{ ref, periodNo: c.periodNo, amountSatang: c.amountSatang, paidOn: c.paidDate }]
			: [];
	});
	return remindersDue({ ...input, payments, employerMissing: unsubmittedMonth(r, today) });
}
