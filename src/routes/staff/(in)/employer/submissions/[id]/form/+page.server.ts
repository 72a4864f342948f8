import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { dueDate, rowsOf } from '$server/employers/submissions';
import { ownSubmission } from '$server/employers/web';
import { bahtWords } from '$lib/format/thai-words';
import { requireStaff } from '$server/guard';

/** Part 2 rows on one printed A4 sheet, and at most this many rows on one page (a larger month prints in parts). */
const PER_SHEET = 25;
const PER_PRINT = 2500;

export const load: PageServerLoad = async (event) => {
	const { staff } = requireStaff(event, 'employer');
	const { employer, submission: s } = await ownSubmission(staff, event.params);
	if (s.status === 'pending' || s.status === 'staging') redirect(303, `/staff/employer/review/${s.id}`);
	const asked = Number(event.url.searchParams.get('from') ?? 0);
	const from = Number.isInteger(asked) && asked >= 0 && asked < s.persons ? asked - (asked % PER_SHEET) : 0;
	return {
		employer: { account: employer.accountNo, branch: employer.branch, nameTh: employer.nameTh, nameEn: employer.nameEn },
		submission: s,
		words: bahtWords(s.employeeSatang + s.employerSatang),
		rows: await rowsOf(s.id, from, PER_PRINT),
		from,
		perSheet: PER_SHEET,
		perPrint: PER_PRINT,
		sheets: Math.max(1, Math.ceil(s.persons / PER_SHEET)),
		due: dueDate(s.period)
	};
};
