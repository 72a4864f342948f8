/**
 * The card an officer read in this tab (issue 8): where it was read from (to watch for its removal) and its photo, shown
 * next to the summary. Kept in memory only, never sent to the server, and gone when the screen is cleared.
 */
import type { CardSource } from './sources';

export const officerCard: { source: CardSource['id'] | null; nationalId: string | null; photoUrl: string | null } = $state({
	source: null,
	nationalId: null,
	photoUrl: null
});

export function forgetCard(): void {
	officerCard.source = null;
	officerCard.nationalId = null;
	officerCard.photoUrl = null;
}

/** The photo as a data: URL (the CSP allows data: images; nothing is uploaded). */
export function photoDataUrl(jpeg: Uint8Array | null): string | null {
	if (!jpeg) return null;
	let s = '';
	for (const b of jpeg) s += String.fromCharCode(b);
	return `data:image/jpeg;base64,${btoa(s)}`;
}
