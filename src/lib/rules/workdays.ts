/**
 * Working days, and the due dates and deadlines that roll to one. Pure, no time zone, ISO dates.
 *
 * A working day is a Monday to Friday that is not a holiday in src/lib/rules/holidays: the Bank of Thailand's
 * financial institutions holidays together with the government-only holidays of the cabinet. A day on which either
 * the banks or the offices are closed does not count, so a due date never lands on a day the citizen or the employer
 * cannot pay at one of them. Kept apart from periods.ts so that only the rules that need the dates carry them.
 *
 * Which dates roll (docs/OPERATIONS.md, "Holidays"):
 * - contributions (SSO 1-10, sections 33, 39 and 40): due by the 15th of the next month (Act s.47); a 15th that is not a
 *   working day moves to the next working day;
 * - the 30 days to register as unemployed: a period set by law whose last day is a holiday ends on the next working
 *   day (Civil and Commercial Code s.193/8);
 * - the hospital change applies from the next working day after approval.
 * Not rolled: the report-in grace days (the portal's own allowance, reported online any day; a late report only
 * delays the payment), the payment slip's 30 days (payable at counter services every day) and the hospital-change
 * window (fixed calendar dates).
 */
import { HOLIDAY_YEARS } from './holidays';
import type { HolidayDates } from './holidays/types';
import { addDays, addMonths, periodOf } from './periods';

const HOLIDAYS: ReadonlySet<string> = new Set(HOLIDAY_YEARS.flatMap((y) => y.dates.split(' ').map((md) => `${y.year}-${md}`)));

export function isWorkingDay(iso: string): boolean {
	const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
	return dow !== 0 && dow !== 6 && !HOLIDAYS.has(iso);
}

/** The day itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(iso: string): string {
	let d = iso;
	while (!isWorkingDay(d)) d = addDays(d, 1);
	return d;
}

/** The first working day after a date. */
export function nextWorkingDay(iso: string): string {
	return workingDayOnOrAfter(addDays(iso, 1));
}

/** The last day to submit and pay a wage month's contributions: the 15th of the next month (Social Security Act s.47), or the next working day. */
export function contributionDue(period: string): string {
	return workingDayOnOrAfter(`${addMonths(period, 1)}-15`);
}

/** The last wage month whose contribution is due by now (its due date has come). */
export function lastPaidPeriod(today: string): string {
	const previous = addMonths(periodOf(today), -1);
	return today >= contributionDue(previous) ? previous : addMonths(previous, -1);
}

export const UNEMPLOYMENT_REGISTRATION_DAYS = 30;

/** The last day to register as unemployed and be paid from day 8: 30 days after the last working day, or the next working day. */
export function registrationDeadline(lastWorkingDay: string): string {
	return workingDayOnOrAfter(addDays(lastWorkingDay, UNEMPLOYMENT_REGISTRATION_DAYS));
}

export interface HolidayGap {
	year: number;
	problem: 'missing' | 'provisional';
}

/** The current and the next year, where their holiday list is missing or only provisional. */
export function holidayGaps(today: string, years: readonly HolidayDates[] = HOLIDAY_YEARS): HolidayGap[] {
	const y = Number(today.slice(0, 4));
	return [y, y + 1].flatMap((year): HolidayGap[] => {
		const data = years.find((d) => d.year === year);
		if (!data) return [{ year, problem: 'missing' }];
		return data.provisional ? [{ year, problem: 'provisional' }] : [];
	});
}
