import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview, revokeSessions, securityEvents } from '$server/accounts/account';
import { listDevices, otherSessions, sessionByHandle } from '$server/auth/devices';
import { requireUser } from '$server/web';
import { lookupsOf } from '$server/staff/lookups';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = locals.user!;
	const account = accountOverview(user.id);
	if (!account) redirect(303, '/login');
	const done = url.searchParams.get('done');
	return {
		account,
		devices: listDevices(user.id, locals.session!.id),
		events: securityEvents(user.id, user.nationalId),
		// issue 8: every look at this person's data by a service-centre officer or a hospital
		lookups: lookupsOf(user.nationalId, 20),
		// the number shown is the account's, never one from the URL
		done: done === 'password' ? ('password' as const) : done === 'phone' ? { phone: account.maskedPhone } : null
	};
};

export const actions: Actions = {
	/** Sign one of this account's other devices out (a handle of another account finds nothing). */
	revoke: async (event) => {
		const user = requireUser(event);
		const handle = String((await event.request.formData()).get('device') ?? '');
		const id = /^[0-9a-f]{24}$/.test(handle) ? sessionByHandle(user.id, handle) : null;
		if (!id || id === event.locals.session?.id) return fail(404, { devicesNotice: 'profile_devices_gone' as const });
		const n = revokeSessions({ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip }, [id]);
		return { devicesDone: n };
	},
	revokeOthers: async (event) => {
		const user = requireUser(event);
		const others = otherSessions(user.id, event.locals.session?.id ?? null);
		const n = revokeSessions({ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip }, others);
		return { devicesDone: n };
	}
};
