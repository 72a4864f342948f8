import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { db } from '$server/db';
import { config } from '$server/config';
import { SESSION_COOKIE, validateSessionToken, deleteSessionCookie } from '$server/auth/session';
import { secureCookies } from '$server/web';
import { startHousekeeping } from '$server/housekeeping';

/** Start-up: validate the configuration (a bad value stops the server), apply migrations, start the hourly clean-up. */
export const init: ServerInit = () => {
	// prerendering /offline at build time needs no database
	if (building) return;
	config();
	db();
	startHousekeeping();
};

const security: Handle = async ({ event, resolve }) => {
	event.locals.ip = building ? '' : event.getClientAddress();
	const response = await resolve(event);
	response.headers.set('Permissions-Policy', 'usb=(self), camera=(), microphone=(), geolocation=()');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
			// preload the fonts the text above the fold uses: Thai pages use both subsets (digits and Latin are in the
			// Latin one), English pages the Latin one only
			preload: ({ type, path }) => type !== 'font' || locale === 'th' || path.includes('-latin-')
		});
	});

const auth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user } = validateSessionToken(token);
		if (session) {
			event.locals.user = user;
			event.locals.session = session;
		} else {
			deleteSessionCookie(event.cookies, secureCookies(event.url));
		}
	}
	const response = await resolve(event);
	// personal data (signed in, or typed into the registration / reset flows) never stays in a shared PC's cache
	const inFlow = event.cookies.getAll().some((c) => c.name.startsWith('flow_'));
	if (event.locals.user || inFlow) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(security, i18n, auth);
