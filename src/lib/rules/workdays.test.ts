import { describe, expect, it } from 'vitest';
import { contributionDue, holidayGaps, isWorkingDay, lastPaidPeriod, nextWorkingDay, registrationDeadline, workingDayOnOrAfter } from './workdays';

describe('working days', () => {
	it('are Monday to Friday except the public and bank holidays', () => {
		expect(isWorkingDay('2026-04-10')).toBe(true); // Friday
		expect(isWorkingDay('2026-04-11')).toBe(false); // Saturday
		expect(isWorkingDay('2026-04-13')).toBe(false); // Songkran
		expect(isWorkingDay('2026-05-13')).toBe(false); // Royal Ploughing Ceremony (government offices closed)
		expect(isWorkingDay('2026-05-01')).toBe(false); // Labour Day (banks closed)
		expect(isWorkingDay('2025-04-16')).toBe(false); // substitution for Songkran on Sunday 13 April 2025
		expect(workingDayOnOrAfter('2026-04-16')).toBe('2026-04-16');
		expect(workingDayOnOrAfter('2026-04-13')).toBe('2026-04-16');
		expect(nextWorkingDay('2026-05-29')).toBe('2026-06-02'); // Monday 1 June: substitution for Visakha Bucha on Sunday 31 May
	});

	it('contributions are due the 15th of the next month, or the next working day', () => {
		expect(contributionDue('2026-09')).toBe('2026-10-15'); // Thursday
		expect(contributionDue('2026-03')).toBe('2026-04-16'); // Songkran
		expect(contributionDue('2026-07')).toBe('2026-08-17'); // Saturday 15 August
	});

	it('a month counts as due once its due date has come', () => {
		expect(lastPaidPeriod('2026-10-14')).toBe('2026-08');
		expect(lastPaidPeriod('2026-10-15')).toBe('2026-09');
		expect(lastPaidPeriod('2026-04-15')).toBe('2026-02'); // March is due on Thursday 16 April 2026
		expect(lastPaidPeriod('2026-04-16')).toBe('2026-03');
		expect(lastPaidPeriod('2026-01-20')).toBe('2025-12');
	});

	it('the unemployment registration line is day 30, or the next working day', () => {
		expect(registrationDeadline('2026-09-30')).toBe('2026-10-30'); // Friday
		expect(registrationDeadline('2026-03-16')).toBe('2026-04-16'); // Wednesday 15 April: Songkran
		expect(registrationDeadline('2026-10-01')).toBe('2026-11-02'); // Saturday 31 October
	});
});

describe('holiday data coverage', () => {
	const year = (y: number, provisional = false) => ({ year: y, provisional, dates: '01-01' });
	it('names the current or next year when its list is missing or provisional', () => {
		expect(holidayGaps('2026-12-06', [year(2026), year(2027)])).toEqual([]);
		expect(holidayGaps('2026-12-06', [year(2026), year(2027, true)])).toEqual([{ year: 2027, problem: 'provisional' }]);
		expect(holidayGaps('2027-03-01', [year(2026), year(2027)])).toEqual([{ year: 2028, problem: 'missing' }]);
		expect(holidayGaps('2028-01-01', [year(2026)])).toEqual([
			{ year: 2028, problem: 'missing' },
			{ year: 2029, problem: 'missing' }
		]);
	});
	it('the shipped data covers 2025 and 2026; 2027 is provisional until the BOT list is imported', () => {
		expect(holidayGaps('2025-06-01')).toEqual([]);
		expect(holidayGaps('2026-12-06')).toEqual([{ year: 2027, problem: 'provisional' }]);
	});
});
