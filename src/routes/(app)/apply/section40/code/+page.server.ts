import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { clearDraft, codePageData, resendOutcome, codeFailStatus } from '$server/web';
import { readApplyDraft } from '$server/applications/web';
import { applicationByKey } from '$server/applications/store';
import { submitSection40 } from '$server/applications/section40/application';
import { checkCode, resendCode } from '$server/auth/otp';
import { today } from '$server/clock';
import { requireCitizen } from '$server/guard';

/** Section 40: the SMS code that confirms the application before it is submitted. */
export const load: PageServerLoad = async (event) => {
	requireCitizen(event);
	const draft = await readApplyDraft(event, 'section40');
	if (!draft) redirect(303, '/apply/section40');
	const data = await codePageData(draft);
	if (!data) redirect(303, '/apply/section40/check');
	return { ...data, key: draft.key };
};

export const actions: Actions = {
	verify: async (event) => {
		const { user } = requireCitizen(event);
		const form = await event.request.formData();
		const done = await applicationByKey(String(form.get('key') ?? ''), user.id);
		if (done) redirect(303, `/applications/${done.ref}?new=1`);
		const draft = await readApplyDraft(event, 'section40');
		if (!draft?.challengeId) redirect(303, '/apply/section40');
		const v = await checkCode(draft.challengeId, String(form.get('code') ?? ''), 'confirm', event.locals.ip);
		if (!v.ok) {
			if (v.reason === 'restart') redirect(303, '/apply/section40/check');
			return fail(codeFailStatus(v.error), { error: v.error });
		}
		if (v.subject !== user.nationalId) redirect(303, '/apply/section40');
		const r = await submitSection40({
			userId: user.id,
			nationalId: user.nationalId,
			key: draft.key,
			answers: draft.answers,
			today: today(),
			ip: event.locals.ip
		});
		if (!r.ok && r.reason === 'foreign_key') redirect(303, '/apply/section40');
		await clearDraft(event, 'section40');
		if (!r.ok) redirect(303, '/apply/section40');
		redirect(303, `/applications/${r.app.ref}?new=1`);
	},
	resend: async (event) => {
		requireCitizen(event);
		const draft = await readApplyDraft(event, 'section40');
		if (!draft?.challengeId) redirect(303, '/apply/section40/check');
		const r = await resendCode(draft.challengeId, event.locals.ip, event.locals.locale);
		return resendOutcome(event, 'section40', draft, r, '/apply/section40/check');
	}
};
