import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { endThaidSession } from '$server/thaid/web';
import { thaidSettings } from '$server/config';

/** Just after log-out: the browser goes on to end its ThaID session (once; anyone else goes to the log-in page). */
export const load: PageServerLoad = async (event) => {
	const url = await endThaidSession(event, thaidSettings());
	if (!url) redirect(303, '/login?loggedOut=1');
	return { url: url.toString() };
};
