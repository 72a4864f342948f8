import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, saveDraft, codePageData, resendOutcome, codeFailStatus } from '$server/web';
import { now } from '$server/clock';
import { verifyReset, resendResetCode, type ResetDraft } from '$server/accounts/reset';

export const load: PageServerLoad = async ({ cookies }) => {
	const draft = await getDraft<ResetDraft>({ cookies }, 'reset');
	if (draft?.verified) redirect(303, '/forgot-password/new-password');
	const data = draft ? await codePageData(draft) : null;
	if (!data) redirect(303, '/forgot-password');
	return data;
};

export const actions: Actions = {
	verify: async (event) => {
		const draft = await getDraft<ResetDraft>(event, 'reset');
		if (!draft?.challengeId) redirect(303, '/forgot-password');
		// a second submit of a code that already worked goes on to the new password
		if (draft.verified) redirect(303, '/forgot-password/new-password');
		const form = await event.request.formData();
		const r = await verifyReset(draft, String(form.get('code') ?? ''), event.locals.ip);
		if (r.ok) {
			await saveDraft<ResetDraft>(event, 'reset', { ...draft, verified: true, verifiedAt: now() });
			redirect(303, '/forgot-password/new-password');
		}
		if (r.reason === 'invalid') return fail(codeFailStatus(r.error), { error: r.error });
		redirect(303, '/forgot-password/verify');
	},
	resend: async (event) => {
		const draft = await getDraft<ResetDraft>(event, 'reset');
		if (!draft?.challengeId) redirect(303, '/forgot-password');
		const r = await resendResetCode(draft, { ip: event.locals.ip, locale: event.locals.locale });
		return resendOutcome(event, 'reset', draft, r, '/forgot-password');
	}
};
