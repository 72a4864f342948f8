import type { PageServerLoad } from './$types';
import { listApplications, isOpen } from '$server/applications/store';
import { KINDS } from '$server/applications/registry';
import { requireCitizen } from '$server/guard';

/** What can be applied for, in the registry's order, with the citizen's open application of each. */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const open = (await listApplications(user.nationalId)).filter(isOpen);
	return {
		kinds: Object.entries(KINDS).map(([kind, k]) => ({ kind, title: k.title(), text: k.card(), openRef: open.find((a) => a.kind === kind)?.ref ?? null }))
	};
};
