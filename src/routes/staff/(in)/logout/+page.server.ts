import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deleteStaffCookie, invalidateStaffSession } from '$server/staff/session';
import { audit } from '$server/audit';
import { secureCookies } from '$server/web';
import { requireStaff } from '$server/guard';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	redirect(303, '/staff');
};

export const actions: Actions = {
	default: async (event) => {
		const { staff, session: s } = requireStaff(event);
		await invalidateStaffSession(s.id);
		deleteStaffCookie(event.cookies, secureCookies(event.url));
		await audit({ actor: staff.id, action: 'staff.logout', subject: `staff:${staff.username}`, ip: event.locals.ip });
		redirect(303, '/staff?out=1');
	}
};
