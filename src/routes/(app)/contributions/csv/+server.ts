import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/registry/today';
import { pickYear, toCsv, yearsOf } from '$server/registry/contributions-view';
import { auditExport } from '$server/accounts/account';

/** The signed-in citizen's contributions as CSV: ?year=พ.ศ. for one year, none for all. */
export const GET: RequestHandler = ({ locals, url }) => {
	if (!locals.user) error(401, 'Not signed in');
	const r = loadRecords(locals.user.nationalId, today());
	const param = url.searchParams.get('year');
	const year = param ? pickYear(param, yearsOf(r.lines)) : null;
	const lines = year === null ? r.lines : r.lines.filter((l) => l.period.startsWith(`${year}-`));
	auditExport({ userId: locals.user.id, nationalId: locals.user.nationalId, ip: locals.ip }, 'contributions.csv');
	const name = `contributions-${year === null ? 'all' : year + 543}.csv`;
	return new Response(toCsv(lines, locals.locale), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' }
	});
};
