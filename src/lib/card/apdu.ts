/**
 * The card's personal-data applet, read with plain APDUs over any transport that can send one and return the reply
 * with its status word (a CCID reader, the Web Smart Card API). SELECT, then READ BINARY (CLA 0x80, case 3:
 * data = 00 LL) answered by 61 LL, fetched with GET RESPONSE. 61xx → GET RESPONSE with Le = SW2; 6Cxx → resend with
 * Le = SW2; 90 00 with data → taken as is.
 */
import { CardError } from './model';
import { decodeText, parseCard, type RawCard } from './parse';
import { isValidNationalId } from '$lib/validation/national-id';

export type Transmit = (apdu: Uint8Array) => Promise<Uint8Array>;

export const SELECT_APPLET = [0x00, 0xa4, 0x04, 0x00, 0x08, 0xa0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x01];

export const FIELDS = {
	cid: [0x0004, 13],
	thName: [0x0011, 100],
	enName: [0x0075, 100],
	birth: [0x00d9, 8],
	gender: [0x00e1, 1],
	issuer: [0x00f6, 100],
	issue: [0x0167, 8],
	expiry: [0x016f, 8],
	address: [0x1579, 160]
} as const;
export const PHOTO_OFFSET = 0x017b;
export const PHOTO_CHUNK = 0xff;
export const PHOTO_CHUNKS = 20;

export function readBinary(offset: number, length: number): Uint8Array {
	return new Uint8Array([0x80, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, 0x02, 0x00, length]);
}

/** GET RESPONSE; P2 = 01 only for cards whose ATR starts 3B 67 (thai-id-card.md §1.3). */
export function getResponse(le: number, atr?: Uint8Array): Uint8Array {
	const p2 = atr && atr[0] === 0x3b && atr[1] === 0x67 ? 0x01 : 0x00;
	return new Uint8Array([0x00, 0xc0, 0x00, p2, le]);
}

/** Send one command and follow 61xx / 6Cxx until the data and 90 00 arrive. Returns the data without the status. */
export async function command(transmit: Transmit, apdu: Uint8Array, atr?: Uint8Array): Promise<Uint8Array> {
	let last = apdu;
	let reply = await transmit(apdu);
	const chunks: Uint8Array[] = [];
	for (let guard = 0; guard < 32; guard++) {
		if (reply.length < 2) throw new CardError('io', 'short reply');
		const sw1 = reply[reply.length - 2]!;
		const sw2 = reply[reply.length - 1]!;
		const data = reply.subarray(0, reply.length - 2);
		if (sw1 === 0x61) {
			if (data.length) chunks.push(data);
			last = getResponse(sw2, atr);
			reply = await transmit(last);
			continue;
		}
		if (sw1 === 0x6c) {
			// wrong Le: send the same command again (the one that got 6C, often GET RESPONSE) with Le = SW2
			const again = new Uint8Array(last);
			again[again.length - 1] = sw2;
			last = again;
			reply = await transmit(again);
			continue;
		}
		if (sw1 === 0x90 && sw2 === 0x00) {
			chunks.push(data);
			return concat(chunks);
		}
		throw new CardError(sw1 === 0x6a || sw1 === 0x6e ? 'bad_card' : 'io', `status ${hex(sw1)}${hex(sw2)}`);
	}
	throw new CardError('io', 'too many GET RESPONSE rounds');
}

export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
	let i = 0;
	for (const p of parts) {
		out.set(p, i);
		i += p.length;
	}
	return out;
}

const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();

/** Read the whole card. `progress` gets 0..1 (the photo is most of the work). */
export async function readThaiIdCard(transmit: Transmit, opts: { atr?: Uint8Array; photo?: boolean; progress?: (f: number) => void } = {}) {
	const { atr, photo = true, progress } = opts;
	// SELECT answers 61 0A or 90 00: both mean the applet is there (its 10 bytes of FCI are not needed)
	const sel = await transmit(new Uint8Array(SELECT_APPLET));
	const sw1 = sel[sel.length - 2];
	if (sel.length < 2 || !(sw1 === 0x61 || (sw1 === 0x90 && sel[sel.length - 1] === 0x00))) throw new CardError('bad_card', 'applet not found');
	const raw: Partial<RawCard> = {};
	const entries = Object.entries(FIELDS) as [keyof typeof FIELDS, readonly [number, number]][];
	let done = 0;
	const total = entries.length + (photo ? PHOTO_CHUNKS : 0);
	for (const [name, [offset, length]] of entries) {
		raw[name] = await command(transmit, readBinary(offset, length), atr);
		progress?.(++done / total);
		// a card whose number fails its check digit is not read on (the photo alone is twenty commands)
		if (name === 'cid' && !isValidNationalId(decodeText(raw.cid!))) throw new CardError('bad_card', 'national ID check digit');
	}
	raw.photo = null;
	if (photo) {
		const chunks: Uint8Array[] = [];
		for (let n = 0; n < PHOTO_CHUNKS; n++) {
			const chunk = await command(transmit, readBinary(PHOTO_OFFSET + n * PHOTO_CHUNK, PHOTO_CHUNK), atr);
			progress?.(++done / total);
			if (chunk.length === 0) break;
			chunks.push(chunk);
		}
		raw.photo = concat(chunks);
	}
	return parseCard(raw as RawCard);
}
