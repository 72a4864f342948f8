import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, saveDraft, clockTime, secondsUntil } from '$server/web';
import { verifyReset, resendResetCode, type ResetDraft } from '$server/accounts/reset';
import { challengeInfo, OTP_RESEND_AFTER_MS } from '$server/auth/otp';
import { maskPhone } from '$lib/validation/phone';

export const load: PageServerLoad = ({ cookies, url }) => {
	const draft = getDraft<ResetDraft>({ cookies }, 'reset');
	const info = draft?.challengeId ? challengeInfo(draft.challengeId) : null;
	if (!draft || !info) redirect(303, '/forgot-password');
	if (draft.verified) redirect(303, '/forgot-password/new-password');
	return {
		maskedPhone: maskPhone(info.phone),
		resendInSeconds: secondsUntil(info.lastSentAt + OTP_RESEND_AFTER_MS),
		smsFailed: url.searchParams.has('smsFailed'),
		smsSending: !!draft.smsSending
	};
};

export const actions: Actions = {
	verify: async (event) => {
		const draft = getDraft<ResetDraft>(event, 'reset');
		if (!draft?.challengeId) redirect(303, '/forgot-password');
		const form = await event.request.formData();
		const r = verifyReset(draft, String(form.get('code') ?? ''));
		if (r.ok) {
			saveDraft<ResetDraft>(event, 'reset', { ...draft, verified: true });
			redirect(303, '/forgot-password/new-password');
		}
		if (r.kind === 'invalid') return fail(400, { error: r.error });
		redirect(303, '/forgot-password');
	},
	resend: async (event) => {
		const draft = getDraft<ResetDraft>(event, 'reset');
		if (!draft?.challengeId) redirect(303, '/forgot-password');
		const r = await resendResetCode(draft, { ip: event.locals.ip, locale: event.locals.locale });
		if (r.ok) return { notice: r.sending ? 'verify_sending' : 'verify_resent' };
		if (r.reason === 'wait') return fail(429, { error: { key: 'err_resend_wait', params: { seconds: secondsUntil(r.retryAt) } } });
		if (r.reason === 'rate_limited') return fail(429, { error: { key: 'err_rate_limited', params: { time: clockTime(r.retryAt) } } });
		if (r.reason === 'sms_failed') return fail(502, { error: 'err_sms_failed' });
		redirect(303, '/forgot-password');
	}
};
