/**
 * The device's offline copy of the signed-in citizen's records (IndexedDB via idb-keyval). One copy at a time, for one
 * account: saving another account's copy first erases the old one; logging out, a session that ended, or a visit to a
 * signed-out page erases it. Browser-only.
 */
import { createStore, get, set, clear, type UseStore } from 'idb-keyval';
import { OFFLINE_DB, type OfflineCopy, type OfflineSummary } from './types';

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

export async function saveCopy(summary: OfflineSummary, expiry: { idleExpiresAt: number; expiresAt: number }): Promise<void> {
	if (!offlineSupported()) return;
	const old = await get<OfflineCopy>(KEY, db());
	if (old && old.summary.user !== summary.user) await clear(db());
	await set(KEY, { v: 1, summary, ...expiry } satisfies OfflineCopy, db());
}

/** The session was used again (a page load, "stay signed in"): move the copy's idle end along with it. */
export async function touchCopy(user: string, idleExpiresAt: number): Promise<void> {
	if (!offlineSupported()) return;
	const copy = await get<OfflineCopy>(KEY, db());
	if (copy && copy.summary.user === user && copy.idleExpiresAt !== idleExpiresAt) await set(KEY, { ...copy, idleExpiresAt }, db());
}

export async function eraseCopy(): Promise<void> {
	if (!offlineSupported()) return;
	await clear(db());
}
