import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invalidateSession, deleteSessionCookie } from '$server/auth/session';
import { secureCookies } from '$server/web';
import { audit } from '$server/audit';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
};

/** Log out by POST only (a GET link could be triggered by another site). */
export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) {
			invalidateSession(event.locals.session.id);
			audit({ actor: event.locals.user!.id, action: 'logout', subject: event.locals.user!.nationalId, ip: event.locals.ip });
		}
		deleteSessionCookie(event.cookies, secureCookies(event.url));
		redirect(303, '/login?loggedOut=1');
	}
};
