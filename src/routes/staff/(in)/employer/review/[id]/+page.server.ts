import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { today } from '$server/clock';
import { confirm, discard, dueDate, existingFor, rowsOf } from '$server/employers/submissions';
import { ownSubmission } from '$server/employers/web';
import { requireStaff } from '$server/guard';

const PER_PAGE = 50;

export const load: PageServerLoad = async (event) => {
	const { staff } = requireStaff(event, 'employer');
	const { employer, submission: s } = await ownSubmission(staff, event.params);
	if (s.status !== 'pending') redirect(303, `/staff/employer/submissions/${s.id}`);
	const pages = Math.max(1, Math.ceil(s.persons / PER_PAGE));
	const asked = Number(event.url.searchParams.get('page') ?? 1);
	const page = Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : 1;
	const before = await existingFor(employer.id, s.period);
	const t = today();
	return {
		employer: { account: employer.accountNo, branch: employer.branch, nameTh: employer.nameTh, nameEn: employer.nameEn },
		submission: s,
		persons: event.url.searchParams.has('page') ? await rowsOf(s.id, (page - 1) * PER_PAGE, PER_PAGE) : null,
		page,
		pages,
		perPage: PER_PAGE,
		before: before.submission
			? { kind: 'txn' as const, txn: before.submission.txnNo ?? '', persons: before.submission.persons }
			: before.registryRows > 0
				? { kind: 'registry' as const, txn: '', persons: before.registryRows }
				: null,
		due: dueDate(s.period),
		late: t > dueDate(s.period)
	};
};

export const actions: Actions = {
	/** Step 4/6 → 5/6: write the month in one transaction. A second press answers with the first confirmation. */
	confirm: async (event) => {
		const { staff } = requireStaff(event, 'employer');
		const { employer, submission } = await ownSubmission(staff, event.params);
		const form = await event.request.formData();
		const r = await confirm(employer.id, submission.id, staff.id, form.get('replace') === 'yes');
		if (!r.ok) return fail(r.reason === 'needs_replace' ? 409 : 404, { formError: r.reason === 'needs_replace' ? 'emp_err_needs_replace' : 'emp_err_gone' });
		redirect(303, `/staff/employer/submissions/${submission.id}`);
	},
	cancel: async (event) => {
		const { staff } = requireStaff(event, 'employer');
		const { submission } = await ownSubmission(staff, event.params);
		if (submission.status === 'pending') await discard(submission.id);
		redirect(303, '/staff/employer');
	}
};
