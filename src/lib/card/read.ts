/**
 * Reading a card from a page (the citizen's forms, the officer's and the hospital's screens): every source in order,
 * the driver loaded only when someone presses the button (phones never download it), and what each failure tells them.
 */
import { m } from '$lib/i18n';
import { CardError, type CardData, type CardErrorCode, type CardNotice } from './model';
import type { CardSource } from './sources';

export const CARD_ERROR_MESSAGES: Record<CardErrorCode, () => string> = {
	unsupported: m.card_err_unsupported,
	security: m.card_err_security,
	no_reader: m.card_err_no_reader,
	no_card: m.card_err_no_card,
	permission: m.card_err_permission,
	agent_unavailable: m.card_err_agent_unavailable,
	agent_error: m.card_err_agent_error,
	agent_blocked: m.card_err_agent_blocked,
	bad_card: m.card_err_bad_card,
	io: m.card_err_io
};

export type CardRead = { ok: true; card: CardData; source: CardSource['id'] } | { ok: false; code: CardErrorCode };

/** `notice`: the read waits on the person (a card to put in, the browser's question); `progress` then starts the reading. */
export async function readAnyCard(progress: (percent: number) => void = () => {}, notice?: (n: CardNotice) => void): Promise<CardRead> {
	try {
		const { readCard, kioskSource, webUsbSource, smartCardSource, agentSource, webUsbChooserSource } = await import('./sources');
		const r = await readCard(
			[kioskSource, webUsbSource, smartCardSource, agentSource(__CARD_AGENT_URL__), webUsbChooserSource],
			(f) => progress(Math.round(f * 100)),
			notice
		);
		return { ok: true, ...r };
	} catch (e) {
		return { ok: false, code: e instanceof CardError ? e.code : 'io' };
	}
}

/**
 * The card's photo as an address to show, only if the browser can decode it: a photo cut short or damaged on the chip
 * would show as a broken image, and an officer compares it with the face (null: the page says to use the printed one).
 */
export async function decodedPhoto(jpeg: Uint8Array | null): Promise<string | null> {
	const url = photoDataUrl(jpeg);
	if (!url || typeof Image === 'undefined') return url;
	const img = new Image();
	img.src = url;
	try {
		await img.decode();
		return url;
	} catch {
		return null;
	}
}

/** The photo as a data: URL (the CSP allows data: images; nothing is uploaded). */
export function photoDataUrl(jpeg: Uint8Array | null): string | null {
	if (!jpeg) return null;
	let s = '';
	for (const b of jpeg) s += String.fromCharCode(b);
	return `data:image/jpeg;base64,${btoa(s)}`;
}
