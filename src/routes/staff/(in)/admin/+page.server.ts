import type { PageServerLoad } from './$types';
import { listLookups, LOOKUPS_PAGE } from '$server/staff/lookups';
import { readFilter, staffList } from '$server/staff/admin';
import { sayErrors } from '$server/i18n';
import { now } from '$server/clock';
import { requireStaff } from '$server/guard';
import { noticeCounts } from '$server/notify/notices';
import { waitingCount } from '$server/hospital-requests/requests';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'admin');
	const url = event.url;
	const { form, filter, errors } = readFilter(url.searchParams);
	const page = Math.min(10_000, Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
	const { total, rows } = await listLookups(filter, page);
	return {
		form,
		errors: sayErrors(errors),
		page,
		pages: Math.max(1, Math.ceil(total / LOOKUPS_PAGE)),
		total,
		rows: rows.map((r) => ({ ...r })),
		query: url.searchParams.toString(),
		staff: await staffList(now()),
		// the last two weeks of notices to citizens, per Bangkok day and kind
		notices: await noticeCounts(now() - 14 * 86_400_000),
		// hospitals' requests for a user of the rights check, waiting for a decision
		requestsWaiting: await waitingCount()
	};
};
