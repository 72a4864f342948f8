import { describe, expect, it } from 'vitest';
import { paymentCalendar, reportOpen, type ReportRecord } from './applications';
import { addDays, periodRange } from './periods';
import { remindersDue, type Reminder, type ReminderInput } from './reminders';
import { contributionDue, registrationDeadline } from './workdays';

const base: ReminderInput = {
	today: '2026-01-01',
	open: null,
	paidPeriods: [],
	lastJobEnd: null,
	unemploymentSince: false,
	claim: null,
	payments: [],
	employerMissing: null,
	hospital: { lastChangeOn: null, pending: false }
};

type Records = Partial<Omit<ReminderInput, 'today'>>;
type Sent = Reminder & { on: string };

/**
 * The daily job from `from` to `to`: on each day it runs (not `skipped`), the reminders computed from that day's records,
 * each sent the first time its key comes up (keys are deduplicated per account). Along the way: a key names one
 * reminder whatever the day it is computed, no two reminders of a day share a key, and no two keys name the same reminder.
 */
function walk(from: string, to: string, recordsOn: (today: string) => Records, skipped: (today: string) => boolean = () => false): Sent[] {
	const seen = new Map<string, Reminder>();
	const sent: Sent[] = [];
	for (let today = from; today <= to; today = addDays(today, 1)) {
		if (skipped(today)) continue;
		const due = remindersDue({ ...base, ...recordsOn(today), today });
		expect(new Set(due.map((r) => r.key)).size, `keys on ${today}`).toBe(due.length);
		for (const r of due) {
			const first = seen.get(r.key);
			if (first) expect(r, `${r.key} computed again on ${today}`).toEqual(first);
			else {
				seen.set(r.key, r);
				sent.push({ on: today, ...r });
			}
		}
	}
	const bodies = sent.map((s) => JSON.stringify({ ...s, on: undefined, key: undefined }));
	expect(new Set(bodies).size, 'one key per reminder').toBe(bodies.length);
	return sent;
}

const between = (from: string, to: string) => (today: string) => today >= from && today <= to;
const only = (sent: readonly Sent[], ...types: Reminder['type'][]) => sent.filter((s) => types.includes(s.type));
const days = (sent: readonly Sent[]) => sent.map((s) => [s.on, s.key]);

/** The months of `months` paid by `today`, each on the day `payday` gives (null: never paid). */
const paidBy = (today: string, months: readonly string[], payday: (period: string) => string | null) =>
	months.filter((p) => {
		const on = payday(p);
		return on !== null && on <= today;
	});

describe('the 30 days to register as unemployed', () => {
	// last working day Thursday 5 November 2026: day 30 is Saturday 5 December, then Sunday and the 7 December holiday
	const lastJobEnd = { date: '2026-11-05' };
	const by = '2026-12-08';
	const seven = { kind: 'unemployment', key: 'register:2026-11-05:7', type: 'register_deadline', by, daysBefore: 7 };
	const two = { kind: 'unemployment', key: 'register:2026-11-05:2', type: 'register_deadline', by, daysBefore: 2 };

	it('reminds 7 days and 2 days before the line, which rolls past the weekend and the holiday; once each, never after', () => {
		expect(registrationDeadline(lastJobEnd.date)).toBe(by);
		expect(walk('2026-11-05', '2027-01-31', () => ({ lastJobEnd }))).toEqual([
			{ on: '2026-12-01', ...seven },
			{ on: '2026-12-06', ...two }
		]);
		// day 30 on Monday 13 April 2026, Songkran: the line is Thursday 16 April
		expect(days(walk('2026-03-14', '2026-05-31', () => ({ lastJobEnd: { date: '2026-03-14' } })))).toEqual([
			['2026-04-09', 'register:2026-03-14:7'],
			['2026-04-14', 'register:2026-03-14:2']
		]);
		expect(walk('2026-12-09', '2027-01-31', () => ({ lastJobEnd }))).toEqual([]);
	});

	it('nothing once an application is made, and nothing while working under section 33', () => {
		expect(walk('2026-11-05', '2026-12-31', (d) => ({ lastJobEnd, unemploymentSince: d >= '2026-11-20' }))).toEqual([]);
		// applied between the two reminders: only the first was sent
		expect(walk('2026-11-05', '2026-12-31', (d) => ({ lastJobEnd, unemploymentSince: d >= '2026-12-03' }))).toEqual([{ on: '2026-12-01', ...seven }]);
		const s33 = { section: 33, startDate: '2026-11-20', s40Option: null };
		expect(
			only(
				walk('2026-11-05', '2026-12-31', () => ({ lastJobEnd, open: s33 })),
				'register_deadline'
			)
		).toEqual([]);
	});

	it('a job end seen late: the nearest reminder whose day has come, never one already overtaken by the next', () => {
		// first seen the day before the line: only the 2-day reminder
		expect(walk('2026-12-07', '2026-12-31', () => ({ lastJobEnd }))).toEqual([{ on: '2026-12-07', ...two }]);
		expect(walk('2026-12-06', '2026-12-31', () => ({ lastJobEnd }))).toEqual([{ on: '2026-12-06', ...two }]);
		// first seen 5 days before the line: the 7-day reminder is caught up that day, the 2-day one on its day
		expect(walk('2026-12-03', '2026-12-31', () => ({ lastJobEnd }))).toEqual([
			{ on: '2026-12-03', ...seven },
			{ on: '2026-12-06', ...two }
		]);
	});

	it('a run missed on the day: sent on the next run while the line has not passed', () => {
		expect(walk('2026-11-05', '2026-12-31', () => ({ lastJobEnd }), between('2026-12-01', '2026-12-04'))).toEqual([
			{ on: '2026-12-05', ...seven },
			{ on: '2026-12-06', ...two }
		]);
		// no run from the 7-day day until the line itself: only the 2-day reminder, on the last day
		expect(walk('2026-11-05', '2026-12-31', () => ({ lastJobEnd }), between('2026-12-01', '2026-12-07'))).toEqual([{ on: '2026-12-08', ...two }]);
		// no run from the 2-day day until after the line: never
		expect(walk('2026-11-05', '2026-12-31', () => ({ lastJobEnd }), between('2026-12-06', '2026-12-08'))).toEqual([{ on: '2026-12-01', ...seven }]);
	});
});

describe('unemployment report-ins and payments', () => {
	const ref = 'UNE-2569-000001';
	// 180 days from 8 October 2026: six 30-day periods, each report opening the day after the period ends
	const dueOn = ['2026-11-07', '2026-12-07', '2027-01-06', '2027-02-05', '2027-03-07', '2027-04-06'];
	type Made = { periodNo: number; reportedOn: string; foundWork?: boolean };

	/** The claim as the server builds it on `today`; a report made on a day is seen by that day's run only if it runs in the evening. */
	function claimOn(today: string, made: readonly Made[], run: 'morning' | 'evening' = 'morning') {
		const reports: ReportRecord[] = made
			.filter((r) => (run === 'morning' ? r.reportedOn < today : r.reportedOn <= today))
			.map((r) => ({
				periodNo: r.periodNo,
				reportedOn: r.reportedOn,
				stillUnemployed: !r.foundWork,
				foundWork: !!r.foundWork,
				refusedOffer: false,
				workStart: r.foundWork ? r.reportedOn : null
			}));
		const c = paymentCalendar({ payFrom: '2026-10-08', maxDays: 180, dailySatang: 30_000, reports, today });
		return { ref, periods: c.periods, open: reportOpen(c.periods, c.ended), ended: c.ended };
	}
	const open = (n: number, on = dueOn[n - 1]!) => ({
		on,
		kind: 'unemployment',
		key: `report_open:${ref}:${n}`,
		type: 'report_open',
		ref,
		periodNo: n,
		by: addDays(dueOn[n - 1]!, 6)
	});
	const lastDay = (n: number) => ({
		on: addDays(dueOn[n - 1]!, 6),
		kind: 'unemployment',
		key: `report_last:${ref}:${n}`,
		type: 'report_last_day',
		ref,
		periodNo: n,
		by: addDays(dueOn[n - 1]!, 6)
	});

	it('the calendar the tests rely on', () => {
		expect(claimOn('2027-06-30', []).periods.map((p) => p.dueOn)).toEqual(dueOn);
	});

	it('each report when its window opens, each payment when paid, once each; nothing after the claim ends', () => {
		const made = dueOn.map((d, i) => ({ periodNo: i + 1, reportedOn: addDays(d, 2) }));
		const paid = dueOn.map((d, i) => ({ ref, periodNo: i + 1, amountSatang: 900_000, paidOn: addDays(d, 4) }));
		const sent = walk('2026-10-08', '2027-06-30', (d) => ({ unemploymentSince: true, claim: claimOn(d, made), payments: paid.filter((p) => p.paidOn <= d) }));
		expect(sent).toEqual(
			dueOn.flatMap((d, i) => [
				open(i + 1),
				{
					on: addDays(d, 4),
					kind: 'unemployment',
					key: `paid:${ref}:${i + 1}`,
					type: 'benefit_paid',
					ref,
					periodNo: i + 1,
					amountSatang: 900_000,
					paidOn: addDays(d, 4)
				}
			])
		);
		expect(claimOn('2027-04-09', made).ended).toBe(true);
	});

	it('a report not made: on its last day (the 7th from opening) too; after that, nothing for it', () => {
		const made = [
			{ periodNo: 1, reportedOn: '2026-11-16' },
			{ periodNo: 2, reportedOn: '2026-12-07' }
		];
		expect(walk('2026-10-08', '2026-12-31', (d) => ({ unemploymentSince: true, claim: claimOn(d, made) }))).toEqual([open(1), lastDay(1), open(2)]);
		expect(lastDay(1).on).toBe('2026-11-13');
	});

	it('reported on the opening day: no last-day reminder (and no reminder at all when the run comes after the report)', () => {
		const made = [
			{ periodNo: 1, reportedOn: '2026-11-07' },
			{ periodNo: 2, reportedOn: '2026-12-07' }
		];
		expect(walk('2026-10-08', '2026-12-31', (d) => ({ claim: claimOn(d, made) }))).toEqual([open(1), open(2)]);
		expect(walk('2026-10-08', '2026-12-31', (d) => ({ claim: claimOn(d, made, 'evening') }))).toEqual([]);
	});

	it('runs missed: the opening caught up before the last day; on the last day only the last-day reminder; never after', () => {
		const claim = (d: string) => ({ claim: claimOn(d, []) });
		expect(walk('2026-10-08', '2026-11-30', claim, between('2026-11-07', '2026-11-10'))).toEqual([open(1, '2026-11-11'), lastDay(1)]);
		expect(walk('2026-10-08', '2026-11-30', claim, between('2026-11-07', '2026-11-12'))).toEqual([lastDay(1)]);
		expect(walk('2026-10-08', '2026-11-30', claim, between('2026-11-07', '2026-11-13'))).toEqual([]);
	});

	it('a claim that ended sends no report reminder', () => {
		// work found from 8 December, reported in period 2: the claim ends and periods 3 to 6 are never opened
		const made = [
			{ periodNo: 1, reportedOn: '2026-11-08' },
			{ periodNo: 2, reportedOn: '2026-12-08', foundWork: true }
		];
		expect(walk('2026-10-08', '2027-06-30', (d) => ({ claim: claimOn(d, made) }))).toEqual([open(1), open(2)]);
		const ended = claimOn('2026-11-08', []);
		expect(ended.open?.periodNo).toBe(1);
		expect(remindersDue({ ...base, today: '2026-11-08', claim: { ...ended, ended: true } })).toEqual([]);
	});

	it('a payment: told on the day it is paid, or on a run up to 2 days late; not later, and never for nothing paid', () => {
		const payment = { ref, periodNo: 1, amountSatang: 900_000, paidOn: '2026-11-10' };
		const told = { kind: 'unemployment', key: `paid:${ref}:1`, type: 'benefit_paid', ...payment };
		const payments = () => ({ payments: [payment] });
		expect(walk('2026-11-01', '2026-12-31', payments)).toEqual([{ on: '2026-11-10', ...told }]);
		expect(walk('2026-11-01', '2026-12-31', payments, between('2026-11-10', '2026-11-11'))).toEqual([{ on: '2026-11-12', ...told }]);
		expect(walk('2026-11-01', '2026-12-31', payments, between('2026-11-10', '2026-11-12'))).toEqual([]);
		expect(walk('2026-11-01', '2026-12-31', payments, between('2026-11-10', '2026-11-14'))).toEqual([]);
		expect(walk('2026-11-01', '2026-12-31', () => ({ payments: [{ ...payment, amountSatang: 0 }] }))).toEqual([]);
	});
});

describe('the month to pay (sections 39 and 40)', () => {
	const s39 = { section: 39, startDate: '2023-07-01', s40Option: null };
	const soon = (section: 39 | 40, period: string, amountSatang: number, on = addDays(contributionDue(period), -5)) => ({
		on,
		kind: 'contribution',
		key: `due:${section}:${period}:soon`,
		type: 'contribution_due',
		section,
		period,
		amountSatang,
		due: contributionDue(period),
		today: false
	});
	const onTheDay = (section: 39 | 40, period: string, amountSatang: number) => ({
		on: contributionDue(period),
		kind: 'contribution',
		key: `due:${section}:${period}:day`,
		type: 'contribution_due',
		section,
		period,
		amountSatang,
		due: contributionDue(period),
		today: true
	});

	it('the due dates the tests rely on: the 15th, or the next working day', () => {
		expect(periodRange('2025-12', '2026-11').map(contributionDue)).toEqual([
			'2026-01-15',
			'2026-02-16', // Sunday 15 February
			'2026-03-16', // Sunday 15 March
			'2026-04-16', // Wednesday 15 April, Songkran
			'2026-05-15',
			'2026-06-15',
			'2026-07-15',
			'2026-08-17', // Saturday 15 August
			'2026-09-15',
			'2026-10-15',
			'2026-11-16', // Sunday 15 November
			'2026-12-15'
		]);
		expect(contributionDue('2027-03')).toBe('2027-04-16'); // Thursday 15 April 2027, Songkran
		expect(contributionDue('2027-04')).toBe('2027-05-17'); // Saturday 15 May 2027
	});

	it('section 39 paying every month 2 days before it is due: one reminder 5 days before each due date, 432 baht, none on the day', () => {
		const months = periodRange('2023-07', '2026-12');
		const payday = (p: string) => addDays(contributionDue(p), -2);
		const sent = walk('2026-01-01', '2026-12-31', (d) => ({ open: s39, paidPeriods: paidBy(d, months, payday) }));
		expect(only(sent, 'contribution_due', 'contribution_missed')).toEqual(periodRange('2025-12', '2026-11').map((p) => soon(39, p, 43_200)));
		// the rolled due dates move the reminder with them: March is due on 16 April, told on 11 April
		expect(only(sent, 'contribution_due').map((s) => s.on)).toContain('2026-04-11');
	});

	it('paid between the two reminders: no reminder on the day; the next month is reminded of next month', () => {
		const months = periodRange('2023-07', '2026-10');
		const paidPeriods = (d: string) => (d >= '2026-12-12' ? [...months, '2026-11'] : months);
		const sent = walk('2026-12-01', '2027-01-20', (d) => ({ open: s39, paidPeriods: paidPeriods(d) }));
		expect(only(sent, 'contribution_due')).toEqual([soon(39, '2026-11', 43_200), soon(39, '2026-12', 43_200), onTheDay(39, '2026-12', 43_200)]);
		expect(only(sent, 'contribution_due').map((s) => s.on)).toEqual(['2026-12-10', '2027-01-10', '2027-01-15']);
	});

	it('section 40, each option its own amount, with the due dates rolled past Songkran and a Saturday', () => {
		const s40 = (option: number) => ({ section: 40, startDate: '2022-01-10', s40Option: option });
		const months = periodRange('2022-01', '2026-12');
		const sent = walk('2027-01-01', '2027-05-31', () => ({ open: s40(2), paidPeriods: months }));
		expect(only(sent, 'contribution_due')).toEqual(periodRange('2027-01', '2027-04').flatMap((p) => [soon(40, p, 10_000), onTheDay(40, p, 10_000)]));
		expect(only(sent, 'contribution_due').map((s) => s.on)).toEqual([
			'2027-02-10',
			'2027-02-15',
			'2027-03-10',
			'2027-03-15',
			'2027-04-11',
			'2027-04-16',
			'2027-05-12',
			'2027-05-17'
		]);
		for (const [option, amountSatang] of [
			[1, 7_000],
			[2, 10_000],
			[3, 30_000]
		] as const)
			expect(remindersDue({ ...base, today: '2027-05-17', open: s40(option), paidPeriods: periodRange('2022-01', '2027-03') })).toEqual([
				{
					kind: 'contribution',
					key: 'due:40:2027-04:day',
					type: 'contribution_due',
					section: 40,
					period: '2027-04',
					amountSatang,
					due: '2027-05-17',
					today: true
				}
			]);
	});

	it('runs missed: the 5-day reminder caught up until the due date; the day itself is never caught up', () => {
		const records = () => ({ open: s39, paidPeriods: periodRange('2023-07', '2026-10') });
		const due = (skipped: (d: string) => boolean) => only(walk('2026-12-01', '2026-12-31', records, skipped), 'contribution_due');
		expect(due(between('2026-12-10', '2026-12-12'))).toEqual([soon(39, '2026-11', 43_200, '2026-12-13'), onTheDay(39, '2026-11', 43_200)]);
		expect(due(between('2026-12-10', '2026-12-14'))).toEqual([onTheDay(39, '2026-11', 43_200)]);
		expect(due(between('2026-12-15', '2026-12-15'))).toEqual([soon(39, '2026-11', 43_200)]);
	});

	it('a new coverage: the first month is its own, never a month before it began', () => {
		// section 39 from 20 November 2026, nothing paid yet
		const joined = { section: 39, startDate: '2026-11-20', s40Option: null };
		const sent = only(
			walk('2026-11-20', '2027-01-31', () => ({ open: joined })),
			'contribution_due',
			'contribution_missed'
		);
		expect(days(sent)).toEqual([
			['2026-12-10', 'due:39:2026-11:soon'],
			['2026-12-15', 'due:39:2026-11:day'],
			['2026-12-16', 'missed:39:2026-11'],
			['2027-01-10', 'due:39:2026-12:soon'],
			['2027-01-15', 'due:39:2026-12:day'],
			['2027-01-16', 'missed:39:2026-12']
		]);
		// section 40 joined on 6 December 2026 by paying the slip for December: January is the first month reminded of
		const s40 = { section: 40, startDate: '2026-12-06', s40Option: 1 };
		const paidPeriods = (d: string) => (d >= '2027-02-12' ? ['2026-12', '2027-01'] : ['2026-12']);
		expect(walk('2026-12-06', '2027-02-28', (d) => ({ open: s40, paidPeriods: paidPeriods(d) }))).toEqual([soon(40, '2027-01', 7_000)]);
	});
});

describe('a month left unpaid', () => {
	const missed = (section: 39 | 40, period: string, on: string, unpaidInRow: number, paidIn12: number, lastChance: boolean, endedSince?: string) => ({
		on,
		kind: 'contribution',
		// the end of a membership is told once, under the membership's own key
		key: endedSince ? `ended:39:${endedSince}` : `missed:${section}:${period}`,
		type: 'contribution_missed',
		section,
		period,
		unpaidInRow,
		paidIn12,
		lastChance,
		ended: !!endedSince
	});

	it('section 39 stops paying: told the day after each due date, 1, 2 (one more ends the membership) and 3 months in a row', () => {
		const s39 = { section: 39, startDate: '2020-01-01', s40Option: null };
		const records = () => ({ open: s39, paidPeriods: periodRange('2020-01', '2026-08') });
		expect(only(walk('2026-09-01', '2026-12-31', records), 'contribution_missed')).toEqual([
			missed(39, '2026-09', '2026-10-16', 1, 11, false),
			missed(39, '2026-10', '2026-11-17', 2, 10, true), // due Monday 16 November
			missed(39, '2026-11', '2026-12-16', 3, 9, false, '2020-01-01')
		]);
		// no run for a month after the first due date passed: September is caught up until October falls due, then overtaken by it
		expect(only(walk('2026-09-01', '2026-12-31', records, between('2026-10-16', '2026-11-16')), 'contribution_missed')).toEqual([
			missed(39, '2026-10', '2026-11-17', 2, 10, true),
			missed(39, '2026-11', '2026-12-16', 3, 9, false, '2020-01-01')
		]);
		expect(only(walk('2026-09-01', '2026-12-31', records, between('2026-10-16', '2026-11-10')), 'contribution_missed')[0]).toEqual(
			missed(39, '2026-09', '2026-11-11', 1, 11, false)
		);
	});

	it('section 39: the last chance also when one more unpaid month would leave fewer than 9 paid in the 12 months to it', () => {
		const s39 = { section: 39, startDate: '2020-01-01', s40Option: null };
		const paidExcept = (from: string, ...unpaid: string[]) => periodRange(from, '2026-09').filter((p) => !unpaid.includes(p));
		const at = (open: typeof s39, paidPeriods: string[]) =>
			only(
				walk('2026-11-01', '2026-11-30', () => ({ open, paidPeriods })),
				'contribution_missed'
			);
		// 9 of the 12 months to October paid, October not: November unpaid too leaves 8 in December 2025 – November 2026
		expect(at(s39, paidExcept('2020-01', '2025-12', '2026-03'))).toEqual([missed(39, '2026-10', '2026-11-17', 1, 9, true)]);
		expect(at(s39, paidExcept('2020-01', '2025-12'))).toEqual([missed(39, '2026-10', '2026-11-17', 1, 10, false)]);
		// 9 of 12 paid, but the oldest of them (November 2025) is one of the unpaid: the next 12 months still hold 9 paid
		expect(at(s39, paidExcept('2020-01', '2025-11', '2026-03'))).toEqual([missed(39, '2026-10', '2026-11-17', 1, 9, false)]);
		// joined in December 2025, 8 of 11 months paid: November unpaid too makes the first 12 months hold 8 paid
		const joined = { section: 39, startDate: '2025-12-01', s40Option: null };
		expect(at(joined, paidExcept('2025-12', '2026-01', '2026-05'))).toEqual([missed(39, '2026-10', '2026-11-17', 1, 8, true)]);
		// joined in May 2026: no 12 months yet, whatever November brings
		const young = { section: 39, startDate: '2026-05-01', s40Option: null };
		expect(at(young, paidExcept('2026-05'))).toEqual([missed(39, '2026-10', '2026-11-17', 1, 5, false)]);
	});

	it('section 39 ended by fewer than 9 paid in 12: said once as the end (not as a last chance), and no more months asked for', () => {
		const s39 = { section: 39, startDate: '2020-01-01', s40Option: null };
		const paidPeriods = periodRange('2020-01', '2027-02').filter((p) => !['2025-12', '2026-03', '2026-06', '2026-10', '2026-11'].includes(p));
		const sent = walk('2026-11-01', '2027-02-28', (day) => ({ open: s39, paidPeriods: paidPeriods.filter((p) => contributionDue(p) < day) }));
		// October unpaid leaves 8 of the 12 months to it paid: the membership has ended
		expect(only(sent, 'contribution_missed')).toEqual([missed(39, '2026-10', '2026-11-17', 1, 8, false, '2020-01-01')]);
		expect(only(sent, 'contribution_due').filter((r) => r.on > '2026-11-17')).toEqual([]);
	});

	it('section 40: each month missed, with no membership at stake', () => {
		const s40 = { section: 40, startDate: '2022-01-10', s40Option: 2 };
		const sent = walk('2027-01-01', '2027-05-31', () => ({ open: s40, paidPeriods: periodRange('2022-01', '2026-12') }));
		expect(only(sent, 'contribution_missed')).toEqual([
			missed(40, '2027-01', '2027-02-16', 1, 11, false),
			missed(40, '2027-02', '2027-03-16', 2, 10, false),
			missed(40, '2027-03', '2027-04-17', 3, 9, false), // due Friday 16 April: 15 April is Songkran
			missed(40, '2027-04', '2027-05-18', 4, 8, false) // due Monday 17 May
		]);
	});

	it('never a month before the coverage began', () => {
		const joined = { section: 39, startDate: '2026-12-20', s40Option: null };
		expect(
			only(
				walk('2026-12-20', '2027-01-15', () => ({ open: joined })),
				'contribution_missed'
			)
		).toEqual([]);
		expect(
			only(
				walk('2027-01-16', '2027-01-31', () => ({ open: joined })),
				'contribution_missed'
			)
		).toEqual([missed(39, '2026-12', '2027-01-16', 1, 0, false)]);
	});
});

describe("the employer's month not received", () => {
	it('told once per month, as given', () => {
		const s33 = { section: 33, startDate: '2020-01-06', s40Option: null };
		const october = { period: '2026-10', due: '2026-11-16', employer: 'บริษัท ก จำกัด', employerEn: 'A Co.' };
		const november = { ...october, period: '2026-11', due: '2026-12-15' };
		// as unsubmittedMonth gives it: October from the day after its due date, then November; received on 20 December
		const employerMissing = (d: string) => (d > '2026-12-19' ? null : d > '2026-12-15' ? november : d > '2026-11-16' ? october : null);
		expect(
			only(
				walk('2026-11-01', '2026-12-31', (d) => ({ open: s33, employerMissing: employerMissing(d) })),
				'employer_missing'
			)
		).toEqual([
			{ on: '2026-11-17', kind: 'employer', key: 'employer:2026-10', type: 'employer_missing', ...october },
			{ on: '2026-12-16', kind: 'employer', key: 'employer:2026-11', type: 'employer_missing', ...november }
		]);
	});
});

describe('the hospital-change window', () => {
	const s33 = { section: 33, startDate: '2020-01-06', s40Option: null };
	const opening = (from: string, on = from) => ({
		on,
		kind: 'hospital',
		key: `hospital_open:${from}`,
		type: 'hospital_window_open',
		from,
		to: `${Number(from.slice(0, 4)) + 1}-03-31`
	});
	const closing = (to: string, on = addDays(to, -6)) => ({ on, kind: 'hospital', key: `hospital_closing:${to}`, type: 'hospital_window_closing', to });

	it('section 33 and 39: its opening on 16 December and its last week to 31 March, once each per window', () => {
		expect(walk('2026-01-01', '2027-12-31', () => ({ open: s33 }))).toEqual([
			closing('2026-03-31'),
			opening('2026-12-16'),
			closing('2027-03-31'),
			opening('2027-12-16')
		]);
		expect(closing('2027-03-31').on).toBe('2027-03-25');
		const s39 = { section: 39, startDate: '2020-01-01', s40Option: null };
		const paidPeriods = periodRange('2020-01', '2027-12');
		expect(
			only(
				walk('2026-04-01', '2027-04-30', () => ({ open: s39, paidPeriods })),
				'hospital_window_open',
				'hospital_window_closing'
			)
		).toEqual([opening('2026-12-16'), closing('2027-03-31')]);
	});

	it('nothing for section 40 (no SSO hospital) or without coverage', () => {
		const s40 = { section: 40, startDate: '2022-01-10', s40Option: 1 };
		const paidPeriods = periodRange('2022-01', '2027-12');
		expect(
			only(
				walk('2026-04-01', '2027-04-30', () => ({ open: s40, paidPeriods })),
				'hospital_window_open',
				'hospital_window_closing'
			)
		).toEqual([]);
		expect(walk('2026-04-01', '2027-04-30', () => ({}))).toEqual([]);
	});

	it('nothing more once changed in this window, nor while a change is pending; a change in an earlier window does not count', () => {
		const changed = (d: string) => ({ open: s33, hospital: { lastChangeOn: d >= '2027-01-10' ? '2027-01-10' : '2026-02-01', pending: false } });
		expect(walk('2026-04-01', '2027-04-30', changed)).toEqual([opening('2026-12-16')]);
		const pending = (d: string) => ({ open: s33, hospital: { lastChangeOn: null, pending: d >= '2026-12-10' && d <= '2026-12-30' } });
		expect(walk('2026-04-01', '2027-04-30', pending)).toEqual([closing('2027-03-31')]);
		// changed on the first day, before the run
		const first = (d: string) => ({ open: s33, hospital: { lastChangeOn: d >= '2026-12-16' ? '2026-12-16' : null, pending: false } });
		expect(walk('2026-04-01', '2027-04-30', first)).toEqual([]);
	});

	it("runs missed: caught up within the window's first and last week, never after", () => {
		const records = () => ({ open: s33 });
		expect(walk('2026-12-01', '2027-04-30', records, between('2026-12-16', '2026-12-21'))).toEqual([
			opening('2026-12-16', '2026-12-22'),
			closing('2027-03-31')
		]);
		expect(walk('2026-12-01', '2027-04-30', records, between('2026-12-16', '2026-12-22'))).toEqual([closing('2027-03-31')]);
		expect(walk('2026-12-01', '2027-04-30', records, between('2027-03-25', '2027-03-30'))).toEqual([
			opening('2026-12-16'),
			closing('2027-03-31', '2027-03-31')
		]);
		expect(walk('2026-12-01', '2027-04-30', records, between('2027-03-25', '2027-03-31'))).toEqual([opening('2026-12-16')]);
	});
});

describe('keys', () => {
	it('the same event has the same key whatever the day it is computed; two events never share one', () => {
		const s39 = { section: 39, startDate: '2020-01-01', s40Option: null };
		const paidPeriods = periodRange('2020-01', '2026-10');
		const on = (today: string) => remindersDue({ ...base, today, open: s39, paidPeriods });
		expect(on('2026-12-10')).toEqual([expect.objectContaining({ key: 'due:39:2026-11:soon' })]);
		expect(on('2026-12-14')).toEqual(on('2026-12-10'));
		expect(on('2026-12-15').map((r) => r.key)).toEqual(['due:39:2026-11:day']);
		expect(on('2026-12-16').map((r) => r.key)).toEqual(['missed:39:2026-11', 'hospital_open:2026-12-16']);
		expect(on('2026-12-22')).toEqual(on('2026-12-16'));
	});

	it('a year of one citizen: each reminder once, on its day', () => {
		// last working day 14 March 2026; applied on 10 April; the claim approved on 20 April, paid from day 8 (22 March);
		// each report made the day after it opens, paid 3 days after it opens; section 39 from June, each month paid
		// 3 days before it is due, except September
		const ref = 'UNE-2569-000002';
		const payFrom = '2026-03-22';
		const reportsOn = (today: string): ReportRecord[] =>
			[1, 2, 3, 4, 5, 6]
				.map((n) => ({ periodNo: n, reportedOn: addDays(payFrom, 30 * n + 1), stillUnemployed: true, foundWork: false, refusedOffer: false, workStart: null }))
				.filter((r) => r.reportedOn < today);
		const s39 = { section: 39, startDate: '2026-06-01', s40Option: null };
		const months = periodRange('2026-06', '2027-03').filter((p) => p !== '2026-09');
		const payday = (p: string) => addDays(contributionDue(p), -3);
		const recordsOn = (today: string): Records => {
			const c = paymentCalendar({ payFrom, maxDays: 180, dailySatang: 25_000, reports: reportsOn(today), today });
			return {
				open: today >= s39.startDate ? s39 : null,
				paidPeriods: paidBy(today, months, payday),
				lastJobEnd: { date: '2026-03-14' },
				unemploymentSince: today >= '2026-04-10',
				claim: today >= '2026-04-20' ? { ref, periods: c.periods, open: reportOpen(c.periods, c.ended), ended: c.ended } : null,
				payments: c.periods
					.filter((p) => p.status === 'paid' && addDays(p.dueOn, 3) <= today)
					.map((p) => ({ ref, periodNo: p.periodNo, amountSatang: p.amountSatang, paidOn: addDays(p.dueOn, 3) }))
			};
		};
		const sent = walk('2026-03-14', '2027-03-31', recordsOn);
		const claim = ['2026-04-21', '2026-05-21', '2026-06-20', '2026-07-20', '2026-08-19', '2026-09-18'].flatMap((d, i) => [
			[d, `report_open:${ref}:${i + 1}`],
			[addDays(d, 3), `paid:${ref}:${i + 1}`]
		]);
		const contributions = [
			['2026-07-10', 'due:39:2026-06:soon'],
			['2026-08-12', 'due:39:2026-07:soon'],
			['2026-09-10', 'due:39:2026-08:soon'],
			['2026-10-10', 'due:39:2026-09:soon'],
			['2026-10-15', 'due:39:2026-09:day'],
			['2026-10-16', 'missed:39:2026-09'],
			['2026-11-11', 'due:39:2026-10:soon'],
			['2026-12-10', 'due:39:2026-11:soon'],
			['2027-01-10', 'due:39:2026-12:soon'],
			['2027-02-10', 'due:39:2027-01:soon'],
			['2027-03-10', 'due:39:2027-02:soon']
		];
		const hospital = [
			['2026-12-16', 'hospital_open:2026-12-16'],
			['2027-03-25', 'hospital_closing:2027-03-31']
		];
		const expected = [['2026-04-09', 'register:2026-03-14:7'], ...claim, ...contributions, ...hospital].sort((a, b) =>
			a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0
		);
		expect(days(sent)).toEqual(expected);
		expect(only(sent, 'benefit_paid').map((s) => (s.type === 'benefit_paid' ? s.amountSatang : 0))).toEqual([
			750_000, 750_000, 750_000, 750_000, 750_000, 750_000
		]);
		expect(only(sent, 'contribution_missed')).toEqual([expect.objectContaining({ period: '2026-09', unpaidInRow: 1, paidIn12: 3, lastChance: false })]);
	});
});
