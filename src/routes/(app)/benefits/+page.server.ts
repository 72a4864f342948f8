import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/registry/today';

export const load: PageServerLoad = ({ locals }) => {
	const r = loadRecords(locals.user!.nationalId, today());
	return {
		claims: r.claims.map(({ kind, claimDate, startDate, endDate, amountSatang, status }) => ({ kind, claimDate, startDate, endDate, amountSatang, status })),
		totals: r.totals
	};
};
