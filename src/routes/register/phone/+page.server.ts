import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, saveDraft, tryAgainAt } from '$server/web';
import { submitThaidPhone, thaidExpired, type RegisterDraft } from '$server/accounts/registration';

/** Registering after a ThaID sign-in: ThaID proved who this is (the draft says so), so the one question is a mobile number. */
export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (locals.user) redirect(303, '/dashboard');
	const draft = await getDraft<RegisterDraft>({ cookies }, 'register');
	if (!draft?.thaid) redirect(303, '/register/details');
	if (thaidExpired(draft)) redirect(303, '/login?thaid=expired');
	if (!draft.terms) redirect(303, '/register/terms');
	const p = draft.thaid;
	return {
		name: `${p.titleTh ?? ''}${p.firstNameTh} ${p.lastNameTh}`,
		nameEn: p.firstNameEn ? `${p.firstNameEn} ${p.lastNameEn ?? ''}` : null,
		phone: draft.details?.phone ?? ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const draft = await getDraft<RegisterDraft>(event, 'register');
		if (!draft?.thaid) redirect(303, '/register/details');
		const phone = String((await event.request.formData()).get('phone') ?? '').slice(0, 40);
		const r = await submitThaidPhone(draft, phone, { ip: event.locals.ip, locale: event.locals.locale });
		if (r.ok || r.reason === 'sms_failed') {
			await saveDraft(event, 'register', r.draft);
			redirect(303, '/register/verify');
		}
		if (r.reason === 'restart') redirect(303, thaidExpired(draft) ? '/login?thaid=expired' : '/register/terms');
		if (r.reason === 'invalid') return fail(400, { phone, errors: r.errors });
		return fail(429, { phone, formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
	}
};
