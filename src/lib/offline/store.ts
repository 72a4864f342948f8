/**
 * The device's offline copy of the signed-in citizen's records (IndexedDB via idb-keyval). One copy at a time, for one
 * account: saving another account's copy first erases the old one; logging out, a session that ended, or a visit to a
 * signed-out page erases it. Browser-only.
 */
import { createStore, get, update, clear, type UseStore } from 'idb-keyval';
import type { OfflineCopy, OfflineSummary } from './types';

/** The IndexedDB database that holds the copy. */
const OFFLINE_DB = 'prakan-offline';

const KEY = 'copy';

let store: UseStore | null = null;
const db = () => (store ??= createStore(OFFLINE_DB, 'records'));

export function offlineSupported(): boolean {
	return typeof indexedDB !== 'undefined';
}

/** The stored copy; a copy whose session has ended is erased instead of returned (ended: true). */
export async function readCopy(nowMs = Date.now()): Promise<{ copy: OfflineCopy | null; ended: boolean }> {
	if (!offlineSupported()) return { copy: null, ended: false };
	const copy = await get<OfflineCopy>(KEY, db());
	if (!copy) return { copy: null, ended: false };
	if (copy.v !== 1 || nowMs >= Math.min(copy.idleExpiresAt, copy.expiresAt)) {
		await eraseCopy();
		return { copy: null, ended: true };
	}
	return { copy, ended: false };
}

/** Session ends as the server reported them, turned into this browser's clock. */
export function localExpiry(server: { idleExpiresAt: number; expiresAt: number; serverNow: number }, nowMs = Date.now()) {
	const skew = nowMs - server.serverNow;
	return { idleExpiresAt: server.idleExpiresAt + skew, expiresAt: server.expiresAt + skew };
}

/** The new copy replaces whatever was there (another account's copy included) in one write. */
export async function saveCopy(summary: OfflineSummary, expiry: { idleExpiresAt: number; expiresAt: number }): Promise<void> {
	if (!offlineSupported()) return;
	await update<OfflineCopy | undefined>(KEY, () => ({ v: 1, summary, ...expiry }), db());
}

/**
 * The session was used again (a page load, "stay signed in"): move the copy's idle end along with it. Read and write in
 * one transaction, so a copy saved or erased meanwhile is neither overwritten with older data nor brought back.
 */
export async function touchCopy(user: string, idleExpiresAt: number): Promise<void> {
	if (!offlineSupported()) return;
	await update<OfflineCopy | undefined>(KEY, (copy) => (copy && copy.summary.user === user ? { ...copy, idleExpiresAt } : copy), db());
}

export async function eraseCopy(): Promise<void> {
	if (!offlineSupported()) return;
	await clear(db());
}
