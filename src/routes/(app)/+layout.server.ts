import type { LayoutServerLoad } from './$types';
import { config } from '$server/config';
import { now } from '$server/clock';
import { requireCitizen } from '$server/guard';

/** Everything behind a session. */
export const load: LayoutServerLoad = (event) => {
	const { user, session } = requireCitizen(event);
	return { account: user.id, idleMinutes: config().SESSION_IDLE_MINUTES, idleExpiresAt: session.idleExpiresAt, serverNow: now() };
};
