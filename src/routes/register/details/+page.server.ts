import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, saveDraft, tryAgainAt } from '$server/web';
import { submitDetails, type RegisterDraft } from '$server/accounts/registration';

const FIELDS = ['nationalId', 'passportNo', 'nationality', 'firstName', 'lastName', 'birthDay', 'birthMonth', 'birthYear', 'phone'] as const;

export const load: PageServerLoad = async ({ locals, cookies, url }) => {
	if (locals.user) redirect(303, '/dashboard');
	const draft = await getDraft<RegisterDraft>({ cookies }, 'register');
	if (!draft?.terms) redirect(303, '/register/terms');
	// a registration that ThaID started asks only a mobile number
	if (draft.thaid) redirect(303, '/register/phone');
	// a foreign insured person without the 13-digit number at hand is identified by passport (a link on the page)
	const by = url.searchParams.get('by');
	const byPassport = by === 'passport' || (by !== 'id' && !!draft.details?.passportNo);
	return { values: draft.details ?? null, byPassport };
};

export const actions: Actions = {
	default: async (event) => {
		const draft = await getDraft<RegisterDraft>(event, 'register');
		if (!draft?.terms) redirect(303, '/register/terms');
		const form = await event.request.formData();
		const get = (k: string) => String(form.get(k) ?? '');
		const values = Object.fromEntries(FIELDS.map((k) => [k, get(k)])) as Record<(typeof FIELDS)[number], string>;
		const idKind = get('idKind') === 'passport' ? 'passport' : 'id';
		const r = await submitDetails(
			draft,
			{ ...values, idKind, password: get('password'), passwordConfirm: get('passwordConfirm') },
			{ ip: event.locals.ip, locale: event.locals.locale }
		);
		if (r.ok || r.reason === 'sms_failed') {
			await saveDraft(event, 'register', r.draft);
			redirect(303, '/register/verify');
		}
		if (r.reason === 'restart') redirect(303, '/register/terms');
		if (r.reason === 'invalid') return fail(400, { values, errors: r.errors });
		if (r.reason === 'mismatch') return fail(400, { values, formError: idKind === 'passport' ? 'err_registry_mismatch_passport' : 'err_registry_mismatch' });
		if (r.reason === 'already_registered') return fail(409, { values, alreadyRegistered: true });
		return fail(429, { values, formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
	}
};
