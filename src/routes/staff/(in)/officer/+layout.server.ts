import type { LayoutServerLoad } from './$types';
import { CITIZEN_IDLE_MS } from '$server/staff/session';

// reading the path runs this again on every navigation: the two-minute clock follows each page the officer opens
export const load: LayoutServerLoad = ({ locals, url }) => {
	const c = locals.staffSession!.citizen;
	return { onScreen: url.pathname && c ? { expiresAt: c.at + CITIZEN_IDLE_MS, method: c.method } : null };
};
