import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview, changePassword, hasPassword, startConfirm } from '$server/accounts/account';
import { clientDevice, startSession, toConfirmCode } from '$server/web';
import { requireCitizen } from '$server/guard';

/** An account without a password (opened or taken back with ThaID, or at a counter) sets one with a code instead. */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const overview = await accountOverview(user.id);
	if (!overview) redirect(303, '/login');
	return { hasPassword: overview.hasPassword, phone: overview.maskedPhone };
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireCitizen(event);
		const form = await event.request.formData();
		const field = (k: string) => String(form.get(k) ?? '');
		const who = { userId: user.id, nationalId: user.nationalId, ip: event.locals.ip, device: clientDevice(event) };
		if (!(await hasPassword(user.id)))
			return await toConfirmCode(
				event,
				await startConfirm(who, { action: 'set_password', password: field('password'), passwordConfirm: field('passwordConfirm') }, event.locals.locale)
			);
		const r = await changePassword(
			who,
			{ current: field('current'), password: field('password'), passwordConfirm: field('passwordConfirm') },
			event.locals.locale
		);
		// the account changed meanwhile (a take-over repair, another change), which ended its sessions: sign in again
		if (!r.ok && r.reason === 'restart') redirect(303, '/login?expired=1');
		if (!r.ok) return fail(r.reason === 'rate_limited' ? 429 : 400, { errors: r.errors });
		// every session of the account ended with the change; this device goes on in a new one
		event.locals.session = null;
		await startSession(event, user.id);
		redirect(303, '/profile?done=password');
	}
};
