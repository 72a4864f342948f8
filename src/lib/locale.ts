import { browser } from '$app/environment';
import { baseLocale, cookieMaxAge, cookieName, extractLocaleFromCookie, getLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * The reader's language. In the browser: the chooser's cookie, read by Paraglide's cookie strategy (the only
 * strategy the app uses, Thai when there is none). Paraglide's own getLocale also weighs URL strategies the app does not
 * use; reading the cookie here keeps that code out of every page's scripts. On the server: the request's (hooks.server.ts).
 * No messages are imported here: the browser's message modules import this module (scripts/lib/locale-packs.ts).
 */
export function currentLocale(): Locale {
	return browser ? (extractLocaleFromCookie() ?? baseLocale) : getLocale();
}

/** The language chosen without the server (offline): the cookie /language would set, then the page again in it. */
export function chooseLocaleHere(locale: Locale): void {
	document.cookie = `${cookieName}=${locale}; path=/; max-age=${cookieMaxAge}; samesite=lax`;
	location.reload();
}
