/**
 * Who may reach which staff page. Checked in the server hook for every request to a staff route (decided from the
 * route id, not the URL) — page loads, form actions, data requests and endpoints alike — and again by each route's
 * own `requireStaff` call (src/server/guard.ts).
 */
import type { StaffRole } from '../db/schema';

/** The staff pages anyone may open: sign-in, its code step, activation, and a hospital's request for a user (seed 003). */
const PUBLIC = ['/staff', '/staff/verify', '/staff/activate/[token]', '/staff/activate', '/staff/activate/verify', '/staff/request'];

/** Pages by the first path segment after /staff: who may open them. Everything else needs a signed-in staff member. */
const BY_AREA: Record<string, readonly StaffRole[]> = {
	officer: ['officer'],
	hospital: ['hospital'],
	admin: ['admin'],
	employer: ['employer']
};

export type Access = 'public' | 'allowed' | 'sign_in' | 'forbidden';

/**
 * Who may use a staff route: 'public' (the sign-in pages), or the roles allowed — an empty list is any signed-in staff
 * member. The hook and every route's own `requireStaff` call come from this one table (tests/unit/route-guards.test.ts
 * checks each route file's roles against it).
 */
export function rolesFor(routeId: string): 'public' | readonly StaffRole[] {
	const id = routeId.replace(/\/\([^)]+\)/g, ''); // route groups do not change the URL
	if (PUBLIC.includes(id)) return 'public';
	return BY_AREA[id.split('/')[2] ?? ''] ?? [];
}

/** routeId: SvelteKit's route id (e.g. "/staff/officer/[view]"); role: the signed-in staff member's, or null. */
export function staffAccess(routeId: string, role: StaffRole | null): Access {
	const roles = rolesFor(routeId);
	if (roles === 'public') return 'public';
	if (!role) return 'sign_in';
	if (roles.length > 0 && !roles.includes(role)) return 'forbidden';
	return 'allowed';
}

/** Where each role starts after signing in. */
export function homeOf(role: StaffRole): string {
	return `/staff/${role}`;
}
