import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { ageOn } from '$lib/rules/periods';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const t = today();
	const r = await loadRecords(user.nationalId, t);
	return { entitlements: r.entitlements, section: r.status.open?.section ?? null, s40Option: r.status.s40Option, age: ageOn(r.person.birthDate, t) };
};
