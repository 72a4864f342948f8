import { browser } from '$app/environment';
import { baseLocale, cookieMaxAge, cookieName, getLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * The reader's language. In the browser: the chooser's cookie, read as Paraglide's cookie strategy reads it (the only
 * strategy the app uses, Thai when there is none). Paraglide's own getLocale also weighs URL strategies the app does not
 * use; reading the cookie here keeps that code out of every page's scripts. On the server: the request's (hooks.server.ts).
 * No messages are imported here: the browser's message modules call this while they load (scripts/lib/locale-packs.ts).
 */
export function currentLocale(): Locale {
	if (!browser) return getLocale();
	const v = new RegExp(`(?:^|;\\s*)${cookieName}=([^;]+)`).exec(document.cookie)?.[1];
	return isLocale(v) ? v : baseLocale;
}

/** The language chosen without the server (offline): the cookie /language would set, then the page again in it. */
export function chooseLocaleHere(locale: Locale): void {
	document.cookie = `${cookieName}=${locale}; path=/; max-age=${cookieMaxAge}; samesite=lax`;
	location.reload();
}
