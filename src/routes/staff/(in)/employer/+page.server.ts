import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readSheet } from 'read-excel-file/node';
import { today } from '$server/registry/today';
import { MAX_PROBLEMS, pendingOf, submissionsOf, upload, type Format } from '$server/employers/submissions';
import { employerOf, forPage, wageMonths } from '$server/employers/web';
import type { Cell } from '$lib/employers/sheet';
import { addMonths, periodOf } from '$lib/rules/periods';

const MAX_BYTES = 50 * 1024 * 1024;

export const load: PageServerLoad = ({ locals }) => {
	const e = employerOf(locals);
	const t = today();
	return {
		employer: { account: e.accountNo, branch: e.branch, nameTh: e.nameTh, nameEn: e.nameEn },
		pending: pendingOf(e.id) ?? null,
		submissions: submissionsOf(e.id),
		months: wageMonths(t),
		defaultMonth: addMonths(periodOf(t), -1)
	};
};

function formatOf(name: string): Format | null {
	const ext = name.toLowerCase().split('.').pop();
	return ext === 'txt' || ext === 'dat' ? 'fixed' : ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : null;
}

export const actions: Actions = {
	/** Step 3/6: attach the file. Every line is checked; a file with any problem changes nothing. */
	upload: async ({ locals, request }) => {
		const e = employerOf(locals);
		const form = await request.formData();
		const file = form.get('file');
		const period = String(form.get('period') ?? '');
		const t = today();
		if (!(file instanceof File) || file.size === 0 || !file.name) return fail(400, { period, formError: 'emp_err_file_missing' });
		const format = formatOf(file.name);
		if (!format) return fail(400, { period, formError: 'emp_err_file_type' });
		if (file.size > MAX_BYTES) return fail(413, { period, formError: 'emp_err_file_size' });
		if (format !== 'fixed' && !wageMonths(t).includes(period)) return fail(400, { period, formError: 'emp_err_period_choose' });
		const r = await upload({
			employer: e,
			staffId: locals.staff!.id,
			fileName: file.name,
			format,
			chunks: file.stream() as unknown as AsyncIterable<Uint8Array>,
			period: format === 'fixed' ? undefined : period,
			today: t,
			readXlsx: async (bytes) => (await readSheet(bytes)) as Cell[][]
		});
		if (!r.ok)
			return fail(422, {
				period,
				fileName: file.name,
				// in file order: a header's totals are checked at the end but belong to line 1
				problems: r.problems.map(forPage).sort((a, b) => a.line - b.line),
				problemCount: r.problemCount,
				shown: Math.min(r.problemCount, MAX_PROBLEMS)
			});
		redirect(303, `/staff/employer/review/${r.id}`);
	}
};
