import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/registry/today';
import { pickYear, totals, yearRows, yearsOf } from '$server/registry/contributions-view';

export const load: PageServerLoad = ({ locals, url }) => {
	const t = today();
	const r = loadRecords(locals.user!.nationalId, t);
	const year = pickYear(url.searchParams.get('year'), yearsOf(r.lines));
	const inYear = year === null ? [] : r.lines.filter((l) => l.period.startsWith(`${year}-`));
	return { year, today: t, nationalId: locals.user!.nationalId, rows: year === null ? [] : yearRows(r.lines, year, t).reverse(), yearTotals: totals(inYear) };
};
