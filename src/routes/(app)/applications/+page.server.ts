import type { PageServerLoad } from './$types';
import { listApplications, kindName, statusName } from '$server/applications/store';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	return {
		items: (await listApplications(user.nationalId)).map((a) => ({
			ref: a.ref,
			kind: kindName(a.kind),
			status: a.status,
			statusText: statusName(a.kind, a.status),
			submittedOn: a.submittedOn
		}))
	};
};
