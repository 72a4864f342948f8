import { describe, expect, it } from 'vitest';
import { actionsToday, monthToPay, type ActionInput } from './actions';
import { paymentCalendar, reportOpen } from './applications';

const base: ActionInput = {
	today: '2026-12-06',
	open: null,
	paidPeriods: [],
	lastJobEnd: null,
	unemploymentSince: false,
	claim: null,
	slip: null,
	hospital: { lastChangeOn: null, pending: false }
};

describe('actions for today', () => {
	it('dismissed on the last day of last month: claim unemployment by the 30-day line, with the days left', () => {
		const a = actionsToday({ ...base, lastJobEnd: { date: '2026-11-30' } });
		expect(a).toEqual([{ kind: 'claim_unemployment', lastWorkingDay: '2026-11-30', by: '2026-12-30', daysLeft: 24, ref: null }]);
	});
	it('no claim prompt once a claim is made, past the line (moved past weekends and holidays), or while working under section 33', () => {
		expect(actionsToday({ ...base, lastJobEnd: { date: '2026-11-30' }, unemploymentSince: true })).toEqual([]);
		expect(actionsToday({ ...base, lastJobEnd: { date: '2026-11-02' } })).toEqual([]);
		// day 30 on a Saturday, then Sunday and the 7 December 2026 holiday: the line moves to Tuesday 8 December
		expect(actionsToday({ ...base, lastJobEnd: { date: '2026-11-05' } })[0]).toMatchObject({ by: '2026-12-08', daysLeft: 2 });
		expect(actionsToday({ ...base, today: '2026-12-08', lastJobEnd: { date: '2026-11-05' } })[0]).toMatchObject({ by: '2026-12-08', daysLeft: 0 });
		expect(actionsToday({ ...base, today: '2026-12-09', lastJobEnd: { date: '2026-11-05' } })).toEqual([]);
		const s33 = { section: 33, startDate: '2026-12-01', s40Option: null };
		expect(actionsToday({ ...base, open: s33, lastJobEnd: { date: '2026-11-30' } }).map((x) => x.kind)).not.toContain('claim_unemployment');
	});

	it('section 33: the hospital-change window is announced from a month before 16 December, then open until 31 March', () => {
		const s33 = { section: 33, startDate: '2016-01-04', s40Option: null };
		expect(actionsToday({ ...base, today: '2026-11-14', open: s33 })).toEqual([]);
		expect(actionsToday({ ...base, today: '2026-11-15', open: s33 })).toEqual([{ kind: 'hospital_window', open: false, from: '2026-12-16', to: '2027-03-31' }]);
		expect(actionsToday({ ...base, open: s33 })).toEqual([{ kind: 'hospital_window', open: false, from: '2026-12-16', to: '2027-03-31' }]);
		expect(actionsToday({ ...base, today: '2026-12-16', open: s33 })).toEqual([{ kind: 'hospital_window', open: true, from: '2026-12-16', to: '2027-03-31' }]);
		expect(actionsToday({ ...base, today: '2027-03-31', open: s33 })).toEqual([{ kind: 'hospital_window', open: true, from: '2026-12-16', to: '2027-03-31' }]);
		expect(actionsToday({ ...base, today: '2027-04-01', open: s33 })).toEqual([]);
		// already changed in this window, or a change pending: nothing to do
		expect(actionsToday({ ...base, today: '2027-01-10', open: s33, hospital: { lastChangeOn: '2026-12-20', pending: false } })).toEqual([]);
		expect(actionsToday({ ...base, today: '2027-01-10', open: s33, hospital: { lastChangeOn: null, pending: true } })).toEqual([]);
	});

	it('section 39: pay last month by the 15th (432 baht), then this month by the 15th of the next', () => {
		const s39 = { section: 39, startDate: '2023-07-01', s40Option: null };
		const a = actionsToday({ ...base, open: s39, paidPeriods: ['2026-09'] });
		expect(a).toContainEqual({ kind: 'pay', section: 39, period: '2026-11', amountSatang: 43_200, due: '2026-12-15', paidBefore: null });
		expect(a.map((x) => x.kind)).toEqual(['pay', 'hospital_window']);
		const after = actionsToday({ ...base, today: '2026-12-16', open: s39, paidPeriods: ['2026-11'] });
		expect(after[0]).toEqual({ kind: 'pay', section: 39, period: '2026-12', amountSatang: 43_200, due: '2027-01-15', paidBefore: null });
	});

	it('section 40: the option amount and due date; just paid → the next month, how much and by when', () => {
		const s40 = { section: 40, startDate: '2022-01-10', s40Option: 2 };
		expect(actionsToday({ ...base, open: s40, paidPeriods: ['2026-10'] })).toEqual([
			{ kind: 'pay', section: 40, period: '2026-11', amountSatang: 10_000, due: '2026-12-15', paidBefore: null }
		]);
		expect(actionsToday({ ...base, open: s40, paidPeriods: ['2026-10', '2026-11'] })).toEqual([
			{ kind: 'pay', section: 40, period: '2026-12', amountSatang: 10_000, due: '2027-01-15', paidBefore: '2026-11' }
		]);
		// joined today by paying the slip: this month is paid, next month is due by the 15th after it
		const joined = { section: 40, startDate: '2026-12-06', s40Option: 1 };
		expect(actionsToday({ ...base, open: joined, paidPeriods: ['2026-12'] })).toEqual([
			{ kind: 'pay', section: 40, period: '2027-01', amountSatang: 7_000, due: '2027-02-15', paidBefore: '2026-12' }
		]);
		// section 40 members have no SSO hospital: no hospital window
		expect(actionsToday({ ...base, today: '2026-12-20', open: s40, paidPeriods: [] }).map((x) => x.kind)).toEqual(['pay']);
	});

	it('a section 40 slip to pay before it expires', () => {
		const slip = { ref: 'S40-2569-000001', amountSatang: 10_000, validUntil: '2027-01-04' };
		expect(actionsToday({ ...base, slip })).toEqual([{ kind: 'pay_slip', ref: 'S40-2569-000001', amountSatang: 10_000, by: '2027-01-04' }]);
		expect(actionsToday({ ...base, today: '2027-01-05', slip })).toEqual([]);
	});

	it('an open unemployment claim: the report that is open now, with its last day, else the next one', () => {
		const cal = (today: string) => {
			const c = paymentCalendar({ payFrom: '2026-10-08', maxDays: 180, dailySatang: 30_000, reports: [], today });
			return { ref: 'UNE-2569-000001', periods: c.periods, open: reportOpen(c.periods, c.ended), ended: c.ended };
		};
		expect(actionsToday({ ...base, today: '2026-10-20', unemploymentSince: true, claim: cal('2026-10-20') })).toEqual([
			{ kind: 'report_next', ref: 'UNE-2569-000001', periodNo: 1, from: '2026-11-07' }
		]);
		expect(actionsToday({ ...base, today: '2026-11-08', unemploymentSince: true, claim: cal('2026-11-08') })).toEqual([
			{ kind: 'report_now', ref: 'UNE-2569-000001', periodNo: 1, from: '2026-11-07', by: '2026-11-13', late: false }
		]);
		expect(actionsToday({ ...base, today: '2026-11-20', unemploymentSince: true, claim: cal('2026-11-20') })[0]).toMatchObject({
			kind: 'report_now',
			late: true
		});
	});
});

describe('the month a section 39/40 member pays now', () => {
	it('last month until its due date (the 15th), then this month', () => {
		expect(monthToPay('2026-12-15', '2020-01', new Set())).toEqual({ period: '2026-11', paidBefore: null });
		expect(monthToPay('2026-12-16', '2020-01', new Set())).toEqual({ period: '2026-12', paidBefore: null });
		expect(monthToPay('2027-01-01', '2020-01', new Set())).toEqual({ period: '2026-12', paidBefore: null });
		// 15 May 2027 is a Saturday: April is due on Monday 17 May, so on the 16th it is still April's turn
		expect(monthToPay('2027-05-16', '2020-01', new Set())).toEqual({ period: '2027-04', paidBefore: null });
		expect(actionsToday({ ...base, today: '2027-05-16', open: { section: 40, startDate: '2022-01-10', s40Option: 3 } })).toEqual([
			{ kind: 'pay', section: 40, period: '2027-04', amountSatang: 30_000, due: '2027-05-17', paidBefore: null }
		]);
	});
	it('never a month before the coverage began; paid months are skipped', () => {
		expect(monthToPay('2026-12-06', '2026-12', new Set())).toEqual({ period: '2026-12', paidBefore: null });
		expect(monthToPay('2026-12-06', '2020-01', new Set(['2026-11', '2026-12']))).toEqual({ period: '2027-01', paidBefore: '2026-12' });
	});
});
