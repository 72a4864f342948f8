/** The dashboard's "what to do now": the records and applications the pure rule actionsToday needs. */
import { actionsToday, type Action } from '$lib/rules/actions';
import type { Records } from '../registry/records';
import { isOpen, listApplications } from './store';
import { claimCalendar } from './unemployment/reports';
import type { S40Outcome } from './section40/application';

export async function actionsFor(nationalId: string, r: Records, today: string): Promise<Action[]> {
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
	return actionsToday({
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
	});
}
