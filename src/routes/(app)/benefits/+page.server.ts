import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const r = await loadRecords(user.nationalId, today());
	return {
		claims: r.claims.map(({ kind, claimDate, startDate, endDate, amountSatang, status }) => ({ kind, claimDate, startDate, endDate, amountSatang, status })),
		totals: r.totals
	};
};
