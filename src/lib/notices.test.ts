import { describe, expect, it } from 'vitest';
import { afterQuietHours, defaultChannels, NOTICE_KINDS } from './notices';

const at = (bangkok: string) => Date.parse(`${bangkok}+07:00`);

describe('afterQuietHours', () => {
	it('lets a notice go at once between 08:00 and 21:00 Bangkok time', () => {
		for (const t of ['2026-12-07T08:00:00', '2026-12-07T12:34:56', '2026-12-07T20:59:59']) expect(afterQuietHours(at(t)), t).toBe(at(t));
	});
	it('holds one made from 21:00 until 08:00 the next morning, and one made after midnight until 08:00 that morning', () => {
		expect(afterQuietHours(at('2026-12-07T21:00:00'))).toBe(at('2026-12-08T08:00:00'));
		expect(afterQuietHours(at('2026-12-07T23:59:59'))).toBe(at('2026-12-08T08:00:00'));
		expect(afterQuietHours(at('2026-12-08T00:00:00'))).toBe(at('2026-12-08T08:00:00'));
		expect(afterQuietHours(at('2026-12-08T07:59:59'))).toBe(at('2026-12-08T08:00:00'));
		// across a month's and a year's end
		expect(afterQuietHours(at('2026-12-31T22:00:00'))).toBe(at('2027-01-01T08:00:00'));
	});
});

describe('channels', () => {
	it('sends deadlines by push and SMS, and news by push (by SMS where no device receives it: the sender falls back)', () => {
		for (const k of ['unemployment', 'contribution', 'hospital'] as const) expect(defaultChannels(k), k).toEqual({ push: true, sms: true });
		for (const k of ['application', 'employer'] as const) expect(defaultChannels(k), k).toEqual({ push: true, sms: false });
		expect(NOTICE_KINDS.every((k) => defaultChannels(k).push)).toBe(true);
	});
});
