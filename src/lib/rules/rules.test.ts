/** Table-driven tests of every rule in ../shared/domain/sso-rules.md, with hand-checked values. */
import { describe, expect, it } from 'vitest';
import { oldAgeShare, totalOldAgeSavings } from './savings';
import { average60, lumpSum, monthlyPension, pensionRateBp, projectOldAge, projectSection40OldAge } from './pension';
import { assignmentsOn, hospitalChangeWindow, medicalRights } from './medical';
import { estimateUnemployment, remainingDays, unemploymentRateBp } from './unemployment';
import { entitlements, type EntitlementInput } from './entitlements';
import { addMonths, addMonthsToDate, ageOn, countInWindowBefore, periodRange } from './periods';
import { section33Contribution } from './contributions';

const B = (baht: number) => Math.round(baht * 100);

describe('old-age share (ไม่รวมดอกผล)', () => {
	it.each([
		[33, 75_000, 75_000, 45_000, 45_000], // 750 → 450 each side (3/5)
		[33, 87_500, 87_500, 52_500, 52_500], // 875 → 525
		[33, 54_900, 54_900, 32_940, 32_940], // 549 → 329.40
		[33, 15_000, 60_000, 9_000, 36_000] // 2020 cut: 1 % / 4 %
	])('section %d insured %d employer %d → %d + %d', (section, ins, emp, a, b) => {
		expect(oldAgeShare({ period: '2025-01', section, wageBaseSatang: 0, insuredSatang: ins, employerSatang: emp, governmentSatang: 0 })).toEqual({
			insuredSatang: a,
			employerSatang: b
		});
	});
	it('section 39: 288 of 432, scaled in reduced months', () => {
		expect(
			oldAgeShare({ period: '2024-01', section: 39, wageBaseSatang: 480_000, insuredSatang: 43_200, employerSatang: 0, governmentSatang: 12_000 }).insuredSatang
		).toBe(28_800);
		expect(
			oldAgeShare({ period: '2020-04', section: 39, wageBaseSatang: 480_000, insuredSatang: 8_600, employerSatang: 0, governmentSatang: 12_000 }).insuredSatang
		).toBe(5_733); // 86 × 2/3 = 57.333
	});
	it('section 40: option 2 → 50, option 3 → 150, option 1 → none', () => {
		const r = (o: number) =>
			oldAgeShare({ period: '2024-01', section: 40, wageBaseSatang: 0, insuredSatang: 0, employerSatang: 0, governmentSatang: 0, s40Option: o }).insuredSatang;
		expect([r(1), r(2), r(3)]).toEqual([0, 5_000, 15_000]);
	});
	it('totals', () => {
		const rows = periodRange('2025-01', '2025-12').map((period) => ({
			period,
			section: 33,
			wageBaseSatang: B(15000),
			insuredSatang: B(750),
			employerSatang: B(750),
			governmentSatang: B(413)
		}));
		expect(totalOldAgeSavings(rows)).toEqual({ insuredSatang: B(5400), employerSatang: B(5400), totalSatang: B(10800) });
	});
});

describe('old-age pension and lump sum', () => {
	it.each([
		[15, 3_000],
		[20, 4_125],
		[25, 5_250],
		[30, 6_375],
		[35, 7_500]
	])('%d years at an average of 15,000 → %d baht a month', (years, baht) => {
		expect(monthlyPension(B(15_000), years * 12)).toBe(B(baht));
	});
	it('needs 180 months; full years only beyond 180', () => {
		expect(pensionRateBp(179)).toBeNull();
		expect(pensionRateBp(180)).toBe(2000);
		expect(pensionRateBp(191)).toBe(2000);
		expect(pensionRateBp(192)).toBe(2150);
	});
	it('average of the last 60 months', () => {
		const bases = [...Array(60).fill(B(10_000)), ...Array(60).fill(B(15_000))];
		expect(average60(bases)).toBe(B(15_000));
		expect(average60([B(10_000), B(15_000), B(15_000)])).toBe(B(13_333.33));
	});
	it('lump sum: own savings under 12 months, own + employer from 12', () => {
		expect(lumpSum(11, { insuredSatang: 100, employerSatang: 50 })).toBe(100);
		expect(lumpSum(12, { insuredSatang: 100, employerSatang: 50 })).toBe(150);
	});
	it('projects a working member to 55 with the rising ceiling', () => {
		const p = projectOldAge({
			today: '2026-11-25',
			birthDate: '1985-03-27',
			wageBases: Array(120).fill(B(15_000)),
			monthsSoFar: 160,
			savings: { insuredSatang: 0, employerSatang: 0 },
			futureWageSatang: B(30_000),
			retireAge: 55,
			working: true
		});
		// Nov 2026 (the month after the last one recorded, Oct) … Feb 2040 = 160 months; 160 + 160 = 320 → 20 % + 1.5 % × 11 = 36.5 %;
		// the last 60 months are at the 2032 ceiling, 23,000
		expect(p.futureMonths).toBe(160);
		expect(p.monthsAtRetirement).toBe(320);
		expect(p.average60Satang).toBe(B(23_000));
		expect(p.monthlyPensionSatang).toBe(B(8_395));
	});
	it('on days 1–14 the month before last is the last one due, so last month is still to come', () => {
		// 6 Dec 2026: October was due on 15 Nov; November is due on 15 Dec (Act s.47), so it is a future month.
		// Nov 2026 … Feb 2040 (the month before the 55th birthday, 27 Mar 2040) = 13 × 12 + 4 = 160 months.
		const input = {
			today: '2026-12-06',
			birthDate: '1985-03-27',
			wageBases: Array(120).fill(B(15_000)),
			monthsSoFar: 160,
			savings: { insuredSatang: 0, employerSatang: 0 },
			futureWageSatang: B(15_000),
			retireAge: 55,
			working: true
		};
		expect(projectOldAge({ ...input, lastRecordedPeriod: '2026-10' }).futureMonths).toBe(160);
		expect(projectOldAge(input).futureMonths).toBe(160);
		// November already paid early: Dec 2026 … Feb 2040
		expect(projectOldAge({ ...input, lastRecordedPeriod: '2026-11' }).futureMonths).toBe(159);
		// a month already due and not paid is not assumed to come
		expect(projectOldAge({ ...input, lastRecordedPeriod: '2026-06' }).futureMonths).toBe(160);
		// 55 on 20 Dec 2026 with 251 months to October: November is the last month, 252 → 20 % + 1.5 % × 6 = 29 % of 17,500
		const p = projectOldAge({
			...input,
			birthDate: '1971-12-20',
			monthsSoFar: 251,
			lastRecordedPeriod: '2026-10',
			wageBases: Array(60).fill(B(17_500)),
			futureWageSatang: B(17_500)
		});
		expect(p.monthsAtRetirement).toBe(252);
		expect(p.monthlyPensionSatang).toBe(B(5_075));
	});
	it('a 29 February birthday retires on 28 February in a common year', () => {
		const p = projectOldAge({
			today: '2026-11-25',
			birthDate: '2000-02-29',
			wageBases: [],
			monthsSoFar: 0,
			savings: { insuredSatang: 0, employerSatang: 0 },
			futureWageSatang: 0,
			retireAge: 55,
			working: false
		});
		expect(p.retireDate).toBe('2055-02-28');
	});
	it('a 29 February birthday: one rule for the age and the projection (28 February in a common year)', () => {
		expect(ageOn('2000-02-29', '2055-02-27')).toBe(54);
		expect(ageOn('2000-02-29', '2055-02-28')).toBe(55);
		expect(ageOn('2000-02-29', '2056-02-28')).toBe(55);
		expect(ageOn('2000-02-29', '2056-02-29')).toBe(56);
		const p = projectOldAge({
			today: '2055-02-28',
			birthDate: '2000-02-29',
			wageBases: Array(60).fill(B(15_000)),
			monthsSoFar: 200,
			savings: { insuredSatang: 0, employerSatang: 0 },
			lastRecordedPeriod: '2055-01',
			futureWageSatang: B(15_000),
			retireAge: 55,
			working: true
		});
		// on the day the projection retires the member, the age is 55 too: nothing more to come, January was the last month
		expect(p.retireDate).toBe('2055-02-28');
		expect(p.futureMonths).toBe(0);
	});
	it('the month of the retirement birthday is not projected; the months before it are', () => {
		const p = projectOldAge({
			today: '2035-01-20',
			birthDate: '1980-03-01',
			wageBases: Array(60).fill(B(15_000)),
			monthsSoFar: 100,
			savings: { insuredSatang: 0, employerSatang: 0 },
			lastRecordedPeriod: '2034-12',
			futureWageSatang: B(15_000),
			retireAge: 55,
			working: true
		});
		// January and February 2035; March 2035 (55 on 1 March) is not assumed
		expect(p.futureMonths).toBe(2);
		expect(p.monthsAtRetirement).toBe(102);
	});
	it('projects a section 39 member who keeps paying 432 a month to 55 on the deemed wage of 4,800', () => {
		const suda = {
			today: '2026-12-06',
			birthDate: '1978-07-12',
			wageBases: [...Array(21).fill(B(15_000)), ...Array(39).fill(B(4_800))],
			monthsSoFar: 119,
			savings: { insuredSatang: B(40_000), employerSatang: B(30_000) },
			lastRecordedPeriod: '2026-09',
			futureWageSatang: 0,
			retireAge: 55,
			working: true,
			section: 39 as const
		};
		const p = projectOldAge(suda);
		// October was due on 15 November and not paid; Nov 2026 … Jun 2033 (55 on 12 Jul 2033) = 6 × 12 + 8 = 80 months
		expect(p.futureMonths).toBe(80);
		expect(p.monthsAtRetirement).toBe(199);
		// the last 60 months all at 4,800; 199 months → 20 % + 1.5 % × 1 = 21.5 % → 1,032 baht a month
		expect(p.average60Satang).toBe(B(4_800));
		expect(p.monthlyPensionSatang).toBe(B(1_032));
		expect(p.retireDate).toBe('2033-07-12');
		// stopping now: 119 months, a lump sum of own + employer savings at 55
		const stop = projectOldAge({ ...suda, working: false });
		expect(stop).toMatchObject({ monthsAtRetirement: 119, kind: 'lump_sum', lumpSumSatang: B(70_000) });
		// short of 180 months, each future month adds 288 of the 432 baht to the member's own savings (no employer)
		const short = projectOldAge({ ...suda, monthsSoFar: 50 });
		expect(short).toMatchObject({ monthsAtRetirement: 130, kind: 'lump_sum', lumpSumSatang: B(40_000 + 30_000 + 80 * 288) });
	});
	it('a member already past the retirement age is shown coverage ending today, not a date in the past', () => {
		const p = projectOldAge({
			today: '2026-12-06',
			birthDate: '1968-09-28',
			wageBases: Array(60).fill(B(4_800)),
			monthsSoFar: 119,
			savings: { insuredSatang: B(40_000), employerSatang: B(30_000) },
			lastRecordedPeriod: '2026-10',
			futureWageSatang: 0,
			retireAge: 55,
			working: true,
			section: 39
		});
		expect(p).toMatchObject({ endsToday: true, retireDate: '2026-12-06', futureMonths: 0, monthsAtRetirement: 119 });
	});
	it('projects a lump sum when 180 months will not be reached', () => {
		const p = projectOldAge({
			today: '2026-11-25',
			birthDate: '1972-01-10',
			wageBases: [B(10_000)],
			monthsSoFar: 24,
			savings: { insuredSatang: B(1000), employerSatang: B(1000) },
			futureWageSatang: B(10_000),
			retireAge: 55,
			working: true
		});
		// Nov and Dec 2026 (55 on 10 Jan 2027): 2 more months of 500 + 500 → 3/5 = 300 a side each month
		expect(p.kind).toBe('lump_sum');
		expect(p.futureMonths).toBe(2);
		expect(p.lumpSumSatang).toBe(B(3_200));
	});
});

describe('section 40 old age (options 2 and 3: a lump sum of the savings at 60)', () => {
	// Prasert, option 2 since January 2022, paid through October 2026 (due 15 November), 60 on 5 November 2030
	const prasert = { today: '2026-12-06', birthDate: '1970-11-05', option: 2 as const, savingsSatang: B(2_650), lastRecordedPeriod: '2026-10', paying: true };
	it('option 2 keeps adding 50 baht a month until the month before the 60th birthday', () => {
		// November 2026 … October 2030 = 48 months
		expect(projectSection40OldAge(prasert)).toEqual({
			payoutDate: '2030-11-05',
			endsToday: false,
			futureMonths: 48,
			monthlySavingSatang: B(50),
			lumpSumSatang: B(2_650 + 48 * 50)
		});
	});
	it('option 3 adds 150 baht a month; option 1 saves nothing for old age', () => {
		expect(projectSection40OldAge({ ...prasert, option: 3 }).lumpSumSatang).toBe(B(2_650 + 48 * 150));
		expect(projectSection40OldAge({ ...prasert, option: 1, savingsSatang: 0 })).toMatchObject({ monthlySavingSatang: 0, lumpSumSatang: 0 });
	});
	it('stopping now keeps what was saved, paid at 60', () => {
		expect(projectSection40OldAge({ ...prasert, paying: false })).toMatchObject({ futureMonths: 0, lumpSumSatang: B(2_650), payoutDate: '2030-11-05' });
	});
	it('a month not yet due is assumed to come; a month paid early or missed is not counted again', () => {
		// 10 December: November is payable until 15 December, so it is still to come
		expect(projectSection40OldAge({ ...prasert, today: '2026-12-10' }).futureMonths).toBe(48);
		// November already paid early: December onwards
		expect(projectSection40OldAge({ ...prasert, today: '2026-12-10', lastRecordedPeriod: '2026-11' }).futureMonths).toBe(47);
		// 20 December: November's due date passed unpaid, so it is not assumed
		expect(projectSection40OldAge({ ...prasert, today: '2026-12-20' }).futureMonths).toBe(47);
	});
	it('a member already 60 is shown the savings payable now, not a date in the past', () => {
		expect(projectSection40OldAge({ ...prasert, birthDate: '1964-02-29' })).toMatchObject({
			endsToday: true,
			payoutDate: '2026-12-06',
			futureMonths: 0,
			lumpSumSatang: B(2_650)
		});
	});
	it('a 29 February birthday turns 60 on 28 February in a common year (the one birthday rule)', () => {
		expect(projectSection40OldAge({ ...prasert, today: '2025-06-01', birthDate: '1966-02-29' }).payoutDate).toBe('2026-02-28');
		// in a leap year the day itself
		expect(projectSection40OldAge({ ...prasert, birthDate: '1968-02-29' }).payoutDate).toBe('2028-02-29');
	});
});

describe('medical rights', () => {
	const paid = (from: string, to: string) => new Set(periodRange(from, to));
	it('3 of the 15 months before this month', () => {
		const cov = [{ section: 33, startDate: '2026-07-01', endDate: null }];
		expect(medicalRights(cov, paid('2026-08', '2026-10'), '2026-11-25')).toMatchObject({ kind: 'active', paid: 3 });
		expect(medicalRights(cov, paid('2026-09', '2026-10'), '2026-11-25')).toMatchObject({ kind: 'not_enough', paid: 2, needed: 3 });
		expect(countInWindowBefore(paid('2025-07', '2026-10'), '2026-11', 15)).toBe(15); // Aug 2025 … Oct 2026
	});
	it('continue for 6 months after coverage ends, then stop', () => {
		const cov = [{ section: 33, startDate: '2020-01-01', endDate: '2026-05-31' }];
		const p = paid('2020-01', '2026-05');
		expect(medicalRights(cov, p, '2026-11-30')).toMatchObject({ kind: 'active', tailUntil: '2026-11-30' });
		expect(medicalRights(cov, p, '2026-12-01')).toEqual({ kind: 'ended', endedOn: '2026-05-31', tailUntil: '2026-11-30', hadRights: true });
		// the condition is read on the 15 months up to the month coverage ended: 3 paid ones are enough, 2 are not
		expect(medicalRights(cov, paid('2026-03', '2026-05'), '2026-07-01')).toMatchObject({ kind: 'active', paid: 3 });
		expect(medicalRights(cov, new Set(['2025-02', '2025-03', '2026-05']), '2026-07-01')).toMatchObject({ kind: 'ended', hadRights: false });
		// moving to section 40 keeps the 6-month tail of the section 33 rights
		expect(medicalRights([...cov, { section: 40, startDate: '2026-06-10', endDate: null }], p, '2026-08-01')).toMatchObject({
			kind: 'active',
			tailUntil: '2026-11-30'
		});
	});
	it('section 40 uses the gold card; never insured has none', () => {
		expect(medicalRights([{ section: 40, startDate: '2022-01-10', endDate: null }], new Set(), '2026-11-25')).toEqual({ kind: 'gold_card' });
		expect(medicalRights([], new Set(), '2026-11-25')).toEqual({ kind: 'none' });
	});
	it('hospital change window 16 Dec – 31 Mar', () => {
		expect(hospitalChangeWindow('2026-11-25')).toEqual({ open: false, from: '2026-12-16', to: '2027-03-31' });
		expect(hospitalChangeWindow('2026-12-16')).toEqual({ open: true, from: '2026-12-16', to: '2027-03-31' });
		expect(hospitalChangeWindow('2027-03-31')).toEqual({ open: true, from: '2026-12-16', to: '2027-03-31' });
		expect(hospitalChangeWindow('2027-04-01')).toEqual({ open: false, from: '2027-12-16', to: '2028-03-31' });
	});
});

describe('unemployment', () => {
	const months = (from: string, to: string, wage: number) =>
		periodRange(from, to).map((period) => ({ period, wageBaseSatang: section33Contribution(B(wage), period).wageBaseSatang }));
	it('60 % for a lay-off from 2025-06-28, 50 % before; 30 % for a resignation', () => {
		expect(unemploymentRateBp('dismissed', '2025-06-27')).toBe(5000);
		expect(unemploymentRateBp('dismissed', '2025-06-28')).toBe(6000);
		expect(unemploymentRateBp('business_closed', '2026-01-01')).toBe(6000);
		expect(unemploymentRateBp('resigned', '2026-01-01')).toBe(3000);
		expect(unemploymentRateBp('contract_ended', '2024-01-01')).toBe(3000);
	});
	it('dismissed at a wage above the ceiling: 60 % of 17,500 = 10,500 a month, 350 a day, up to 180 days', () => {
		const e = estimateUnemployment({ contributions: months('2019-02', '2026-10', 22_500), lastWorkingDay: '2026-10-31', cause: 'dismissed' });
		expect(e).toMatchObject({
			eligible: true,
			paid: 15,
			averageSatang: B(17_500),
			rateBp: 6000,
			monthlySatang: B(10_500),
			dailySatang: B(350),
			maxDays: 180,
			totalSatang: B(63_000),
			payFrom: '2026-11-08'
		});
	});
	it('average of the 3 highest wage bases in the 9 months before', () => {
		const c = [...months('2025-01', '2025-09', 12_000), { period: '2025-03', wageBaseSatang: B(15_000) }, { period: '2025-04', wageBaseSatang: B(14_000) }];
		const e = estimateUnemployment({ contributions: c, lastWorkingDay: '2025-09-30', cause: 'resigned' });
		expect(e).toMatchObject({ eligible: true, averageSatang: B(13_666.67), rateBp: 3000, maxDays: 90 });
	});
	it('needs 6 of 15 months, and not misconduct', () => {
		expect(estimateUnemployment({ contributions: months('2026-05', '2026-09', 15_000), lastWorkingDay: '2026-09-30', cause: 'dismissed' })).toMatchObject({
			eligible: false,
			reason: 'not_enough_months',
			paid: 5
		});
		expect(
			estimateUnemployment({ contributions: months('2025-01', '2026-09', 15_000), lastWorkingDay: '2026-09-30', cause: 'dismissed_misconduct' })
		).toMatchObject({ eligible: false, reason: 'misconduct' });
	});
	it('late registration is paid from the registration date', () => {
		const e = estimateUnemployment({
			contributions: months('2025-01', '2026-09', 15_000),
			lastWorkingDay: '2026-09-30',
			cause: 'dismissed',
			registrationDate: '2026-11-15'
		});
		expect(e).toMatchObject({ eligible: true, lateRegistration: true, payFrom: '2026-11-15' });
	});
	it('the 30 days to register end on the next working day when the 30th is a holiday (Civil and Commercial Code s.193/8)', () => {
		const at = (registrationDate: string) =>
			estimateUnemployment({ contributions: months('2025-01', '2026-02', 15_000), lastWorkingDay: '2026-03-16', cause: 'dismissed', registrationDate });
		// day 30 is Wednesday 15 April 2026, Songkran: Thursday the 16th is still in time
		expect(at('2026-04-16')).toMatchObject({ eligible: true, lateRegistration: false, payFrom: '2026-03-24' });
		expect(at('2026-04-17')).toMatchObject({ eligible: true, lateRegistration: true, payFrom: '2026-04-17' });
		// day 30 on a weekend: Saturday 31 October 2026 → Monday 2 November
		const w = (registrationDate: string) =>
			estimateUnemployment({ contributions: months('2025-01', '2026-09', 15_000), lastWorkingDay: '2026-10-01', cause: 'dismissed', registrationDate });
		expect(w('2026-11-02')).toMatchObject({ lateRegistration: false, payFrom: '2026-10-09' });
		expect(w('2026-11-03')).toMatchObject({ lateRegistration: true });
	});
	it('force majeure has no standing rate: no amount until the announcement for the event sets it (Act s.79/1)', () => {
		expect(unemploymentRateBp('force_majeure', '2026-01-01')).toBeNull();
		expect(unemploymentRateBp('force_majeure', '2024-01-01')).toBeNull();
		const e = estimateUnemployment({ contributions: months('2025-01', '2026-09', 15_000), lastWorkingDay: '2026-09-30', cause: 'force_majeure' });
		expect(e).toMatchObject({
			eligible: true,
			averageSatang: B(15_000),
			rateBp: null,
			dailySatang: null,
			monthlySatang: null,
			totalSatang: null,
			maxDays: 180, // its days count in the 180-day yearly total
			payFrom: '2026-10-08'
		});
	});
	it('180 / 90-day caps across two claims in one calendar year', () => {
		expect(remainingDays('dismissed', { layoffDays: 0, resignDays: 0 })).toBe(180);
		expect(remainingDays('resigned', { layoffDays: 0, resignDays: 0 })).toBe(90);
		expect(remainingDays('dismissed', { layoffDays: 0, resignDays: 60 })).toBe(120); // resigned first, then laid off
		expect(remainingDays('resigned', { layoffDays: 150, resignDays: 0 })).toBe(30); // the 180 total binds
		expect(remainingDays('resigned', { layoffDays: 0, resignDays: 90 })).toBe(0);
		expect(remainingDays('dismissed', { layoffDays: 180, resignDays: 0 })).toBe(0);
	});
});

describe('entitlements', () => {
	const c33 = (from: string, to: string, wage: number) =>
		periodRange(from, to).map((period) => ({ period, section: 33, wageBaseSatang: section33Contribution(B(wage), period).wageBaseSatang }));
	const base: EntitlementInput = {
		today: '2026-11-25',
		birthDate: '1990-01-15',
		gender: 'F',
		currentSection: 33,
		contributions: c33('2024-01', '2026-10', 15_000),
		savings: { insuredSatang: 0, employerSatang: 0 },
		children: 0
	};
	const get = (i: EntitlementInput, k: string) => entitlements(i).find((e) => e.case === k)!;

	it('sickness 3 of 15: 50 % of the daily wage', () => {
		expect(get(base, 'sickness')).toMatchObject({ qualifies: true, paid: 15, needed: 3, window: 15, amountSatang: B(250), unit: 'per_day' });
		expect(get({ ...base, contributions: c33('2026-09', '2026-10', 15_000) }, 'sickness')).toMatchObject({ qualifies: false, paid: 2 });
	});
	it('maternity 5 of 15: 15,000 + 50 % × average × 90 days for the insured woman', () => {
		expect(get(base, 'maternity')).toMatchObject({ qualifies: true, amountSatang: B(15_000 + 22_500), unit: 'once' });
		expect(get({ ...base, gender: 'M' }, 'maternity').amountSatang).toBe(B(15_000));
	});
	it('disability 3 of 15: 50 % of the average wage a month', () => {
		expect(get(base, 'disability')).toMatchObject({ qualifies: true, amountSatang: B(7_500), unit: 'per_month' });
	});
	it('death 1 of 6: 50,000 + survivor grant × 4 (36–119 months) or × 12 (≥ 120)', () => {
		expect(get(base, 'death')).toMatchObject({ qualifies: true, amountSatang: B(50_000), detail: { grantMonths: 0, months: 34 } }); // under 36 months: funeral only
		expect(get({ ...base, contributions: c33('2023-01', '2026-10', 15_000) }, 'death')).toMatchObject({
			amountSatang: B(50_000 + 30_000),
			detail: { grantMonths: 4, months: 46 }
		});
		expect(get({ ...base, contributions: c33('2016-01', '2026-10', 15_000) }, 'death').amountSatang).toBe(B(50_000 + 90_000));
	});
	it('child allowance 12 of 36: 800 a child a month, at most 3 children (4 children → 2,400)', () => {
		expect(get({ ...base, children: 4 }, 'child')).toMatchObject({ qualifies: true, amountSatang: B(2_400), needed: 12, window: 36 });
		expect(get({ ...base, children: 2 }, 'child').amountSatang).toBe(B(1_600));
	});
	it('old age: pension from 180 months once 55 and no longer insured', () => {
		const old: EntitlementInput = {
			...base,
			birthDate: '1970-01-01',
			currentSection: null,
			coverageEndedOn: '2026-10-31',
			contributions: c33('2006-11', '2026-10', 15_000)
		};
		expect(get(old, 'old_age')).toMatchObject({ qualifies: true, paid: 240, needed: 180, amountSatang: B(4_125), unit: 'per_month' });
		expect(get({ ...old, currentSection: 33 }, 'old_age').qualifies).toBe(false);
		// born 29 February: 55 on 28 February in a common year, the date the projection retires them
		const leap = { ...old, birthDate: '1972-02-29' };
		expect(get({ ...leap, today: '2027-02-27' }, 'old_age')).toMatchObject({ qualifies: false, detail: { age: 54 } });
		expect(get({ ...leap, today: '2027-02-28' }, 'old_age')).toMatchObject({ qualifies: true, detail: { age: 55 } });
	});
	it('unemployment for the dismissed person; cover continues 6 months after coverage ends, the child allowance stops', () => {
		const d: EntitlementInput = { ...base, currentSection: null, coverageEndedOn: '2026-10-31', lastJobEnd: { date: '2026-10-31', cause: 'dismissed' } };
		expect(get(d, 'unemployment')).toMatchObject({ qualifies: true, amountSatang: B(9_000) });
		expect(get(d, 'sickness').qualifies).toBe(true);
		expect(get({ ...d, today: '2027-05-01' }, 'sickness').qualifies).toBe(false);
		expect(get(d, 'child')).toMatchObject({ qualifies: false, blockedBy: 'coverage_ended' });
	});
	it('section 39 uses the deemed wage of 4,800', () => {
		const s39: EntitlementInput = {
			...base,
			currentSection: 39,
			contributions: periodRange('2025-01', '2026-10').map((period) => ({ period, section: 39, wageBaseSatang: B(4_800) }))
		};
		expect(get(s39, 'sickness').amountSatang).toBe(B(80));
		expect(get(s39, 'disability').amountSatang).toBe(B(2_400));
	});

	// section 40 (Royal Decree on s.40, 5th ed. B.E. 2568; sso-rules-sources.md §3): the member's own option
	describe("section 40: the benefits of the member's own option", () => {
		// paid 2025-12 .. 2026-10 except 2026-08 and 2026-09 (9 months); today 2026-11-25
		const paidMonths = periodRange('2025-12', '2026-10').filter((p) => p !== '2026-08' && p !== '2026-09');
		const s40 = (option: 1 | 2 | 3, periods: string[] = paidMonths, savingsSatang = 0): EntitlementInput => ({
			...base,
			gender: 'M',
			currentSection: 40,
			s40Option: option,
			contributions: [],
			s40: { periods, savingsSatang }
		});
		it('option 2: sickness, disability, death and old age only — no maternity, child allowance or unemployment', () => {
			expect(entitlements(s40(2)).map((e) => e.case)).toEqual(['sickness', 'disability', 'death', 'old_age']);
		});
		it('sickness 3 of the 4 months before: 2026-07..10 holds 2 paid → not yet; 300 a day in hospital, 30 days a year', () => {
			expect(get(s40(2), 'sickness')).toMatchObject({ qualifies: false, paid: 2, needed: 3, window: 4, amountSatang: B(300), unit: 'per_day' });
			expect(get(s40(2), 'sickness').detail).toMatchObject({ restDaySatang: B(200), visitSatang: B(200), visitsPerYear: 3, maxDaysPerYear: 30 });
			expect(get(s40(2, periodRange('2026-07', '2026-10')), 'sickness')).toMatchObject({ qualifies: true, paid: 4 });
			expect(get(s40(3), 'sickness').detail.maxDaysPerYear).toBe(90);
		});
		it('death 6 of 12: funeral 25,000 (options 1–2) or 50,000 (option 3); options 1–2 add 3,000 from 60 paid months', () => {
			expect(get(s40(2), 'death')).toMatchObject({ qualifies: true, paid: 9, needed: 6, window: 12, amountSatang: B(25_000), unit: 'once' });
			expect(get(s40(3), 'death').amountSatang).toBe(B(50_000));
			const sixty = periodRange('2021-11', '2026-10'); // 60 months
			expect(get(s40(1, sixty), 'death').amountSatang).toBe(B(28_000));
			expect(get(s40(1, sixty.slice(1)), 'death').amountSatang).toBe(B(25_000));
			expect(get(s40(2, periodRange('2026-06', '2026-10')), 'death')).toMatchObject({ qualifies: false, paid: 5 });
		});
		it('disability for life: 1,000–2,000 a month (options 1–2), 1,500–3,000 (option 3)', () => {
			expect(get(s40(1), 'disability')).toMatchObject({
				qualifies: true,
				paid: 9,
				needed: 6,
				window: 12,
				detail: { minSatang: B(1_000), maxSatang: B(2_000) }
			});
			expect(get(s40(3), 'disability').detail).toMatchObject({ minSatang: B(1_500), maxSatang: B(3_000) });
		});
		it('old age (options 2–3): the saved lump sum, not claimable while still a member; option 1 has none', () => {
			expect(get(s40(2, paidMonths, B(450)), 'old_age')).toMatchObject({ qualifies: false, paid: 9, amountSatang: B(450), unit: 'once' });
			expect(entitlements(s40(1)).some((e) => e.case === 'old_age')).toBe(false);
		});
		it('option 3 adds the child allowance (24 of 36), its new amount unconfirmed', () => {
			expect(entitlements(s40(3)).map((e) => e.case)).toEqual(['sickness', 'disability', 'death', 'old_age', 'child']);
			expect(get(s40(3), 'child')).toMatchObject({ qualifies: false, paid: 9, needed: 24, window: 36, amountSatang: null });
		});
	});
});

describe('calendar helpers', () => {
	it('months and ages', () => {
		expect(addMonths('2025-12', 1)).toBe('2026-01');
		expect(addMonths('2026-01', -13)).toBe('2024-12');
		expect(addMonthsToDate('2026-08-31', 6)).toBe('2027-02-28');
		expect(ageOn('1985-03-27', '2040-03-26')).toBe(54);
		expect(ageOn('1985-03-27', '2040-03-27')).toBe(55);
	});
});

describe('assignmentsOn: the hospital in force and the one coming', () => {
	const a = (validFrom: string, validTo: string | null, code: string) => ({ validFrom, validTo, code });
	it('the latest started and not ended; the nearest that starts later', () => {
		const rows = [a('2020-01-01', '2026-12-01', 'old'), a('2026-12-02', null, 'new'), a('2027-06-01', null, 'later')];
		expect(assignmentsOn(rows, '2026-11-30')).toEqual({ current: rows[0], next: rows[1] });
		expect(assignmentsOn(rows, '2026-12-02')).toEqual({ current: rows[1], next: rows[2] });
		expect(assignmentsOn([a('2020-01-01', '2026-11-01', 'ended')], '2026-11-30')).toEqual({ current: null, next: null });
		// a change approved before an earlier one started, from the same day: the earlier one ends before it begins
		const again = [a('2026-12-02', null, 'second'), a('2026-12-02', '2026-12-01', 'first'), rows[0]!];
		expect(assignmentsOn(again, '2026-11-30')).toEqual({ current: rows[0], next: again[0] });
	});
});
