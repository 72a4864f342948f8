import { describe, expect, it } from 'vitest';
import { isoDateInBangkok, timeInBangkok, formatDateLong, formatDateShort, formatPeriod } from './date';

describe('dates and times in Thailand', () => {
	it('shows the Bangkok date and 24-hour time of an instant, whatever the device zone', () => {
		const ms = Date.UTC(2026, 10, 25, 17, 5); // 26 Nov 2026 00:05 in Bangkok
		expect(isoDateInBangkok(ms)).toBe('2026-11-26');
		expect(timeInBangkok(ms)).toBe('00:05');
		expect(formatDateShort(isoDateInBangkok(ms))).toBe('26 พ.ย. 2569');
		expect(timeInBangkok(Date.UTC(2026, 10, 26, 7, 59))).toBe('14:59');
	});

	it('gives a reader of Burmese, Khmer or Lao the English months with the Buddhist year, as the registry names them', () => {
		for (const locale of ['en', 'my', 'km', 'lo'] as const) {
			expect(formatDateLong('2026-12-16', locale)).toBe('16 December 2569 BE');
			expect(formatDateShort('2026-12-16', locale)).toBe('16 Dec 2569 BE');
			expect(formatPeriod('2026-04', locale)).toBe('Apr 2569 BE');
		}
		expect(formatDateLong('2026-12-16', 'th')).toBe('16 ธันวาคม 2569');
	});
});
