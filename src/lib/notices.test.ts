import { describe, expect, it } from 'vitest';
import { afterQuietHours, channelsFor, defaultChannels, NOTICE_KINDS } from './notices';

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
	it('sends deadlines by both, and news by push where a device receives it, else by SMS', () => {
		expect(defaultChannels('contribution', false)).toEqual({ push: true, sms: true });
		expect(channelsFor('contribution', null, false)).toEqual({ push: false, sms: true });
		expect(channelsFor('unemployment', null, true)).toEqual({ push: true, sms: true });
		expect(channelsFor('application', null, true)).toEqual({ push: true, sms: false });
		expect(channelsFor('application', null, false)).toEqual({ push: false, sms: true });
		expect(channelsFor('employer', null, false)).toEqual({ push: false, sms: true });
	});
	it('follows the saved choice, with push only where a device receives it', () => {
		for (const k of NOTICE_KINDS) {
			expect(channelsFor(k, { push: false, sms: false }, true)).toEqual({ push: false, sms: false });
			expect(channelsFor(k, { push: true, sms: false }, false)).toEqual({ push: false, sms: false });
			expect(channelsFor(k, { push: true, sms: true }, true)).toEqual({ push: true, sms: true });
		}
	});
});
