import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { finishConfirm, type ConfirmDraft } from '$server/accounts/account';
import { resendCode } from '$server/auth/otp';
import { clearDraft, clientDevice, codeFailStatus, codePageData, endSession, getDraft, resendOutcome, startSession } from '$server/web';
import { requireCitizen } from '$server/guard';

/** Where the change waiting for this code was asked (and where to start again). */
const from = (d: ConfirmDraft | null) => (d?.action === 'close' ? '/profile/close' : '/profile/password');

/** The code to the account's number that stands in for a password the account does not have. */
export const load: PageServerLoad = async (event) => {
	requireCitizen(event);
	const draft = await getDraft<ConfirmDraft>(event, 'confirm');
	const data = draft ? await codePageData(draft) : null;
	if (!data) redirect(303, from(draft));
	return { ...data, action: draft!.action === 'close' ? ('close' as const) : ('set_password' as const) };
};

export const actions: Actions = {
	verify: async (event) => {
		const { user } = requireCitizen(event);
		const draft = await getDraft<ConfirmDraft>(event, 'confirm');
		if (!draft?.challengeId) redirect(303, from(draft));
		const form = await event.request.formData();
		const who = { userId: user.id, nationalId: user.nationalId, ip: event.locals.ip, device: clientDevice(event) };
		const r = await finishConfirm(who, draft, String(form.get('code') ?? ''), event.locals.locale);
		if (r.ok) {
			await clearDraft(event, 'confirm');
			event.locals.session = null;
			if (r.action === 'close') {
				// the sessions are gone already (closing is audited, not as a log-out): clear the cookie, sign the request out
				await endSession(event);
				redirect(303, '/login?closed=1');
			}
			// every session of the account ended with the change; this device goes on in a new one
			await startSession(event, user.id);
			redirect(303, '/profile?done=password');
		}
		if (r.reason === 'invalid') return fail(codeFailStatus(r.error), { error: r.error });
		await clearDraft(event, 'confirm');
		redirect(303, from(draft));
	},
	resend: async (event) => {
		requireCitizen(event);
		const draft = await getDraft<ConfirmDraft>(event, 'confirm');
		if (!draft?.challengeId) redirect(303, from(draft));
		const r = await resendCode(draft.challengeId, event.locals.ip, event.locals.locale);
		return resendOutcome(event, 'confirm', draft, r, from(draft));
	}
};
