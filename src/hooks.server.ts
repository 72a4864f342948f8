import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { prepareDatabase } from '$server/db';
import { countingQueries } from '$server/db/query-count';
import { config } from '$server/config';
import { SESSION_COOKIE, validateSessionToken, deleteSessionCookie } from '$server/auth/session';
import { secureCookies, endSession, setSecurityHeaders, readAtMost } from '$server/web';
import { LOGOUT_PENDING_COOKIE } from '$lib/offline/logout';
import { startHousekeeping } from '$server/housekeeping';
import { exitOnStartupError } from '$server/db/startup';
import { log } from '$server/log';
import { STAFF_COOKIE, validateStaffSessionToken, deleteStaffCookie } from '$server/staff/session';
import { staffAccess, homeOf } from '$server/staff/access';
import { areaOf, signInUrl } from '$server/guard';
import { devPagesLocalOnly } from '$server/dev';
import { framableBy, kioskMeta } from '$server/kiosk';

/** The kiosk shells that may frame the portal (none while prerendering). */
const kioskOrigins = () => (building ? [] : config().KIOSK_SHELL_ORIGINS);

/** Start-up: validate the configuration (a bad value stops the server), apply migrations, start the hourly clean-up. */
export const init: ServerInit = async () => {
	// prerendering /offline at build time needs no database
	if (building) return;
	try {
		config();
		await prepareDatabase();
	} catch (e) {
		exitOnStartupError(e); // a bad setting, an unwritable database or a failed migration: one line, exit 1
	}
	await startHousekeeping();
};

const security: Handle = async ({ event, resolve }) => {
	event.locals.ip = building ? '' : event.getClientAddress();
	// COUNT_QUERIES (never in production): the statements this request ran, for npm run bench:queries
	const counting = !building && config().COUNT_QUERIES ? countingQueries(() => resolve(event)) : null;
	const response = await (counting ? counting.result : resolve(event));
	setSecurityHeaders(response.headers, event.url, kioskOrigins().length > 0);
	// a page's own policy (SvelteKit's, with its nonce): only the kiosk shells may frame it
	const csp = response.headers.get('content-security-policy');
	if (csp) response.headers.set('content-security-policy', framableBy(csp, kioskOrigins()));
	if (counting) response.headers.set('x-query-count', String(counting.counter.statements));
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale).replace('%prakan.kiosk%', kioskMeta(kioskOrigins())),
			// preload the fonts the text above the fold uses: Thai pages use both of Sarabun's subsets (digits and Latin are
			// in the Latin one), other pages the Latin one only; the Burmese, Khmer and Lao fonts the layout's styles name
			// are for the language chooser's closed list (a page in those languages loads its own with its texts)
			preload: ({ type, path }) => type !== 'font' || (path.includes('/sarabun-') && (locale === 'th' || path.includes('-latin-')))
		});
	});

/**
 * Request bodies are held to 512 KiB, except the employer's monthly file and a hospital's request with its letter
 * (each read as a stream with its own cap; BODY_SIZE_LIMIT, set by scripts/start.ts, caps the whole body). A declared length over the cap is refused before reading; a body without one
 * (chunked) is counted as it is read: no form or API route takes more either way (413, on the app's error page).
 * A form post whose body cannot be read as a form (text/plain, a broken multipart body) is the sender's mistake:
 * 415 / 400 instead of letting request.formData() fail as a server error (500).
 */
/** Routes that read their body as a stream, with the most a body may declare (the employer's file: BODY_SIZE_LIMIT's). */
const STREAMED_BODY_ROUTES = new Map<string, number>([
	['/staff/(in)/employer', Infinity],
	// a hospital's request: its fields and a 5 MB letter
	['/staff/request', 6 * 1024 * 1024]
]);
const SMALL_BODY_BYTES = 512 * 1024;

const formBody: Handle = ({ event, resolve }) => {
	if (event.request.method !== 'POST') return resolve(event);
	const streamedCap = STREAMED_BODY_ROUTES.get(event.route.id ?? '');
	if (streamedCap !== undefined) {
		if (Number(event.request.headers.get('content-length') ?? 0) > streamedCap) error(413, 'Payload Too Large');
		return resolve(event);
	}
	const request = event.request;
	// read on demand, inside the page's action or the endpoint: a 413 there is the app's own error page, in the user's language
	const type = request.headers.get('content-type') ?? '';
	const body = () => readAtMost(request, SMALL_BODY_BYTES);
	request.arrayBuffer = async () => (await body()).buffer;
	request.text = async () => new TextDecoder().decode(await body());
	request.json = async () => JSON.parse(await request.text());
	if (!event.route.id?.startsWith('/api/'))
		request.formData = async () => {
			if (type.toLowerCase().startsWith('text/plain')) error(415, 'Unsupported Media Type');
			const bytes = await body();
			try {
				return await new Response(bytes, { headers: { 'content-type': type } }).formData();
			} catch (e) {
				if (e instanceof TypeError) error(400, 'Bad Request');
				throw e;
			}
		};
	return resolve(event);
};

const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	// the area comes from the route the router matched, never from the URL string (src/server/guard.ts)
	const area = areaOf(event.route.id);
	// staff never act as a citizen on the same browser: a citizen's session is neither read nor kept alive there
	if (area === 'staff') return resolve(event);
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { session, user } = await validateSessionToken(token);
		if (session) {
			event.locals.user = user;
			event.locals.session = session;
		} else {
			deleteSessionCookie(event.cookies, secureCookies(event.url));
		}
	}
	// a logout the device could not send (it was offline): end that session before this request renders anything
	if (event.cookies.get(LOGOUT_PENDING_COOKIE)) {
		await endSession(event, 'pending');
		event.cookies.delete(LOGOUT_PENDING_COOKIE, { path: '/', httpOnly: false, sameSite: 'lax', secure: secureCookies(event.url) });
	}
	// the signed-in area's pages: no load runs without a user (a session that ended mid-visit, on a client-side navigation
	// too, goes to the login page instead of reaching page loads that expect one); its endpoints answer 401 themselves
	const pageRequest = event.isDataRequest || (event.request.method === 'GET' && (event.request.headers.get('accept') ?? '').includes('text/html'));
	if (!event.locals.user && pageRequest && area === 'citizen') {
		redirect(303, signInUrl(event.url));
	}
	const response = await resolve(event);
	// personal data (signed in, or typed into the registration / reset flows) never stays in a shared PC's cache
	const inFlow = event.cookies.getAll().some((c) => c.name.startsWith('flow_'));
	if (event.locals.user || inFlow) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

/**
 * Staff pages: their own session cookie (path /staff), and the role check of every request to a staff route — page,
 * form action, data request or endpoint — before any load or action runs (src/server/staff/access.ts). The route
 * decides, not the URL string: `/%73taff/admin` is the admin page too.
 */
const staffAuth: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	event.locals.staffSession = null;
	const routeId = event.route.id;
	if (areaOf(routeId) !== 'staff') return resolve(event);
	const token = event.cookies.get(STAFF_COOKIE);
	let ended: 'idle' | 'expired' | 'replaced' | undefined;
	if (token) {
		const v = await validateStaffSessionToken(token);
		if (v.session) {
			event.locals.staff = v.staff;
			event.locals.staffSession = v.session;
		} else {
			ended = v.ended;
			deleteStaffCookie(event.cookies, secureCookies(event.url));
		}
	}
	if (routeId) {
		const access = staffAccess(routeId, event.locals.staff?.role ?? null);
		if (access === 'sign_in') redirect(303, ended ? `/staff?ended=${ended}` : '/staff');
		if (access === 'forbidden') error(403, 'Forbidden');
		if (access === 'public' && event.locals.staff && routeId === '/staff') redirect(303, homeOf(event.locals.staff.role));
	}
	const response = await resolve(event);
	// other people's data: never kept in any cache
	response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(security, devPagesLocalOnly, i18n, formBody, auth, staffAuth);

/**
 * Unexpected errors (not error() or redirect()): logged once, redacted (src/server/log.ts); the browser gets a generic
 * message. The path only: a query string may hold a token.
 */
export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	if (status < 500) return { message }; // a missing page or a wrong method is not a server error
	log.error({ status, message, method: event.request.method, path: event.url.pathname, err }, 'Unexpected server error');
	return { message: 'Internal Error' };
};
