import { redirect } from '@sveltejs/kit';
import { fail, say } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview, hasPassword, startPhoneChange, type PhoneDraft } from '$server/accounts/account';
import { clearDraft, clientDevice, getDraft, saveDraft, tryAgainAt } from '$server/web';
import { requireCitizen } from '$server/guard';
import { isProved } from '$lib/rules/assurance';
import { now } from '$server/clock';

/**
 * An account at the lower level confirms the change from its current number first: the page says which. An account
 * without a password (always proved: opened or taken back with ThaID, or at a counter) has none to give here, and
 * changes its number on the page that needs no password.
 */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const overview = await accountOverview(user.id);
	if (!overview) redirect(303, '/login');
	if (!overview.hasPassword) redirect(303, '/profile/phone/replace');
	// too many codes asked for after the current number's code was used: the change starts again here, after the wait
	const draft = await getDraft<PhoneDraft>(event, 'phone');
	const limited = draft?.limitedUntil && draft.limitedUntil > now() ? say(tryAgainAt(draft.limitedUntil, event.locals.locale)) : null;
	if (draft?.limitedUntil) await clearDraft(event, 'phone');
	return { proved: isProved(user.assurance), current: overview.maskedPhone, limited };
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireCitizen(event);
		if (!(await hasPassword(user.id))) redirect(303, '/profile/phone/replace');
		const form = await event.request.formData();
		const phone = String(form.get('phone') ?? '');
		const r = await startPhoneChange(
			{ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip, device: clientDevice(event) },
			{ current: String(form.get('current') ?? ''), phone },
			event.locals.locale
		);
		if (r.ok || r.reason === 'sms_failed') {
			// a failed SMS: the code page says so and offers to send again
			await saveDraft<PhoneDraft>(event, 'phone', r.draft);
			redirect(303, '/profile/phone/verify');
		}
		if (r.reason === 'rate_limited') return fail(429, { phone, formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
		return fail(r.reason === 'locked' ? 429 : 400, { phone, errors: r.errors });
	}
};
