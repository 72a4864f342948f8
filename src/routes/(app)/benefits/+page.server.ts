import type { PageServerLoad } from './$types';
import { claimRecords } from '$server/registry/records';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const c = await claimRecords(user.nationalId);
	return {
		claims: c.claims.map(({ kind, claimDate, startDate, endDate, amountSatang, status }) => ({ kind, claimDate, startDate, endDate, amountSatang, status })),
		totals: { claimsSatang: c.totalSatang, claimsCount: c.count }
	};
};
