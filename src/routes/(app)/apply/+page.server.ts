import type { PageServerLoad } from './$types';
import { listApplications, isOpen } from '$server/applications';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = (event) => {
	const { user } = requireCitizen(event);
	const open = listApplications(user.nationalId).filter(isOpen);
	return { open: open.map((a) => ({ ref: a.ref, kind: a.kind })) };
};
