import type { RequestHandler } from './$types';
import { contributionRecords } from '$server/registry/records';
import { pickYear, toCsv, yearsOf } from '$server/registry/contributions-view';
import { auditExport } from '$server/accounts/account';
import { requireCitizen } from '$server/guard';
import { toBE } from '$lib/format/date';

/** The signed-in citizen's contributions as CSV: ?year=พ.ศ. for one year, none for all. */
export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	const { user } = requireCitizen(event, { api: true });
	const r = await contributionRecords(user.nationalId);
	const param = url.searchParams.get('year');
	const year = param ? pickYear(param, yearsOf(r.lines)) : null;
	const lines = year === null ? r.lines : r.lines.filter((l) => l.period.startsWith(`${year}-`));
	await auditExport({ userId: user.id, nationalId: user.nationalId, ip: locals.ip }, 'contributions.csv');
	const name = `contributions-${year === null ? 'all' : toBE(year)}.csv`;
	return new Response(toCsv(lines, locals.locale), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' }
	});
};
