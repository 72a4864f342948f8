import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/registry/today';
import { last24, pickYear, totals, yearRows, yearsOf } from '$server/registry/contributions-view';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = (event) => {
	const { user } = requireCitizen(event);
	const url = event.url;
	const t = today();
	const r = loadRecords(user.nationalId, t);
	const years = yearsOf(r.lines);
	const year = pickYear(url.searchParams.get('year'), years);
	const inYear = year === null ? [] : r.lines.filter((l) => l.period.startsWith(`${year}-`));
	return {
		years,
		year,
		rows: year === null ? [] : yearRows(r.lines, year, t),
		yearTotals: totals(inYear),
		chart: last24(r.lines, t)
	};
};
