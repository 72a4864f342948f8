import type { PageServerLoad } from './$types';
import { listApplications, kindName, statusName } from '$server/applications';

export const load: PageServerLoad = ({ locals }) => ({
	items: listApplications(locals.user!.nationalId).map((a) => ({
		ref: a.ref,
		kind: kindName(a.kind),
		status: a.status,
		statusText: statusName(a.kind, a.status),
		submittedOn: a.submittedOn
	}))
});
