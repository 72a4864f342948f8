import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { endSession } from '$server/web';
import { afterLogout } from '$server/thaid/web';
import { thaidSettings } from '$server/config';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
};

/** Log out by POST only (a GET link could be triggered by another site). */
export const actions: Actions = {
	default: async (event) => {
		await endSession(event);
		// a browser that signed in to ThaID for us ends that session too, where ThaID can
		redirect(303, await afterLogout(event, thaidSettings()));
	}
};
