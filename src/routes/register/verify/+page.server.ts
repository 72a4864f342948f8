import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, clearDraft, startSession, codePageData, resendOutcome, codeFail } from '$server/web';
import { completeRegistration, resendRegistrationCode, type RegisterDraft } from '$server/accounts/registration';

export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (locals.user) redirect(303, '/dashboard');
	const draft = await getDraft<RegisterDraft>({ cookies }, 'register');
	if (!draft?.terms) redirect(303, '/register/terms');
	const data = draft.details ? await codePageData(draft) : null;
	if (!data) redirect(303, '/register/details');
	return data;
};

export const actions: Actions = {
	verify: async (event) => {
		const draft = await getDraft<RegisterDraft>(event, 'register');
		if (!draft?.challengeId) redirect(303, '/register/details');
		const form = await event.request.formData();
		const r = await completeRegistration(draft, String(form.get('code') ?? ''), { ip: event.locals.ip, userAgent: event.request.headers.get('user-agent') });
		if (r.ok) {
			await clearDraft(event, 'register');
			await startSession(event, r.userId);
			redirect(303, '/dashboard?welcome=1');
		}
		if (r.reason === 'invalid') return codeFail(draft, r.error);
		if (r.reason === 'already_registered') {
			await clearDraft(event, 'register');
			redirect(303, '/login');
		}
		redirect(303, '/register/details');
	},
	resend: async (event) => {
		const draft = await getDraft<RegisterDraft>(event, 'register');
		if (!draft?.challengeId) redirect(303, '/register/details');
		const r = await resendRegistrationCode(draft, { ip: event.locals.ip, locale: event.locals.locale });
		return resendOutcome(event, 'register', draft, r, '/register/details');
	}
};
