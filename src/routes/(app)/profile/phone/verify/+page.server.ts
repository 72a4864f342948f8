import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { completePhoneChange, confirmOldNumber, type PhoneDraft } from '$server/accounts/account';
import { resendCode } from '$server/auth/otp';
import { clearDraft, codePageData, getDraft, resendOutcome, saveDraft, startSession, codeFailStatus } from '$server/web';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	requireCitizen(event);
	const draft = await getDraft<PhoneDraft>(event, 'phone');
	const data = draft ? await codePageData(draft) : null;
	if (!data) redirect(303, '/profile/phone');
	// step 1 of 2 (the current number) or 2 of 2 (the new one) for an account at the lower level; else one step
	return { ...data, step: draft!.old ? ('old' as const) : draft!.afterOld ? ('new' as const) : null };
};

export const actions: Actions = {
	verify: async (event) => {
		const { user } = requireCitizen(event);
		const draft = await getDraft<PhoneDraft>(event, 'phone');
		if (!draft?.challengeId) redirect(303, '/profile/phone');
		const form = await event.request.formData();
		if (draft.old) {
			const o = await confirmOldNumber(
				{ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip },
				draft,
				String(form.get('code') ?? ''),
				event.locals.locale
			);
			if (o.ok || o.reason === 'sms_failed') {
				// the same page asks for the new number's code (a failed SMS: it says so and offers to send again)
				await saveDraft<PhoneDraft>(event, 'phone', { ...o.draft, afterOld: true });
				redirect(303, '/profile/phone/verify');
			}
			if (o.reason === 'code') return fail(codeFailStatus(o.error), { error: o.error });
			await clearDraft(event, 'phone');
			// the current number's code is used, and too many codes were asked for: the change page says when to start again
			if (o.reason === 'rate_limited') await saveDraft<PhoneDraft>(event, 'phone', { limitedUntil: o.retryAt });
			redirect(303, '/profile/phone');
		}
		const r = await completePhoneChange(
			{ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip },
			draft,
			String(form.get('code') ?? ''),
			event.locals.locale
		);
		if (r.ok) {
			await clearDraft(event, 'phone');
			// a take-over repair after ThaID's proof is done with it
			await clearDraft(event, 'proof');
			// every session of the account ended with the change; this device goes on in a new one
			event.locals.session = null;
			await startSession(event, user.id);
			redirect(303, '/profile?done=phone');
		}
		if (r.reason === 'invalid') return fail(codeFailStatus(r.error), { error: r.error });
		await clearDraft(event, 'phone');
		redirect(303, '/profile/phone');
	},
	resend: async (event) => {
		requireCitizen(event);
		const draft = await getDraft<PhoneDraft>(event, 'phone');
		if (!draft?.challengeId) redirect(303, '/profile/phone');
		const r = await resendCode(draft.challengeId, event.locals.ip, event.locals.locale);
		return resendOutcome(event, 'phone', draft, r, '/profile/phone');
	}
};
