import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, saveDraft, tryAgainAt } from '$server/web';
import { startReset, type ResetDraft } from '$server/accounts/reset';

export const load: PageServerLoad = async ({ cookies }) => {
	const d = await getDraft<ResetDraft>({ cookies }, 'reset');
	return { values: d ? { nationalId: d.nationalId ?? '', birthDay: d.birthDay ?? '', birthMonth: d.birthMonth ?? '', birthYear: d.birthYear ?? '' } : null };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = {
			nationalId: String(form.get('nationalId') ?? ''),
			birthDay: String(form.get('birthDay') ?? ''),
			birthMonth: String(form.get('birthMonth') ?? ''),
			birthYear: String(form.get('birthYear') ?? '')
		};
		const r = await startReset(values, { ip: event.locals.ip, locale: event.locals.locale });
		if (r.ok || r.reason === 'sms_failed') {
			await saveDraft<ResetDraft>(event, 'reset', r.draft);
			redirect(303, '/forgot-password/verify');
		}
		if (r.reason === 'invalid') return fail(400, { values, errors: r.errors });
		if (r.reason === 'mismatch') return fail(400, { values, formError: 'err_forgot_mismatch' });
		return fail(429, { values, formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
	}
};
