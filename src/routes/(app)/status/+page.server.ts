import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const r = await loadRecords(user.nationalId, today());
	const s40Paid = r.status.open?.section === 40 ? r.lines.filter((l) => l.section === 40).slice(-12).length : null;
	return { status: r.status, coverages: [...r.coverages].reverse(), employments: [...r.employments].reverse(), s39: r.s39, s40Paid };
};
