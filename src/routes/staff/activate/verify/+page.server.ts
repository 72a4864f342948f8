import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { completeActivation, type ActivationDraft } from '$server/staff/accounts';
import { resendCode } from '$server/auth/otp';
import { clearDraft, codeFailStatus, codePageData, getDraft, resendOutcome } from '$server/web';

export const load: PageServerLoad = async ({ cookies }) => {
	const draft = await getDraft<ActivationDraft>({ cookies }, 'staff_activate');
	const data = draft ? await codePageData(draft) : null;
	if (!data) redirect(303, '/staff/activate');
	return data;
};

export const actions: Actions = {
	verify: async (event) => {
		const draft = await getDraft<ActivationDraft>(event, 'staff_activate');
		if (!draft?.challengeId) redirect(303, '/staff/activate');
		const form = await event.request.formData();
		const r = await completeActivation(draft.hash, draft.challengeId, String(form.get('code') ?? ''), event.locals.ip);
		if (r.ok) {
			await clearDraft(event, 'staff_activate');
			redirect(303, '/staff?activated=1');
		}
		if (r.reason === 'invalid') return fail(codeFailStatus(r.error), { error: r.error });
		redirect(303, '/staff/activate');
	},
	resend: async (event) => {
		const draft = await getDraft<ActivationDraft>(event, 'staff_activate');
		if (!draft?.challengeId) redirect(303, '/staff/activate');
		const r = await resendCode(draft.challengeId, event.locals.ip, event.locals.locale);
		return resendOutcome(event, 'staff_activate', draft, r, '/staff/activate');
	}
};
