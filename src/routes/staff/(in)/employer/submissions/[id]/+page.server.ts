import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { dueDate, submissionOf } from '$server/employers/submissions';
import { ownSubmission } from '$server/employers/web';
import { isoDateInBangkok } from '$lib/format/date';
import { requireStaff } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { staff } = requireStaff(event, 'employer');
	const { employer, submission: s } = await ownSubmission(staff, event.params);
	if (s.status === 'pending') redirect(303, `/staff/employer/review/${s.id}`);
	const next = s.replacedById ? await submissionOf(employer.id, s.replacedById) : undefined;
	return {
		employer: { account: employer.accountNo, branch: employer.branch, nameTh: employer.nameTh, nameEn: employer.nameEn },
		submission: s,
		due: dueDate(s.period),
		sentOn: s.confirmedAt ? isoDateInBangkok(s.confirmedAt) : null,
		replacedBy: next ? { id: next.id, txn: next.txnNo ?? '' } : null,
		replacedOld: event.url.searchParams.get('replaced') === '1'
	};
};
