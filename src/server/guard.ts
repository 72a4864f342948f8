/**
 * Who may reach a page, decided from the route SvelteKit matched (`event.route.id`), never from the URL string: the
 * router decodes the path (`/%73taff` is `/staff`), so a check on `url.pathname` and the router can disagree.
 *
 * Two layers, each enough on its own:
 * - the server hook (hooks.server.ts) sends a signed-out page or data request of either area to sign-in, and refuses
 *   every staff request of the wrong role, before any load, action or endpoint runs;
 * - every load, action and endpoint of a protected area asks for what it needs itself (`requireCitizen`,
 *   `requireStaff`) and fails closed, so a page whose hook check went wrong still renders nothing.
 * tests/unit/route-guards.test.ts checks that every protected route file does the second; tests/http/access.test.ts
 * requests every protected route of the built app's manifest, signed out and with the wrong role, under odd spellings.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionInfo, SessionUser } from './auth/session';
import type { StaffMember, StaffSessionInfo } from './staff/session';
import type { StaffRole } from './db/schema';
import { isProved, type ProvedAction } from '$lib/rules/assurance';

export type Area = 'citizen' | 'staff' | 'public';

/** The area of a route id ("/(app)/dashboard", "/staff/(in)/admin"); null (no route matched) is public: a 404. */
export function areaOf(routeId: string | null): Area {
	if (!routeId) return 'public';
	if (routeId === '/(app)' || routeId.startsWith('/(app)/')) return 'citizen';
	if (routeId === '/staff' || routeId.startsWith('/staff/')) return 'staff';
	return 'public';
}

type Ev = Pick<RequestEvent, 'locals' | 'url' | 'route'>;

/**
 * The signed-in citizen, or: a page or form goes to log in and back (`expired=1` on a form post, whose session ended
 * while the page was open); an endpoint (`api`) answers 401. Also refuses a route outside the citizen area, so a guard
 * copied into the wrong place fails closed.
 */
export function requireCitizen(event: Ev & Partial<Pick<RequestEvent, 'request'>>, opts: { api?: boolean } = {}): { user: SessionUser; session: SessionInfo } {
	if (areaOf(event.route.id) !== 'citizen') error(403, 'Forbidden');
	const { user, session } = event.locals;
	if (user && session) return { user, session };
	if (opts.api) error(401, 'Not signed in');
	redirect(303, signInUrl(event.url, !!event.request && event.request.method !== 'GET'));
}

/**
 * The signed-in citizen, whose account must hold the higher level of identity proof that `action` needs
 * (src/lib/rules/assurance.ts); otherwise a page goes to the page that says how to prove it and comes back after, and
 * an endpoint answers 403.
 */
export function requireProved(
	event: Ev & Partial<Pick<RequestEvent, 'request'>>,
	action: ProvedAction,
	opts: { api?: boolean } = {}
): { user: SessionUser; session: SessionInfo } {
	const who = requireCitizen(event, opts);
	if (isProved(who.user.assurance)) return who;
	if (opts.api) error(403, 'A higher level of identity proof is needed: ThaID, or in person at an office');
	redirect(303, `/profile/prove?for=${action}&then=${encodeURIComponent(event.url.pathname)}`);
}

/** The log-in page, and back to `url` after it; a form post (`posted`) comes back to its page, not the action's query. */
export function signInUrl(url: URL, posted = false): string {
	return posted ? `/login?expired=1&redirectTo=${encodeURIComponent(url.pathname)}` : `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * The signed-in staff member with one of `roles` (none listed: any staff role), or: no session → the staff sign-in
 * page; another role → 403. Also refuses a route outside the staff area.
 */
export function requireStaff(event: Ev, ...roles: StaffRole[]): { staff: StaffMember; session: StaffSessionInfo } {
	if (areaOf(event.route.id) !== 'staff') error(403, 'Forbidden');
	const { staff, staffSession: session } = event.locals;
	if (!staff || !session) redirect(303, '/staff');
	if (roles.length > 0 && !roles.includes(staff.role)) error(403, 'Forbidden');
	return { staff, session };
}
