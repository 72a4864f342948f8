import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview, closeAccount, hasPassword, startConfirm } from '$server/accounts/account';
import { clientDevice, endSession, toConfirmCode } from '$server/web';
import { requireCitizen } from '$server/guard';

/** An account without a password (opened or taken back with ThaID, or at a counter) closes with a code instead. */
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
		const who = { userId: user.id, nationalId: user.nationalId, ip: event.locals.ip, device: clientDevice(event) };
		if (!(await hasPassword(user.id)))
			return await toConfirmCode(event, await startConfirm(who, { action: 'close', confirm: form.get('confirm') === 'yes' }, event.locals.locale));
		const r = await closeAccount(who, { current: String(form.get('current') ?? ''), confirm: form.get('confirm') === 'yes' });
		// the account changed meanwhile (a take-over repair, another change), which ended its sessions: sign in again
		if (!r.ok && r.reason === 'restart') redirect(303, '/login?expired=1');
		if (!r.ok) return fail(r.reason === 'rate_limited' ? 429 : 400, { errors: r.errors });
		// the sessions are gone already (closing is audited, not as a log-out): clear the cookie, sign the request out
		event.locals.session = null;
		await endSession(event);
		redirect(303, '/login?closed=1');
	}
};
