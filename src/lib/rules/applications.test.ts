import { describe, expect, it } from 'vitest';
import {
	section40Eligibility,
	hospitalChangeAllowed,
	paymentCalendar,
	reportOpen,
	slipValidUntil,
	normaliseAccountNo,
	accountNameMatches
} from './applications';
import { estimateUnemployment, unemploymentFigures } from './unemployment';
import { addMonths } from './periods';
import { nextWorkingDay } from './workdays';

const s40 = (birthDate: string, today: string, openSection: number | null = null, extra: { nationality?: string; pensioner?: boolean } = {}) =>
	section40Eligibility({ birthDate, today, openSection, nationality: extra.nationality ?? 'TH', pensioner: extra.pensioner });

describe('section 40 eligibility', () => {
	it('opens on the 15th birthday, not the day before', () => {
		expect(s40('2011-11-26', '2026-11-25')).toMatchObject({ ok: false, reason: 'too_young', age: 14 });
		expect(s40('2011-11-26', '2026-11-26')).toEqual({ ok: true, age: 15 });
	});
	it('stays open through age 65 and closes on the 66th birthday', () => {
		expect(s40('1960-11-27', '2026-11-26')).toEqual({ ok: true, age: 65 });
		expect(s40('1960-11-26', '2026-11-26')).toMatchObject({ ok: false, reason: 'too_old', age: 66 });
	});
	it('refuses members of section 33 or 39, existing section 40 members, non-Thais and pensioners', () => {
		expect(s40('1990-01-01', '2026-11-26', 33)).toMatchObject({ reason: 'section33' });
		expect(s40('1990-01-01', '2026-11-26', 39)).toMatchObject({ reason: 'section39' });
		expect(s40('1990-01-01', '2026-11-26', 40)).toMatchObject({ reason: 'already_section40' });
		expect(s40('1990-01-01', '2026-11-26', null, { nationality: 'MM' })).toMatchObject({ reason: 'not_thai' });
		expect(s40('1990-01-01', '2026-11-26', null, { pensioner: true })).toMatchObject({ reason: 'pensioner' });
	});
	it('keeps the payment slip for 30 days including the day of submission', () => {
		expect(slipValidUntil('2026-11-26')).toBe('2026-12-25');
	});
});

describe('unemployment claim at its boundaries', () => {
	const months = (last: string, n: number, wage = 1_500_000) => Array.from({ length: n }, (_, i) => ({ period: addMonths(last, -i), wageBaseSatang: wage }));
	it('needs 6 contribution months in the 15 before the month of unemployment: 5 is not enough', () => {
		expect(estimateUnemployment({ contributions: months('2026-09', 5), lastWorkingDay: '2026-09-30', cause: 'dismissed' })).toMatchObject({
			eligible: false,
			reason: 'not_enough_months',
			paid: 5
		});
		expect(estimateUnemployment({ contributions: months('2026-09', 6), lastWorkingDay: '2026-09-30', cause: 'dismissed' })).toMatchObject({
			eligible: true,
			paid: 6
		});
	});
	it('counts only the 15 months before the month of unemployment', () => {
		// months 2025-01..2025-06 are 15+ months before 2026-10
		expect(estimateUnemployment({ contributions: months('2025-06', 6), lastWorkingDay: '2026-09-30', cause: 'dismissed' })).toMatchObject({
			eligible: false,
			paid: 0
		});
	});
	it('pays 60 % for unemployment from 2025-06-28 and 50 % before; 30 % for a resignation', () => {
		const c = months('2025-05', 12);
		expect(unemploymentFigures({ contributions: c, lastWorkingDay: '2025-06-27', cause: 'dismissed' })).toMatchObject({
			rateBp: 6000,
			monthlySatang: 900_000,
			dailySatang: 30_000
		});
		expect(unemploymentFigures({ contributions: c, lastWorkingDay: '2025-06-26', cause: 'dismissed' })).toMatchObject({
			rateBp: 5000,
			monthlySatang: 750_000,
			dailySatang: 25_000
		});
		expect(unemploymentFigures({ contributions: c, lastWorkingDay: '2025-06-27', cause: 'resigned' })).toMatchObject({ rateBp: 3000, maxDays: 90 });
	});
	it('shows as a month exactly what a 30-day period pays (the daily rate × 30)', () => {
		const c = [{ period: '2026-09', wageBaseSatang: 1_234_567 }, ...months('2026-08', 11, 1_000_000)];
		// average of 12,345.67, 10,000, 10,000 = 10,781.89; × 60 % ÷ 30 = 215.6378 → 215.64 a day
		expect(unemploymentFigures({ contributions: c, lastWorkingDay: '2026-09-30', cause: 'dismissed' })).toMatchObject({
			averageSatang: 1_078_189,
			dailySatang: 21_564,
			monthlySatang: 646_920
		});
	});
	it('pays from day 8 when registered within 30 days of the last working day, else from the registration date', () => {
		const c = months('2026-09', 12);
		expect(unemploymentFigures({ contributions: c, lastWorkingDay: '2026-09-30', cause: 'dismissed', registrationDate: '2026-10-30' })).toMatchObject({
			payFrom: '2026-10-08',
			lateRegistration: false
		});
		expect(unemploymentFigures({ contributions: c, lastWorkingDay: '2026-09-30', cause: 'dismissed', registrationDate: '2026-10-31' })).toMatchObject({
			payFrom: '2026-10-31',
			lateRegistration: true
		});
	});
	it('takes off the days already paid this calendar year (180 in all, 90 for resignations)', () => {
		const c = months('2026-09', 12);
		expect(
			unemploymentFigures({ contributions: c, lastWorkingDay: '2026-09-30', cause: 'dismissed', usedThisYear: { layoffDays: 100, resignDays: 0 } }).maxDays
		).toBe(80);
		expect(
			unemploymentFigures({ contributions: c, lastWorkingDay: '2026-09-30', cause: 'resigned', usedThisYear: { layoffDays: 0, resignDays: 60 } }).maxDays
		).toBe(30);
		expect(
			unemploymentFigures({ contributions: c, lastWorkingDay: '2026-09-30', cause: 'resigned', usedThisYear: { layoffDays: 170, resignDays: 0 } }).maxDays
		).toBe(10);
	});
});

describe('report-in calendar', () => {
	const base = { payFrom: '2026-10-08', maxDays: 70, dailySatang: 30_000, reports: [] as never[] };
	it('cuts the benefit days into 30-day periods, each due the day after it ends', () => {
		const c = paymentCalendar({ ...base, today: '2026-10-10' });
		expect(c.periods.map((p) => [p.from, p.to, p.days, p.dueOn, p.status])).toEqual([
			['2026-10-08', '2026-11-06', 30, '2026-11-07', 'upcoming'],
			['2026-11-07', '2026-12-06', 30, '2026-12-07', 'upcoming'],
			['2026-12-07', '2026-12-16', 10, '2026-12-17', 'upcoming']
		]);
		expect(reportOpen(c.periods, c.ended)).toBeNull();
	});
	it('opens a report on the due day and pauses the payment after 7 days without one', () => {
		expect(paymentCalendar({ ...base, today: '2026-11-07' }).periods[0]!.status).toBe('due');
		expect(paymentCalendar({ ...base, today: '2026-11-13' }).periods[0]!.status).toBe('due');
		expect(paymentCalendar({ ...base, today: '2026-11-14' }).periods[0]!.status).toBe('paused');
	});
	it('pays a reported period in full, and ends the claim the day before new work starts', () => {
		const reports = [
			{ periodNo: 1, reportedOn: '2026-11-07', stillUnemployed: true, foundWork: false, refusedOffer: false, workStart: null },
			{ periodNo: 2, reportedOn: '2026-12-07', stillUnemployed: false, foundWork: true, refusedOffer: false, workStart: '2026-11-17' }
		];
		const c = paymentCalendar({ ...base, reports, today: '2026-12-07' });
		expect(c.periods.map((p) => [p.status, p.days, p.amountSatang])).toEqual([
			['paid', 30, 900_000],
			['paid', 10, 300_000],
			['not_paid', 10, 0]
		]);
		expect(c.ended).toBe(true);
	});
	it('withholds a period when a job offer or training was refused', () => {
		const reports = [{ periodNo: 1, reportedOn: '2026-11-07', stillUnemployed: true, foundWork: false, refusedOffer: true, workStart: null }];
		expect(paymentCalendar({ ...base, reports, today: '2026-11-07' }).periods[0]).toMatchObject({ status: 'withheld', amountSatang: 0 });
	});
});

describe('hospital change', () => {
	const ask = (today: string, o: Partial<Parameters<typeof hospitalChangeAllowed>[0]> = {}) =>
		hospitalChangeAllowed({ today, openSection: 33, lastChangeOn: null, pending: false, moved: false, ...o });
	it('is open from 16 December to 31 March only', () => {
		expect(ask('2026-12-15')).toMatchObject({ ok: false, reason: 'outside_window', windowFrom: '2026-12-16' });
		expect(ask('2026-12-16')).toEqual({ ok: true });
		expect(ask('2027-03-31')).toEqual({ ok: true });
		expect(ask('2027-04-01')).toMatchObject({ ok: false, reason: 'outside_window' });
	});
	it('allows one change per window, unless the citizen moved', () => {
		expect(ask('2027-01-10', { lastChangeOn: '2026-12-20' })).toMatchObject({ ok: false, reason: 'once_a_year' });
		expect(ask('2027-01-10', { lastChangeOn: '2026-03-01' })).toEqual({ ok: true });
		expect(ask('2026-11-26', { moved: true })).toEqual({ ok: true });
		expect(ask('2026-11-26', { moved: true, pending: true })).toMatchObject({ reason: 'pending' });
		expect(ask('2026-12-20', { openSection: 40 })).toMatchObject({ reason: 'no_sso_hospital' });
	});
	it('applies from the next working day', () => {
		expect(nextWorkingDay('2026-11-26')).toBe('2026-11-27'); // Thursday → Friday
		expect(nextWorkingDay('2026-11-27')).toBe('2026-11-30'); // Friday → Monday
		expect(nextWorkingDay('2026-11-28')).toBe('2026-11-30');
	});
	it('skips public and bank holidays, substitution days included', () => {
		expect(nextWorkingDay('2026-04-10')).toBe('2026-04-16'); // Friday → Songkran Monday to Wednesday → Thursday
		expect(nextWorkingDay('2026-07-27')).toBe('2026-07-31'); // King's Birthday, Asarnha Bucha, Buddhist Lent (government)
		expect(nextWorkingDay('2026-12-04')).toBe('2026-12-08'); // Monday 7 December is the substitution for Saturday 5 December
		expect(nextWorkingDay('2026-12-30')).toBe('2027-01-04'); // New Year's Eve and Day, then the weekend
	});
});

describe('payment account', () => {
	it('checks the account number length per bank', () => {
		expect(normaliseAccountNo('004', '123-4-56789-0')).toBe('1234567890');
		expect(normaliseAccountNo('004', '12345678901')).toBeNull();
		expect(normaliseAccountNo('030', '0200 1234 5678')).toBe('020012345678');
		expect(normaliseAccountNo('999', '1234567890')).toBeNull();
	});
	it('accepts only the citizen’s own name, with or without a title', () => {
		const names = { th: ['สมชาย', 'ใจดี'] as [string, string], en: ['Somchai', 'Jaidee'] as [string, string] };
		expect(accountNameMatches('นาย สมชาย  ใจดี', names)).toBe(true);
		expect(accountNameMatches('MR. SOMCHAI JAIDEE', names)).toBe(true);
		expect(accountNameMatches('สมหญิง ใจดี', names)).toBe(false);
	});
});
