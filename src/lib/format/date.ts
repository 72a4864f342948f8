/** Dates on screen: Buddhist Era. Storage: ISO (YYYY-MM-DD). */
import type { Locale } from '../paraglide/runtime';

/** พ.ศ. = ค.ศ. + 543 */
export const BE_OFFSET = 543;
/** A Gregorian year in the Buddhist Era: 2026 → 2569. */
export const toBE = (yearCE: number): number => yearCE + BE_OFFSET;
/** A Buddhist Era year in the Gregorian calendar: 2569 → 2026. */
export const toCE = (yearBE: number): number => yearBE - BE_OFFSET;

const TH_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const TH_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_MONTHS_SHORT = EN_MONTHS.map((m) => m.slice(0, 3));

function parts(iso: string): [number, number, number] {
	const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
	return [y ?? 0, m ?? 1, d ?? 1];
}

/** 24 พฤศจิกายน 2569 / 24 November 2569 BE (headings). */
export function formatDateLong(iso: string, locale: Locale = 'th'): string {
	const [y, m, d] = parts(iso);
	if (locale !== 'th') return `${d} ${EN_MONTHS[m - 1]} ${toBE(y)} BE`;
	return `${d} ${TH_MONTHS[m - 1]} ${toBE(y)}`;
}

/** 24 พ.ย. 2569 / 24 Nov 2569 BE (lists). */
export function formatDateShort(iso: string, locale: Locale = 'th'): string {
	const [y, m, d] = parts(iso);
	if (locale !== 'th') return `${d} ${EN_MONTHS_SHORT[m - 1]} ${toBE(y)} BE`;
	return `${d} ${TH_MONTHS_SHORT[m - 1]} ${toBE(y)}`;
}

/** A contribution month: 2022-04 → เม.ย. 2565. */
export function formatPeriod(period: string, locale: Locale = 'th'): string {
	const [y, m] = period.split('-').map(Number);
	const months = locale !== 'th' ? EN_MONTHS_SHORT : TH_MONTHS_SHORT;
	return `${months[(m ?? 1) - 1]} ${toBE(y ?? 0)}${locale !== 'th' ? ' BE' : ''}`;
}

/** Month names for a select or a hint. */
export function monthNames(locale: Locale): string[] {
	return locale !== 'th' ? EN_MONTHS : TH_MONTHS;
}

/** Thailand's offset from UTC: 7 hours, no daylight saving. */
export const BANGKOK_OFFSET_MS = 7 * 3_600_000;

/** Today as ISO in Thailand (UTC+7, no daylight saving), from an instant. */
export function isoDateInBangkok(ms: number): string {
	return new Date(ms + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The time of an instant in Thailand, 24-hour: 14:05. */
export function timeInBangkok(ms: number): string {
	return new Date(ms + BANGKOK_OFFSET_MS).toISOString().slice(11, 16);
}
