import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions } from './$types';
import { changePassword } from '$server/accounts/account';
import { clientDevice, startSession } from '$server/web';
import { requireCitizen } from '$server/guard';

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireCitizen(event);
		const form = await event.request.formData();
		const field = (k: string) => String(form.get(k) ?? '');
		const r = await changePassword(
			{ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip, device: clientDevice(event) },
			{ current: field('current'), password: field('password'), passwordConfirm: field('passwordConfirm') },
			event.locals.locale
		);
		if (!r.ok) return fail(r.reason === 'rate_limited' ? 429 : 400, { errors: r.errors });
		// every session of the account ended with the change; this device goes on in a new one
		event.locals.session = null;
		await startSession(event, user.id);
		redirect(303, '/profile?done=password');
	}
};
