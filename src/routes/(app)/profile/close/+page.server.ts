import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions } from './$types';
import { closeAccount } from '$server/accounts/account';
import { clientDevice, endSession } from '$server/web';
import { requireCitizen } from '$server/guard';

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireCitizen(event);
		const form = await event.request.formData();
		const r = await closeAccount(
			{ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip, device: clientDevice(event) },
			{ current: String(form.get('current') ?? ''), confirm: form.get('confirm') === 'yes' }
		);
		if (!r.ok) return fail(r.reason === 'rate_limited' ? 429 : 400, { errors: r.errors });
		// the sessions are gone already (closing is audited, not as a log-out): clear the cookie, sign the request out
		event.locals.session = null;
		await endSession(event);
		redirect(303, '/login?closed=1');
	}
};
