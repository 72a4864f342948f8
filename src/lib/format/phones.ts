/**
 * Phone numbers in a message, split out so a page can make each a `tel:` link (a tap calls it on a phone): the SSO
 * hotline 1506 and Thai numbers written 0X-XXX-XXXX or 0XX-XXX-XXXX (dashes or spaces optional).
 */
const PHONE = /(?<![\d-])(1506|0\d{1,2}[- ]?\d{3}[- ]?\d{3,4})(?![\d-])/g;

export type Piece = { text: string; tel?: string };

export function splitPhones(text: string): Piece[] {
	const out: Piece[] = [];
	let at = 0;
	for (const m of text.matchAll(PHONE)) {
		if (m.index > at) out.push({ text: text.slice(at, m.index) });
		out.push({ text: m[0], tel: m[0].replace(/[- ]/g, '') });
		at = m.index + m[0].length;
	}
	if (at < text.length) out.push({ text: text.slice(at) });
	return out;
}
