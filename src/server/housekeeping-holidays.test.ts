import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase, testEngines } from '../../tests/unit/engines';
import { housekeeping, warnHolidayGaps } from './housekeeping';
import { log } from './log';
import { holidayGaps } from '$lib/rules/workdays';
import { isoDateInBangkok } from '$lib/format/date';
import { now } from './clock';

const engines = await testEngines('holiday warning tests on PostgreSQL');

const year = (y: number, provisional = false) => ({ year: y, provisional, dates: '01-01' });

describe('the warning about missing holiday data', () => {
	afterEach(() => vi.restoreAllMocks());

	it('names a missing or provisional current or next year and says to run the import', () => {
		const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		expect(warnHolidayGaps('2026-12-06', [year(2026), year(2027)])).toEqual([]);
		expect(warn).not.toHaveBeenCalled();
		warnHolidayGaps('2026-12-06', [year(2026), year(2027, true)]);
		warnHolidayGaps('2027-01-02', [year(2026), year(2027)]);
		expect(warn.mock.calls).toEqual([
			[{ holidayYear: 2027, problem: 'provisional' }, expect.stringMatching(/^Holiday data for 2027 is provisional.*npm run holidays:import/)],
			[{ holidayYear: 2028, problem: 'missing' }, expect.stringMatching(/^Holiday data for 2028 is missing: .*skip weekends only.*npm run holidays:import/)]
		]);
	});

	it.each(engines)('is given at the first housekeeping (server start) and then once a day, on %s', async (engine) => {
		await freshDatabase(engine);
		const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		const gaps = holidayGaps(isoDateInBangkok(now()));
		await housekeeping();
		expect(warn.mock.calls.map((c) => c[0])).toEqual(gaps.map((g) => ({ holidayYear: g.year, problem: g.problem })));
		await housekeeping();
		expect(warn).toHaveBeenCalledTimes(gaps.length);
		await housekeeping(now() + 86_400_000);
		expect(warn.mock.calls.length).toBe(gaps.length + holidayGaps(isoDateInBangkok(now() + 86_400_000)).length);
	});

	it('the shipped data makes it warn now that 2027 is provisional', () => {
		expect(holidayGaps('2026-12-06')).toEqual([{ year: 2027, problem: 'provisional' }]);
	});
});
