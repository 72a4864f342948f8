import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { today } from '$server/clock';
import { discard, MAX_PROBLEMS, pendingOf, submissionsOf, upload, type Format, type UploadResult } from '$server/employers/submissions';
import { receiveFile } from '$server/employers/multipart';
import { takeUploadSlot } from '$server/employers/slots';
import { employerOf, forPage, wageMonths } from '$server/employers/web';
import type { Employer } from '$server/employers/submissions';
import type { StaffMember } from '$server/staff/session';
import { addMonths, periodOf } from '$lib/rules/periods';
import { requireStaff } from '$server/guard';
import type { MessageKey } from '$lib/validation/messages';

const MAX_BYTES = 50 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const { staff } = requireStaff(event, 'employer');
	const e = await employerOf(staff);
	const t = today();
	return {
		employer: { account: e.accountNo, branch: e.branch, nameTh: e.nameTh, nameEn: e.nameEn },
		pending: (await pendingOf(e.id)) ?? null,
		submissions: await submissionsOf(e.id),
		months: wageMonths(t),
		defaultMonth: addMonths(periodOf(t), -1)
	};
};

function formatOf(name: string): Format | null {
	const ext = name.toLowerCase().split('.').pop();
	return ext === 'txt' || ext === 'dat' ? 'fixed' : ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : null;
}

export const actions: Actions = {
	/** Step 3/6: attach the file. */
	upload: async (event) => {
		const { staff } = requireStaff(event, 'employer');
		const e = await employerOf(staff);
		// one file of an employer at a time, and a few in all: refused before the body is read
		const slot = takeUploadSlot(e.id);
		if (!slot.ok) return fail(429, { period: '', formError: slot.reason });
		try {
			return await check(event.request, staff, e);
		} finally {
			slot.release();
		}
	}
};

/** Step 3/6: attach the file. Every line is checked; a file with any problem changes nothing. */
async function check(request: Request, staff: StaffMember, e: Employer) {
	const t = today();
	// the file is checked as it arrives (never held whole); the form sends the month before the file
	const got = await receiveFile(request, MAX_BYTES, async (fields, file): Promise<UploadResult | { ok: false; reason: 'refused'; message: MessageKey }> => {
		const format = formatOf(file.name);
		const period = fields.period ?? '';
		if (!format) return { ok: false, reason: 'refused', message: 'emp_err_file_type' };
		if (format !== 'fixed' && !wageMonths(t).includes(period)) return { ok: false, reason: 'refused', message: 'emp_err_period_choose' };
		return upload({
			employer: e,
			staffId: staff.id,
			fileName: file.name,
			format,
			chunks: file.chunks,
			period: format === 'fixed' ? undefined : period,
			today: t
		});
	});
	const period = got.fields.period ?? '';
	if (!got.ok) {
		// a file cut off (too large, or the body broke off) is never offered for review, even if what came was right
		if (got.result?.ok) await discard(got.result.id);
		return got.reason === 'too_large' ? fail(413, { period, formError: 'emp_err_file_size' }) : fail(400, { period, formError: 'emp_err_file_missing' });
	}
	const r = got.result;
	if (!r.ok && r.reason === 'refused') return fail(400, { period, formError: r.message });
	if (!r.ok)
		return fail(422, {
			period,
			fileName: r.fileName,
			// in file order: a header's totals are checked at the end but belong to line 1
			problems: r.problems.map(forPage).sort((a, b) => a.line - b.line),
			problemCount: r.problemCount,
			shown: Math.min(r.problemCount, MAX_PROBLEMS)
		});
	redirect(303, `/staff/employer/review/${r.id}`);
}
