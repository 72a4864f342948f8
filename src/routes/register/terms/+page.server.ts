import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, saveDraft } from '$server/web';
import { now } from '$server/clock';
import { TERMS_VERSION, type RegisterDraft } from '$server/accounts/registration';

export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (locals.user) redirect(303, '/dashboard');
	const draft = await getDraft<RegisterDraft>({ cookies }, 'register');
	return { accepted: !!draft?.terms };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		if (form.get('accept') !== 'yes') return fail(400, { errors: { accept: 'err_terms' } });
		const draft = (await getDraft<RegisterDraft>(event, 'register')) ?? {};
		await saveDraft<RegisterDraft>(event, 'register', { ...draft, terms: { version: TERMS_VERSION, acceptedAt: now() } });
		// after a ThaID sign-in the registry check is done: only a mobile number is asked
		redirect(303, draft.thaid ? '/register/phone' : '/register/details');
	}
};
