/**
 * Who may reach which staff page (issue 8). Checked in the server hook for every request under /staff — page loads,
 * form actions and data requests alike — so a page or an action cannot forget it.
 */
import type { StaffRole } from '../db/schema';

/** The staff pages anyone may open: sign-in, its code step, activation. */
const PUBLIC = ['/staff', '/staff/verify', '/staff/activate/[token]', '/staff/activate', '/staff/activate/verify'];

/** Pages by the first path segment after /staff: who may open them. Everything else needs a signed-in staff member. */
const BY_AREA: Record<string, readonly StaffRole[]> = {
	officer: ['officer'],
	hospital: ['hospital'],
	admin: ['admin'],
	employer: ['employer']
};

export type Access = 'public' | 'allowed' | 'sign_in' | 'forbidden';

/** routeId: SvelteKit's route id (e.g. "/staff/officer/[view]"); role: the signed-in staff member's, or null. */
export function staffAccess(routeId: string, role: StaffRole | null): Access {
	const id = routeId.replace(/\/\([^)]+\)/g, ''); // route groups do not change the URL
	if (PUBLIC.includes(id)) return 'public';
	if (!role) return 'sign_in';
	const area = id.split('/')[2] ?? '';
	const roles = BY_AREA[area];
	if (roles && !roles.includes(role)) return 'forbidden';
	return 'allowed';
}

/** Where each role starts after signing in. */
export function homeOf(role: StaffRole): string {
	return `/staff/${role}`;
}
