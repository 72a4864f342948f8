/**
 * Dates typed as day / month / year in the Buddhist Era (พ.ศ. = ค.ศ. + 543).
 * Storage is ISO (YYYY-MM-DD, Gregorian); screens show พ.ศ.
 */

import { BE_OFFSET } from '../format/date';

/** Oldest birth year accepted: 2400 BE (1857 CE) is certainly wrong; 2420 BE (1877) is a generous floor. */
export const MIN_BIRTH_YEAR_BE = 2420;

export type DateField = 'day' | 'month' | 'year';
export type BeDateResult = { ok: true; iso: string } | { ok: false; field: DateField };

export function isLeapYearCE(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(yearCE: number, month: number): number {
	return [31, isLeapYearCE(yearCE) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function toInt(s: string): number | null {
	const t = s.trim();
	if (!/^\d{1,4}$/.test(t)) return null;
	return Number(t);
}

/**
 * Parse a birth date typed in พ.ศ. `todayIso` bounds it: a birth date cannot be in the future.
 * Reports the first field that is wrong, in the order year → month → day (a day depends on both).
 */
export function parseBirthDateBE(day: string, month: string, yearBE: string, todayIso: string): BeDateResult {
	const y = toInt(yearBE);
	const todayYearBE = Number(todayIso.slice(0, 4)) + BE_OFFSET;
	if (y === null || y < MIN_BIRTH_YEAR_BE || y > todayYearBE) return { ok: false, field: 'year' };
	const m = toInt(month);
	if (m === null || m < 1 || m > 12) return { ok: false, field: 'month' };
	const d = toInt(day);
	const yCE = y - BE_OFFSET;
	if (d === null || d < 1 || d > daysInMonth(yCE, m)) return { ok: false, field: 'day' };
	const iso = `${String(yCE).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	if (iso > todayIso) return { ok: false, field: 'day' };
	return { ok: true, iso };
}

/**
 * A year typed in ค.ศ. where พ.ศ. is asked for (1986 for 2529, a common slip): the ค.ศ. year and the พ.ศ. year it
 * stands for, when that พ.ศ. year is one the date could have (from `minBE` up to this year); otherwise null.
 */
export function ceYearTyped(yearText: string, todayIso: string, minBE = MIN_BIRTH_YEAR_BE): { ce: number; be: number } | null {
	const t = yearText.trim();
	if (!/^\d{4}$/.test(t)) return null;
	const ce = Number(t);
	const be = ce + BE_OFFSET;
	return be >= minBE && be <= Number(todayIso.slice(0, 4)) + BE_OFFSET ? { ce, be } : null;
}

/** ISO → { day, month, yearBE } strings, to refill the three inputs. */
export function isoToBeParts(iso: string): { day: string; month: string; year: string } {
	const [y, m, d] = iso.split('-');
	return { day: String(Number(d)), month: String(Number(m)), year: String(Number(y) + BE_OFFSET) };
}

/** A day typed as "วว/ดด/ปปปป" in the Buddhist Era (e.g. 26/11/2569) → ISO, or null when it is not a real date. */
export function parseBeDay(s: string): string | null {
	const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(s);
	if (!m) return null;
	const y = Number(m[3]) - BE_OFFSET;
	if (y < 1900 || y > 2200) return null;
	const iso = `${y}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}
