import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { endSession } from '$server/web';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
};

/** Log out by POST only (a GET link could be triggered by another site). */
export const actions: Actions = {
	default: async (event) => {
		await endSession(event);
		redirect(303, '/login?loggedOut=1');
	}
};
