import type { RequestHandler } from './$types';
import { auditExport, exportData } from '$server/accounts/account';
import { isoDateInBangkok } from '$lib/format/date';
import { now } from '$server/clock';
import { requireProved } from '$server/guard';

/** PDPA right of access (with the higher level of identity proof): everything the portal holds about the signed-in citizen, as a JSON file. */
export const GET: RequestHandler = async (event) => {
	const { user } = requireProved(event, 'data_copy', { api: true });
	const who = { userId: user.id, nationalId: user.nationalId, ip: event.locals.ip };
	const body = JSON.stringify(await exportData(who), null, 2);
	await auditExport(who, 'json');
	return new Response(body, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="prakan-my-data-${isoDateInBangkok(now())}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
