/**
 * The portal framed by a kiosk shell (an Isolated Web App on a service centre's ChromeOS device, KIOSK_SHELL_ORIGINS):
 * what the responses need for it, and nothing for anyone else.
 *
 * - Framing: frame-ancestors lists the shells instead of 'none' (no other site may frame the portal), and the older
 *   X-Frame-Options: DENY, which cannot name an origin, is not sent.
 * - Cross-origin isolation: an Isolated Web App is cross-origin isolated, and it may show a frame from another origin
 *   only if the frame's responses say they may be embedded (COEP require-corp, CORP cross-origin).
 * - Cookies: the shell's origin is another site, so the portal's SameSite=Lax/Strict cookies would never be sent inside
 *   its frame (no officer could sign in). Inside the frame they are SameSite=None; Secure; Partitioned: partitioned
 *   cookies are kept for that top-level site only, so they are sent in the shell's frame and nowhere else, and an
 *   ordinary tab never sees them. A request is known to be in the frame by its own navigation into a frame of another
 *   site, or by a partitioned __Host- marker cookie set then (the page's later requests are plain fetches). Any other
 *   site that frames the portal is refused by the browser (frame-ancestors); cookies set in its partition hold no
 *   session of anyone's, and are sent only in that site's context.
 *
 * The response side is done where every response passes, redirects thrown by hooks and static files included
 * (scripts/http.ts); the pages' own Content-Security-Policy, which SvelteKit writes, in the server hook. No imports of
 * the app: scripts/http.ts loads this outside it.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** The marker: a __Host- cookie, which no other host (a sibling subdomain) can set for the portal. */
export const KIOSK_COOKIE = '__Host-prakan_kiosk';

/**
 * Is this request from the portal inside a kiosk shell's frame? Its own navigation into a frame of another site (the
 * shell's origin is never the portal's site; a same-site frame is not a shell), or a request of a page there: a fetch
 * or a frame navigation carrying the marker. Subresources (scripts, styles, images) are the frame's own business.
 */
export function inKioskFrame(headers: IncomingHttpHeaders, origins: readonly string[]): boolean {
	if (!origins.length) return false;
	const dest = headers['sec-fetch-dest'];
	if (dest === 'iframe' && headers['sec-fetch-site'] === 'cross-site') return true;
	if (dest !== 'iframe' && dest !== 'empty') return false;
	return (headers.cookie ?? '').split(';').some((c) => c.trim() === `${KIOSK_COOKIE}=1`);
}

/** A Set-Cookie line made usable in the shell's frame only: SameSite=None, Secure, Partitioned. */
export function partitioned(setCookie: string): string {
	const parts = setCookie
		.split(';')
		.map((p) => p.trim())
		.filter((p) => p && !/^(samesite|secure|partitioned)(=|$)/i.test(p));
	return [...parts, 'SameSite=None', 'Secure', 'Partitioned'].join('; ');
}

/** The shells' origins in the page (the card bridge answers only them), or nothing. */
export function kioskMeta(origins: readonly string[]): string {
	return origins.length ? `<meta name="prakan-kiosk" content="${origins.join(' ')}" />` : '';
}

/** A Content-Security-Policy with the shells as the only sites that may frame the page. */
export function framableBy(csp: string, origins: readonly string[]): string {
	return origins.length ? csp.replace("frame-ancestors 'none'", `frame-ancestors ${origins.join(' ')}`) : csp;
}

/**
 * Just before a framed request's response goes out: isolation headers, its cookies kept to the shell's partition, and
 * never stored by a shared cache (the same address answers an ordinary tab without them). Headers handed to writeHead
 * itself are taken in first, so none of its cookies escapes the rewrite.
 */
export function answerInKioskFrame(res: ServerResponse): void {
	const writeHead = res.writeHead;
	res.writeHead = ((status: number, ...rest: unknown[]) => {
		const last = rest.at(-1);
		if (last !== null && typeof last === 'object') {
			rest.pop();
			if (Array.isArray(last)) for (let i = 0; i + 1 < last.length; i += 2) res.appendHeader(String(last[i]), last[i + 1] as string | string[]);
			else for (const [k, v] of Object.entries(last)) if (v !== undefined) res.setHeader(k, v as string | string[] | number);
		}
		if (!res.headersSent) {
			res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
			res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
			res.setHeader('Cache-Control', 'private, no-store');
			res.setHeader('Vary', 'Sec-Fetch-Dest, Sec-Fetch-Site, Cookie');
			const set = res.getHeader('set-cookie');
			const cookies = set === undefined ? [] : Array.isArray(set) ? set : [String(set)];
			res.setHeader('Set-Cookie', [...cookies.map(partitioned), partitioned(`${KIOSK_COOKIE}=1; Path=/; HttpOnly; Max-Age=${12 * 3600}`)]);
		}
		return (writeHead as (status: number, ...rest: unknown[]) => ServerResponse).call(res, status, ...rest);
	}) as typeof res.writeHead;
}
