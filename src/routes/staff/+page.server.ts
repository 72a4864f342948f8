import { redirect } from '@sveltejs/kit';
import { fail, noticeFrom } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { staffPasswordStep, type StaffLoginDraft } from '$server/staff/accounts';
import { clientDevice, saveDraft } from '$server/web';
import { StaffLoginSchema } from '$lib/validation/staff';
import { parseForm } from '$lib/validation/forms';

export const load: PageServerLoad = ({ url }) => ({
	notice: noticeFrom(url.searchParams, {
		'ended=idle': 'staff_ended_idle',
		'ended=expired': 'staff_ended_expired',
		'ended=replaced': 'staff_ended_replaced',
		out: 'staff_logged_out',
		activated: 'staff_activated'
	})
});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '').slice(0, 100);
		const parsed = parseForm(StaffLoginSchema, { username, password: String(form.get('password') ?? '') });
		if (!parsed.ok) return fail(400, { username, errors: parsed.errors });
		const r = await staffPasswordStep(parsed.data.username, parsed.data.password, event.locals.ip, event.locals.locale, undefined, clientDevice(event));
		if (r.ok) {
			await saveDraft<StaffLoginDraft>(event, 'staff_login', { challengeId: r.challengeId, smsFailed: r.smsFailed, smsSending: r.sending });
			redirect(303, '/staff/verify');
		}
		if (r.reason === 'invalid') return fail(400, { username, formError: 'err_staff_login' });
		if (r.reason === 'disabled') return fail(403, { username, formError: 'err_staff_disabled' });
		return fail(429, { username, formError: r.error });
	}
};
