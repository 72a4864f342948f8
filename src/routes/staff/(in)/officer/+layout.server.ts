import type { LayoutServerLoad } from './$types';
import { CITIZEN_IDLE_MS, touchCitizen } from '$server/staff/session';
import { now } from '$server/clock';
import { requireStaff } from '$server/guard';

// Every page the officer opens while a person is on screen is activity on that person: the two minutes start again
// here, for the server and for the page's own clock alike. Reading the path runs this on every navigation.
export const load: LayoutServerLoad = async (event) => {
	const { session } = requireStaff(event, 'officer');
	const url = event.url;
	const c = session.citizen;
	if (!url.pathname || !c) return { onScreen: null };
	await touchCitizen(session.id);
	return { onScreen: { expiresAt: now() + CITIZEN_IDLE_MS, method: c.method } };
};
