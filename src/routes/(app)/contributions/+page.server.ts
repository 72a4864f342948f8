import type { PageServerLoad } from './$types';
import { contributionRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { last24, pickYear, totals, yearRows, yearsOf } from '$server/registry/contributions-view';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const url = event.url;
	const t = today();
	const r = await contributionRecords(user.nationalId);
	const years = yearsOf(r.lines);
	const year = pickYear(url.searchParams.get('year'), years);
	const inYear = year === null ? [] : r.lines.filter((l) => l.period.startsWith(`${year}-`));
	// the registry holds ten years of months: a coverage older than its first month is said, not left unexplained
	const coveredSince = r.coverages.map((c) => c.startDate).sort()[0] ?? null;
	const firstMonth = r.lines.length ? r.lines.reduce((a, l) => (l.period < a ? l.period : a), r.lines[0]!.period) : null;
	return {
		history: coveredSince && firstMonth && coveredSince.slice(0, 7) < firstMonth ? { coveredSince, firstMonth } : null,
		years,
		year,
		rows: year === null ? [] : yearRows(r.lines, year, t),
		yearTotals: totals(inYear),
		chart: last24(r.lines, t)
	};
};
