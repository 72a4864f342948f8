import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { staffCodeStep, type StaffLoginDraft } from '$server/staff/accounts';
import { setStaffCookie } from '$server/staff/session';
import { homeOf } from '$server/staff/access';
import { staffById } from '$server/staff/accounts';
import { resendCode } from '$server/auth/otp';
import { clearDraft, codeFailStatus, codePageData, getDraft, keepDevice, resendOutcome, secureCookies, signInDevice } from '$server/web';

export const load: PageServerLoad = async ({ cookies }) => {
	const draft = await getDraft<StaffLoginDraft>({ cookies }, 'staff_login');
	const data = draft ? await codePageData(draft) : null;
	if (!data) redirect(303, '/staff');
	return data;
};

export const actions: Actions = {
	verify: async (event) => {
		const draft = await getDraft<StaffLoginDraft>(event, 'staff_login');
		if (!draft?.challengeId) redirect(303, '/staff');
		const form = await event.request.formData();
		const device = signInDevice(event);
		const r = await staffCodeStep(draft.challengeId, String(form.get('code') ?? ''), event.locals.ip, event.request.headers.get('user-agent'), device);
		if (r.ok) {
			await clearDraft(event, 'staff_login');
			keepDevice(event, device);
			setStaffCookie(event.cookies, r.token, r.expiresAt, secureCookies(event.url));
			redirect(303, homeOf((await staffById(r.staffId))!.role));
		}
		if (r.reason === 'invalid') return fail(codeFailStatus(r.error), { error: r.error });
		await clearDraft(event, 'staff_login');
		redirect(303, '/staff');
	},
	resend: async (event) => {
		const draft = await getDraft<StaffLoginDraft>(event, 'staff_login');
		if (!draft?.challengeId) redirect(303, '/staff');
		const r = await resendCode(draft.challengeId, event.locals.ip, event.locals.locale);
		return resendOutcome(event, 'staff_login', draft, r, '/staff');
	}
};
