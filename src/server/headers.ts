/**
 * The security headers of every response: the pages SvelteKit renders get them from the server hook
 * (setSecurityHeaders in web.ts), the static files and the prerendered /offline page — which adapter-node serves before
 * any hook runs — from scripts/http.ts, which sets them on each response first (a rendered page's own values replace
 * them). No imports: scripts/http.ts loads this outside the app.
 */

/** This machine (development, tests, the benchmarks): plain http is allowed here and nowhere else. */
export function isLocalHost(url: URL): boolean {
	return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost');
}

/**
 * The card reader's WebUSB is the only powerful feature allowed, no MIME sniffing, no framing, the origin only as
 * referrer to other sites, and HSTS (two years) on any host but localhost, which is plain http. `framable`: kiosk shells
 * are configured (src/server/kiosk.ts), so the Content-Security-Policy's frame-ancestors names them, and the older
 * X-Frame-Options, which can only say DENY for them, is left out.
 */
export function securityHeaders(url: URL, framable = false): [string, string][] {
	const h: [string, string][] = [
		['Permissions-Policy', 'usb=(self), camera=(), microphone=(), geolocation=(), payment=(), serial=(), hid=(), bluetooth=()'],
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'strict-origin-when-cross-origin']
	];
	if (!framable) h.push(['X-Frame-Options', 'DENY']);
	if (!isLocalHost(url)) h.push(['Strict-Transport-Security', 'max-age=63072000; includeSubDomains']);
	return h;
}

/**
 * The Content-Security-Policy of a response SvelteKit does not render (a static file, the prerendered /offline page):
 * the directives that need no per-request nonce. The prerendered page carries the rest — its script hashes, default-src
 * and the others of kit.csp — in its own <meta> policy (SvelteKit writes it at build time); a browser applies both, and
 * frame-ancestors, which a <meta> policy cannot set, comes from here. Nothing here can block a script of the page or
 * the service worker's requests.
 */
export const STATIC_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
