import type { PageServerLoad } from './$types';
import { listApplications, isOpen } from '$server/applications';

export const load: PageServerLoad = ({ locals }) => {
	const open = listApplications(locals.user!.nationalId).filter(isOpen);
	return { open: open.map((a) => ({ ref: a.ref, kind: a.kind })) };
};
