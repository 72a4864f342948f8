import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/registry/today';
import { ageOn } from '$lib/rules/periods';

export const load: PageServerLoad = ({ locals }) => {
	const t = today();
	const r = loadRecords(locals.user!.nationalId, t);
	return { entitlements: r.entitlements, section: r.status.open?.section ?? null, age: ageOn(r.person.birthDate, t) };
};
