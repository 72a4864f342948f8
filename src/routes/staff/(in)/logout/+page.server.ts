import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deleteStaffCookie, invalidateStaffSession } from '$server/staff/session';
import { audit } from '$server/audit';
import { secureCookies } from '$server/web';

export const load: PageServerLoad = () => redirect(303, '/staff');

export const actions: Actions = {
	default: (event) => {
		const s = event.locals.staffSession!;
		const staff = event.locals.staff!;
		invalidateStaffSession(s.id);
		deleteStaffCookie(event.cookies, secureCookies(event.url));
		audit({ actor: staff.id, action: 'staff.logout', subject: `staff:${staff.username}`, ip: event.locals.ip });
		redirect(303, '/staff?out=1');
	}
};
