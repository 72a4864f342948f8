import { describe, expect, it } from 'vitest';
import { isoDateInBangkok, timeInBangkok, formatDateShort } from './date';

describe('dates and times in Thailand', () => {
	it('shows the Bangkok date and 24-hour time of an instant, whatever the device zone', () => {
		const ms = Date.UTC(2026, 10, 25, 17, 5); // 26 Nov 2026 00:05 in Bangkok
		expect(isoDateInBangkok(ms)).toBe('2026-11-26');
		expect(timeInBangkok(ms)).toBe('00:05');
		expect(formatDateShort(isoDateInBangkok(ms))).toBe('26 พ.ย. 2569');
		expect(timeInBangkok(Date.UTC(2026, 10, 26, 7, 59))).toBe('14:59');
	});
});
