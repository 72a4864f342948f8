/**
 * The card's fields → CardData. Text is TIS-620 (decoded as windows-874), fixed-width and right-padded with spaces;
 * names are prefix#first#middle#last; dates are YYYYMMDD in the Buddhist Era (month and day may be 00; expiry
 * 99999999 = lifelong); the address has 8 #-separated slots. Photo bytes are never trimmed (0x20 is valid JPEG data).
 */
import { CardError, type CardAddress, type CardData, type CardName } from './model';
import { isValidNationalId } from '$lib/validation/national-id';
import { toCE } from '../format/date';

const tis620 = new TextDecoder('windows-874');

export function decodeText(bytes: Uint8Array): string {
	// trailing padding is spaces (sometimes NULs); inner spaces stay
	let end = bytes.length;
	while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00)) end--;
	return tis620.decode(bytes.subarray(0, end)).trim();
}

export function parseName(text: string): CardName {
	const [prefix = '', first = '', middle = '', last = ''] = text.split('#').map((s) => s.trim());
	return { prefix, first, middle, last };
}

/** YYYYMMDD (BE) → ISO date; null for 99999999, zeros, or anything that is not a real date. */
export function beToIso(text: string): string | null {
	if (!/^\d{8}$/.test(text) || text === '99999999') return null;
	const y = toCE(Number(text.slice(0, 4)));
	const m = Number(text.slice(4, 6));
	const d = Number(text.slice(6, 8));
	if (m < 1 || m > 12 || d < 1) return null;
	const iso = `${String(y).padStart(4, '0')}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
	const t = new Date(`${iso}T00:00:00Z`);
	return t.getUTCDate() === d ? iso : null;
}

export function parseBirth(text: string): CardData['birthDate'] {
	if (!/^\d{8}$/.test(text)) throw new CardError('bad_card', 'birth date');
	const month = Number(text.slice(4, 6)) || null;
	const day = Number(text.slice(6, 8)) || null;
	return { iso: month && day ? beToIso(text) : null, yearBE: Number(text.slice(0, 4)), month, day };
}

const strip = (s: string, words: RegExp) => s.replace(words, '').trim();

/** 8 slots: house no · moo · trok/soi/road (3) · tambon/khwaeng · amphoe/khet · province. */
export function parseAddress(text: string): CardAddress {
	const slots = text.split('#').map((s) => s.trim());
	// the last three slots are always subdistrict, district, province, whatever sits in between
	const tail = slots.length >= 3 ? slots.slice(-3) : [...Array(3 - slots.length).fill(''), ...slots];
	const [sub, dist, prov] = tail as [string, string, string];
	const head = slots.slice(0, Math.max(0, slots.length - 3));
	while (head.length < 5) head.push('');
	const [houseNo, moo, lane, soi, road] = head as [string, string, string, string, string];
	return {
		houseNo,
		moo: strip(moo, /^หมู่(ที่)?\s*/u),
		lane,
		soi,
		road,
		subdistrict: strip(sub, /^(ตำบล|แขวง)\s*/u),
		district: strip(dist, /^(อำเภอ|เขต)\s*/u),
		province: strip(prov, /^จังหวัด\s*/u),
		full: slots.filter(Boolean).join(' ')
	};
}

export interface RawCard {
	cid: Uint8Array;
	thName: Uint8Array;
	enName: Uint8Array;
	birth: Uint8Array;
	gender: Uint8Array;
	issuer: Uint8Array;
	issue: Uint8Array;
	expiry: Uint8Array;
	address: Uint8Array;
	photo: Uint8Array | null;
}

/** The photo: chunks concatenated without status words; the JPEG ends at FF D9 (what follows is padding). */
export function trimJpeg(bytes: Uint8Array): Uint8Array | null {
	if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
	for (let i = bytes.length - 2; i >= 2; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return bytes.slice(0, i + 2);
	return bytes;
}

export function parseCard(raw: RawCard): CardData {
	const nationalId = decodeText(raw.cid);
	if (!isValidNationalId(nationalId)) throw new CardError('bad_card', 'national ID check digit');
	const g = decodeText(raw.gender);
	return {
		nationalId,
		th: parseName(decodeText(raw.thName)),
		en: parseName(decodeText(raw.enName)),
		birthDate: parseBirth(decodeText(raw.birth)),
		gender: g === '1' ? 'M' : g === '2' ? 'F' : null,
		issuer: decodeText(raw.issuer),
		issueDate: beToIso(decodeText(raw.issue)),
		expiryDate: beToIso(decodeText(raw.expiry)),
		address: parseAddress(decodeText(raw.address)),
		photo: raw.photo ? trimJpeg(raw.photo) : null
	};
}
