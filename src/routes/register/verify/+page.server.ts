import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, saveDraft, clearDraft, startSession, clockTime, secondsUntil } from '$server/web';
import { completeRegistration, resendRegistrationCode, type RegisterDraft } from '$server/accounts/registration';
import { challengeInfo, OTP_RESEND_AFTER_MS } from '$server/auth/otp';
import { maskPhone } from '$lib/validation/phone';

export const load: PageServerLoad = ({ locals, cookies }) => {
	if (locals.user) redirect(303, '/dashboard');
	const draft = getDraft<RegisterDraft>({ cookies }, 'register');
	if (!draft?.terms) redirect(303, '/register/terms');
	const info = draft.challengeId ? challengeInfo(draft.challengeId) : null;
	if (!draft.details || !info || info.consumed) redirect(303, '/register/details');
	return {
		maskedPhone: maskPhone(info.phone),
		resendInSeconds: secondsUntil(info.lastSentAt + OTP_RESEND_AFTER_MS),
		smsFailed: !!draft.smsFailed,
		smsSending: !!draft.smsSending
	};
};

export const actions: Actions = {
	verify: async (event) => {
		const draft = getDraft<RegisterDraft>(event, 'register');
		if (!draft?.challengeId) redirect(303, '/register/details');
		const form = await event.request.formData();
		const r = completeRegistration(draft, String(form.get('code') ?? ''), { ip: event.locals.ip });
		if (r.ok) {
			clearDraft(event, 'register');
			startSession(event, r.userId);
			redirect(303, '/dashboard?welcome=1');
		}
		if (r.kind === 'invalid') return fail(400, { error: r.error });
		if (r.kind === 'already_registered') {
			clearDraft(event, 'register');
			redirect(303, '/login');
		}
		redirect(303, '/register/details');
	},
	resend: async (event) => {
		const draft = getDraft<RegisterDraft>(event, 'register');
		if (!draft?.challengeId) redirect(303, '/register/details');
		const r = await resendRegistrationCode(draft, { ip: event.locals.ip, locale: event.locals.locale });
		const smsFailed = !r.ok && r.reason === 'sms_failed';
		const smsSending = r.ok && r.sending;
		if (!!draft.smsFailed !== smsFailed || !!draft.smsSending !== smsSending) saveDraft(event, 'register', { ...draft, smsFailed, smsSending });
		if (r.ok) return { notice: r.sending ? 'verify_sending' : 'verify_resent' };
		if (r.reason === 'wait') return fail(429, { error: { key: 'err_resend_wait', params: { seconds: secondsUntil(r.retryAt) } } });
		if (r.reason === 'rate_limited') return fail(429, { error: { key: 'err_rate_limited', params: { time: clockTime(r.retryAt) } } });
		if (r.reason === 'sms_failed') return fail(502, { error: undefined });
		redirect(303, '/register/details');
	}
};
