// Written by scripts/holidays-import.ts from the year files beside it (npm run holidays:import); do not edit by hand.
// The names and the source of each date are in those files.
import type { HolidayDates } from './types';

export const HOLIDAY_YEARS: readonly HolidayDates[] = [
	{
		year: 2025,
		provisional: false,
		dates: '01-01 02-12 04-07 04-14 04-15 04-16 05-01 05-05 05-09 05-12 06-02 06-03 07-10 07-11 07-28 08-11 08-12 10-13 10-23 12-05 12-10 12-31'
	},
	{
		year: 2026,
		provisional: false,
		dates: '01-01 01-02 03-03 04-06 04-13 04-14 04-15 05-01 05-04 05-13 06-01 06-03 07-28 07-29 07-30 08-12 10-13 10-23 12-07 12-10 12-31'
	},
	{ year: 2027, provisional: true, dates: '01-01 04-06 04-13 04-14 04-15 05-01 05-04 06-03 07-28 08-12 10-13 10-23 12-05 12-10 12-31' }
];
