import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { now } from '$server/clock';

/** "Stay logged in": the hook has already validated and refreshed the session; report its new idle expiry. */
export const POST: RequestHandler = ({ locals }) => {
	if (!locals.session) return json({ error: 'expired' }, { status: 401 });
	return json({ idleExpiresAt: locals.session.idleExpiresAt, serverNow: now() });
};
