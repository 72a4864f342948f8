import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { config } from '$server/config';
import { now } from '$server/clock';

/** Everything behind a session. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user || !locals.session) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return { account: locals.user.id, idleMinutes: config().SESSION_IDLE_MINUTES, idleExpiresAt: locals.session.idleExpiresAt, serverNow: now() };
};
