/** What the portal reads from a Thai national ID card, whatever the source (reader, agent). Dates are ISO (CE). */
export interface CardName {
	prefix: string;
	first: string;
	middle: string;
	last: string;
}

export interface CardAddress {
	houseNo: string;
	moo: string;
	/** trok / soi / road slots, as on the card (often empty) */
	lane: string;
	soi: string;
	road: string;
	/** tambon or khwaeng, without the word */
	subdistrict: string;
	/** amphoe or khet, without the word */
	district: string;
	province: string;
	/** the whole address as one line */
	full: string;
}

export interface CardData {
	nationalId: string;
	th: CardName;
	en: CardName;
	/** ISO birth date; month and day may be unknown (only the year is on some cards) */
	birthDate: { iso: string | null; yearBE: number; month: number | null; day: number | null };
	gender: 'M' | 'F' | null;
	issuer: string;
	issueDate: string | null;
	/** null = lifelong (99999999 on the card) */
	expiryDate: string | null;
	address: CardAddress;
	/** JPEG bytes, or null when the source gives none */
	photo: Uint8Array | null;
}

export type CardErrorCode =
	| 'unsupported' // no source can run in this browser
	| 'security' // WebUSB refused to claim the reader (protected class)
	| 'no_reader' // no reader chosen or found
	| 'no_card' // reader without a card (or the card upside down)
	| 'permission' // the browser prompt was refused
	| 'agent_unavailable' // nothing answers at the card agent's address
	| 'agent_error' // the agent reported an error
	| 'agent_blocked' // the browser's local-network permission was refused for this site
	| 'bad_card' // the data read is not a valid Thai ID card (e.g. check digit)
	| 'io'; // the reader stopped answering

export class CardError extends Error {
	constructor(
		readonly code: CardErrorCode,
		message?: string
	) {
		super(message ?? code);
	}
}

/**
 * What a read waits on the person for, shown in place of "reading… 0%": a card to put in (the reader's name, or ''),
 * the card to be taken out and put back (an agent that reads only when a card goes in), or the browser's question
 * about the local network to be answered.
 */
export type CardNotice = { kind: 'insert'; reader: string } | { kind: 'reinsert'; reader: string } | { kind: 'allow' };
