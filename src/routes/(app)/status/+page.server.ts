import type { PageServerLoad } from './$types';
import { statusRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	return await statusRecords(user.nationalId, today());
};
