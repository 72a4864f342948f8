import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { getDraft, clearDraft } from '$server/web';
import { setNewPassword, type ResetDraft } from '$server/accounts/reset';

export const load: PageServerLoad = async ({ cookies }) => {
	const draft = await getDraft<ResetDraft>({ cookies }, 'reset');
	if (!draft?.verified) redirect(303, '/forgot-password');
};

export const actions: Actions = {
	default: async (event) => {
		const draft = await getDraft<ResetDraft>(event, 'reset');
		if (!draft?.verified) redirect(303, '/forgot-password');
		const form = await event.request.formData();
		const r = await setNewPassword(draft, String(form.get('password') ?? ''), String(form.get('passwordConfirm') ?? ''), { ip: event.locals.ip });
		if (r.ok) {
			await clearDraft(event, 'reset');
			redirect(303, '/login?reset=1');
		}
		if (r.reason === 'invalid') return fail(400, { errors: r.errors });
		redirect(303, '/forgot-password');
	}
};
