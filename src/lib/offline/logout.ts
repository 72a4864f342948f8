/**
 * A logout the device could not send (offline, or the request failed on the way) is marked in a cookie. The server ends
 * that session on the very next request, before anything is rendered (src/hooks.server.ts), and deletes the mark; the
 * offline page erases the device's copy when it sees the mark. The cookie is set by the page, so it works offline.
 */
export const LOGOUT_PENDING_COOKIE = 'prakan_logout';

export function markLogoutPending(): void {
	document.cookie = `${LOGOUT_PENDING_COOKIE}=1; Path=/; Max-Age=${30 * 86_400}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
}

export function logoutPending(): boolean {
	return typeof document !== 'undefined' && document.cookie.split('; ').includes(`${LOGOUT_PENDING_COOKIE}=1`);
}
