/**
 * A card read as a page shows it (the citizen's forms, the officer's screen): busy, how much has been read, or the
 * reader waiting for the card to go in.
 */
import { readAnyCard, type CardRead } from './read';

export class CardReading {
	busy = $state(false);
	percent = $state(0);
	/** a reader is there with no card in it (its name, or ''): the page asks for the card instead of "reading… 0%" */
	waitingFor: string | null = $state(null);

	async read(): Promise<CardRead> {
		this.busy = true;
		this.percent = 0;
		this.waitingFor = null;
		try {
			return await readAnyCard(
				(p) => {
					this.percent = p;
					this.waitingFor = null;
				},
				(reader) => (this.waitingFor = reader)
			);
		} finally {
			this.busy = false;
			this.waitingFor = null;
		}
	}
}
