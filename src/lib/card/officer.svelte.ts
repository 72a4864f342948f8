/**
 * The card an officer read in this tab: where it was read from (to watch for its removal) and its photo, shown
 * next to the summary. Never sent to the server. The source and the ID are kept in sessionStorage too, so the removal
 * is still watched after a reload; the photo stays in memory only. All of it goes when the screen is cleared.
 */
import type { CardSource } from './sources';

const KEY = 'prakan.officer.card';

function stored(): { source: CardSource['id'] | null; nationalId: string | null } {
	try {
		const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { source: CardSource['id']; nationalId: string } | null;
		return v ?? { source: null, nationalId: null };
	} catch {
		return { source: null, nationalId: null };
	}
}

/** `photoUnreadable`: this read's card had no photo the browser could show (the page says to use the printed one). */
export const officerCard: { source: CardSource['id'] | null; nationalId: string | null; photoUrl: string | null; photoUnreadable: boolean } = $state({
	...(typeof sessionStorage === 'undefined' ? { source: null, nationalId: null } : stored()),
	photoUrl: null,
	photoUnreadable: false
});

export function rememberCard(source: CardSource['id'], nationalId: string, photoUrl: string | null): void {
	officerCard.source = source;
	officerCard.nationalId = nationalId;
	officerCard.photoUrl = photoUrl;
	officerCard.photoUnreadable = photoUrl === null;
	try {
		sessionStorage.setItem(KEY, JSON.stringify({ source, nationalId }));
	} catch {
		// storage off: the removal is watched until the page is reloaded
	}
}

export function forgetCard(): void {
	officerCard.source = null;
	officerCard.nationalId = null;
	officerCard.photoUrl = null;
	officerCard.photoUnreadable = false;
	try {
		sessionStorage.removeItem(KEY);
	} catch {
		// nothing stored
	}
}
