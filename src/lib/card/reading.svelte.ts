/**
 * A card read as a page shows it (the citizen's forms, the officer's screen): busy, how much has been read, or the
 * reader waiting for the card to go in.
 */
import { readAnyCard, type CardRead } from './read';
import type { CardNotice } from './model';

export class CardReading {
	busy = $state(false);
	percent = $state(0);
	/** what the read waits on the person for (a card to put in, or in again; the browser's question), or null: reading */
	notice: CardNotice | null = $state(null);

	async read(): Promise<CardRead> {
		this.busy = true;
		this.percent = 0;
		this.notice = null;
		try {
			return await readAnyCard(
				(p) => {
					this.percent = p;
					this.notice = null;
				},
				(n) => (this.notice = n)
			);
		} finally {
			this.busy = false;
			this.notice = null;
		}
	}
}
