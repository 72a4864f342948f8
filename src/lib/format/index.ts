/** Formatting for pages in the current language: money as "1,234.00 บาท", dates in พ.ศ. */
import { m } from '$lib/i18n';
import { currentLocale } from '$lib/locale';
import { formatBaht } from '$lib/money';
import { toBE, formatDateLong, formatDateShort, formatPeriod, isoDateInBangkok, timeInBangkok } from './date';

export const baht = (satang: number): string => m.baht({ amount: formatBaht(satang) });
export const date = (iso: string): string => formatDateShort(iso, currentLocale());
export const dateLong = (iso: string): string => formatDateLong(iso, currentLocale());
export const month = (period: string): string => formatPeriod(period, currentLocale());
/** 2026 → "2569" */
export const yearBE = (year: number | string): string => String(toBE(Number(year)));
/** A claim's amount, or "to be calculated" while an unpaid claim has none yet. */
export const claimAmount = (c: { amountSatang: number; status: string }): string =>
	c.amountSatang > 0 || c.status === 'paid' ? baht(c.amountSatang) : m.amount_pending();
/** The hospital line of the records: the gold card, the registered hospital, or none. */
export const hospitalName = (medicalKind: string, hospital: { nameTh: string; nameEn: string } | null): string =>
	medicalKind === 'gold_card' ? m.gold_card() : hospital ? (currentLocale() !== 'th' ? hospital.nameEn : hospital.nameTh) : m.no_hospital();
/** An instant as "26 พ.ย. 2569 15:04 น." (Bangkok time). */
/** "Chrome บน Android" from what the User-Agent told (src/server/auth/devices.ts), or "unknown device". */
export const deviceName = (d: { browser: string; os: string }): string =>
	d.browser && d.os ? m.profile_device_name({ browser: d.browser, os: d.os }) : d.browser || d.os || m.profile_device_unknown();
export const dateTime = (ms: number): string => m.date_time({ date: date(isoDateInBangkok(ms)), time: timeInBangkok(ms) });
