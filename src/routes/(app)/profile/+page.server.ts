import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview, revokeSessions, securityEvents } from '$server/accounts/account';
import { listDevices, otherSessions, sessionByHandle } from '$server/auth/devices';
import { lookupsOf } from '$server/staff/lookups';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user, session } = requireCitizen(event);
	const url = event.url;
	const account = await accountOverview(user.id);
	if (!account) redirect(303, '/login');
	const done = url.searchParams.get('done');
	return {
		account,
		devices: await listDevices(user.id, session.id),
		events: await securityEvents(user.id, user.nationalId),
		// every look at this person's data by a service-centre officer or a hospital
		lookups: await lookupsOf(user.nationalId, 20),
		// the number shown is the account's, never one from the URL
		done: done === 'password' ? ('password' as const) : done === 'phone' ? { phone: account.maskedPhone } : null
	};
};

export const actions: Actions = {
	/** Sign one of this account's other devices out (a handle of another account finds nothing). */
	revoke: async (event) => {
		const { user, session } = requireCitizen(event);
		const handle = String((await event.request.formData()).get('device') ?? '');
		const id = /^[0-9a-f]{24}$/.test(handle) ? await sessionByHandle(user.id, handle) : null;
		if (!id || id === session.id) return fail(404, { devicesNotice: 'profile_devices_gone' });
		const n = await revokeSessions({ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip }, [id]);
		return { devicesDone: n };
	},
	revokeOthers: async (event) => {
		const { user, session } = requireCitizen(event);
		const others = await otherSessions(user.id, session.id);
		const n = await revokeSessions({ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip }, others);
		return { devicesDone: n };
	}
};
