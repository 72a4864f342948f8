import type { PageServerLoad } from './$types';
import { contributionRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { pickYear, totals, yearRows, yearsOf } from '$server/registry/contributions-view';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const url = event.url;
	const t = today();
	const r = await contributionRecords(user.nationalId);
	const year = pickYear(url.searchParams.get('year'), yearsOf(r.lines));
	const inYear = year === null ? [] : r.lines.filter((l) => l.period.startsWith(`${year}-`));
	return { year, today: t, nationalId: user.nationalId, rows: year === null ? [] : yearRows(r.lines, year, t).reverse(), yearTotals: totals(inYear) };
};
