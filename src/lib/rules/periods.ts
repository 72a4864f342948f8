/** Calendar arithmetic on ISO dates (YYYY-MM-DD) and contribution months (YYYY-MM). Pure, no time zone. Due dates, which skip holidays, are in workdays.ts. */

export function addMonths(period: string, n: number): string {
	const [y, m] = period.split('-').map(Number) as [number, number];
	const idx = y * 12 + (m - 1) + n;
	return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export const periodOf = (iso: string): string => iso.slice(0, 7);

/** Whole months from a to b (b − a). */
export function monthsBetween(a: string, b: string): number {
	const [ay, am] = a.split('-').map(Number) as [number, number];
	const [by, bm] = b.split('-').map(Number) as [number, number];
	return by * 12 + bm - (ay * 12 + am);
}

export function lastDayOf(period: string): string {
	const [y, m] = period.split('-').map(Number) as [number, number];
	return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function addDays(iso: string, n: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** Same day n months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
/** Whole days from a to b (b − a; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addMonthsToDate(iso: string, n: number): string {
	const p = addMonths(periodOf(iso), n);
	const last = lastDayOf(p);
	const day = iso.slice(8, 10);
	return day > last.slice(8, 10) ? last : `${p}-${day}`;
}

/**
 * The date a person born on birthIso turns `years` old: the same day and month, and for a 29 February birthday
 * 28 February in a common year (a period of years whose last month lacks the day ends on that month's last day:
 * Civil and Commercial Code s.193/5). The one rule for ages everywhere: ageOn, the old-age projection, section 40 ages.
 */
export function birthdayAt(birthIso: string, years: number): string {
	return addMonthsToDate(birthIso, 12 * years);
}

/** Age in whole years on a date (a year is complete on its birthdayAt date). */
export function ageOn(birthIso: string, iso: string): number {
	const years = Number(iso.slice(0, 4)) - Number(birthIso.slice(0, 4));
	return iso < birthdayAt(birthIso, years) ? years - 1 : years;
}

/** The months [from, to] inclusive, oldest first. */
export function periodRange(from: string, to: string): string[] {
	const out: string[] = [];
	for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
	return out;
}

/** How many of the given months fall in the `window` months before `period` (period itself excluded). */
export function countInWindowBefore(paidPeriods: ReadonlySet<string> | readonly string[], period: string, window: number): number {
	const from = addMonths(period, -window);
	let n = 0;
	for (const p of paidPeriods) if (p >= from && p < period) n++;
	return n;
}
