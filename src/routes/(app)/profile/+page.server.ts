import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { revokeSessions } from '$server/accounts/account';
import { profileRecords } from '$server/accounts/profile';
import { otherSessions, sessionByHandle } from '$server/auth/devices';
import { requireCitizen } from '$server/guard';
import { thaidSettings } from '$server/config';
import { noticeFrom } from '$server/i18n';

export const load: PageServerLoad = async (event) => {
	const { user, session } = requireCitizen(event);
	const url = event.url;
	// the account, its devices, its security events and every look by a service-centre officer or a hospital: one read
	const profile = await profileRecords(user, session.id);
	if (!profile) redirect(303, '/login');
	const done = url.searchParams.get('done');
	return {
		...profile,
		// the number shown is the account's, never one from the URL
		done: done === 'password' ? ('password' as const) : done === 'phone' ? { phone: profile.account.maskedPhone } : null,
		// the button to prove the account with ThaID, where ThaID is configured
		thaid: thaidSettings() !== null,
		thaidDone: noticeFrom(url.searchParams, { 'thaid=proved': 'thaid_proved' }),
		thaidError: noticeFrom(url.searchParams, {
			'thaid=cancelled': 'thaid_cancelled',
			'thaid=unavailable': 'thaid_unavailable',
			'thaid=refused': 'thaid_refused',
			'thaid=invalid': 'thaid_invalid',
			'thaid=weak': 'thaid_weak',
			'thaid=other_person': 'thaid_other_person',
			'thaid=closed': 'thaid_closed'
		})
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
