import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/registry/today';

export const load: PageServerLoad = ({ locals }) => {
	const r = loadRecords(locals.user!.nationalId, today());
	return { hospital: r.hospital, medical: r.medical, changeWindow: r.changeWindow, insured: !!r.status.open && r.status.open.section !== 40 };
};
