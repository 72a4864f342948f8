/**
 * Where a link or a redirect built from input may lead: a path of this site only (no open redirect). Shared by the
 * server's redirects (log-in, language switch) and the browser's offline page.
 *
 * The candidate is resolved as the browser will resolve it (tabs and newlines dropped, a backslash read as a slash,
 * dot segments removed, "%2e" read as a dot), and it is the result that is checked: the same origin, and a path that
 * starts with exactly one slash — never "//" or "/\", which a browser reads as another host. The normalised path,
 * query and fragment are returned; anything else is `fallback`.
 */
export function safePath(target: string | null | undefined, fallback: string): string {
	if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
	const origin = 'https://same.invalid';
	let u: URL;
	try {
		u = new URL(target, origin);
	} catch {
		return fallback;
	}
	if (u.origin !== origin) return fallback;
	const path = u.pathname + u.search + u.hash;
	return path.startsWith('/') && path[1] !== '/' && path[1] !== '\\' ? path : fallback;
}
