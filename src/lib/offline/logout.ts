/**
 * A logout that could not reach the server (offline) is remembered here and finished by the next online page. Kept apart
 * from the offline copy's store so that every page can check it without loading IndexedDB code.
 */
const LOGOUT_PENDING = 'prakan-logout-pending';

export function markLogoutPending(): void {
	localStorage.setItem(LOGOUT_PENDING, '1');
}
export function logoutPending(): boolean {
	return typeof localStorage !== 'undefined' && localStorage.getItem(LOGOUT_PENDING) === '1';
}
export function clearLogoutPending(): void {
	localStorage.removeItem(LOGOUT_PENDING);
}

/** Whether this browser may hold an offline copy (false only when it can tell for sure that it does not). */
export async function mayHoldCopy(dbName: string): Promise<boolean> {
	if (typeof indexedDB === 'undefined') return false;
	if (!('databases' in indexedDB)) return true;
	try {
		return (await indexedDB.databases()).some((d) => d.name === dbName);
	} catch {
		return true;
	}
}
