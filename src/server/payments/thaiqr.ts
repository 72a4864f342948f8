/**
 * Paying a section 40 slip: the Thai QR Payment bill-payment code (EMVCo merchant-presented QR, Bank of Thailand
 * profile, tag 30 with the PromptPay bill-payment AID), the counter-service barcode (Code 128 of the
 * bill-payment data), and the signed callback the bank sends when it is paid.
 */
import crypto from 'node:crypto';
import bwipjs from 'bwip-js/node';

/** AID of PromptPay bill payment (domestic), tag 30 sub-tag 00. */
export const BILL_PAYMENT_AID = 'A000000677010112';

/** One TLV element: two-digit id, two-digit length, value. */
export function tlv(id: string, value: string): string {
	if (!/^\d{2}$/.test(id)) throw new Error(`bad tag ${id}`);
	if (value.length > 99) throw new Error(`tag ${id} is longer than 99 characters`);
	return id + String(value.length).padStart(2, '0') + value;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) as 4 upper-case hex digits. */
export function crc16(data: string): string {
	let crc = 0xffff;
	for (const byte of Buffer.from(data, 'utf8')) {
		crc ^= byte << 8;
		for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Parse a top-level TLV string into [id, value] pairs (throws on a malformed payload). */
export function parseTlv(s: string): [string, string][] {
	const out: [string, string][] = [];
	let i = 0;
	while (i < s.length) {
		const id = s.slice(i, i + 2);
		const len = Number(s.slice(i + 2, i + 4));
		if (!/^\d{2}$/.test(id) || !Number.isInteger(len) || i + 4 + len > s.length) throw new Error(`malformed TLV at ${i}`);
		out.push([id, s.slice(i + 4, i + 4 + len)]);
		i += 4 + len;
	}
	return out;
}

/** True when the payload ends with tag 63 holding the CRC of everything before it (tag and length included). */
export function crcValid(payload: string): boolean {
	const m = /6304([0-9A-F]{4})$/.exec(payload);
	return !!m && crc16(payload.slice(0, -4)) === m[1];
}

export interface BillPayment {
	/** 15 digits: the biller's 13-digit tax ID and a 2-digit suffix */
	billerId: string;
	/** reference 1: the national ID */
	ref1: string;
	/** reference 2: digits only on new slips (so the barcode packs it in code set C), letters and digits on older ones */
	ref2: string;
	amountSatang: number;
	merchantName?: string;
}

const REF_RE = /^[A-Z0-9]{1,20}$/;

function checkBill(b: BillPayment): void {
	if (!/^\d{15}$/.test(b.billerId)) throw new Error('biller ID must be 15 digits');
	if (!REF_RE.test(b.ref1) || !REF_RE.test(b.ref2)) throw new Error('references must be 1–20 upper-case letters or digits');
	if (!Number.isInteger(b.amountSatang) || b.amountSatang <= 0) throw new Error('amount must be a positive whole number of satang');
}

/** "150.00" from 15000 satang. */
export function amountText(satang: number): string {
	return `${Math.floor(satang / 100)}.${String(satang % 100).padStart(2, '0')}`;
}

/** The QR payload: dynamic (01 = 12, one amount), THB (764), TH, CRC last. */
export function billPaymentPayload(b: BillPayment): string {
	checkBill(b);
	const merchant = tlv('00', BILL_PAYMENT_AID) + tlv('01', b.billerId) + tlv('02', b.ref1) + tlv('03', b.ref2);
	const body =
		tlv('00', '01') +
		tlv('01', '12') +
		tlv('30', merchant) +
		tlv('53', '764') +
		tlv('54', amountText(b.amountSatang)) +
		tlv('58', 'TH') +
		(b.merchantName ? tlv('59', b.merchantName.slice(0, 25)) : '') +
		'6304';
	return body + crc16(body);
}

/**
 * The counter-service (bill payment) barcode data: "|" biller ID, CR, ref 1, CR, ref 2, CR, amount in satang
 * without a decimal point — the Thai banks' common bill-payment barcode layout.
 */
export function billPaymentBarcode(b: BillPayment): string {
	checkBill(b);
	return `|${b.billerId}\r${b.ref1}\r${b.ref2}\r${b.amountSatang}`;
}

/** SVG of a QR code (BWIPP's default error correction, M; quiet zone included). */
export function qrSvg(payload: string): string {
	return bwipjs.toSVG({ bcid: 'qrcode', text: payload, scale: 4, paddingwidth: 4, paddingheight: 4 });
}

/** Quiet zone on each side of the Code 128 symbol, in modules (ISO/IEC 15417: at least 10). */
export const CODE128_QUIET = 10;
/** The symbol's height in modules in the SVG's own units (the page may stretch it: the bars keep their widths). */
const CODE128_HEIGHT = 60;

/**
 * The Code 128 module widths of the data (bar, space, bar, …), quiet zones excluded: BWIPP's encoder, which uses
 * code set A for the control characters (CR) and code set C for runs of digits.
 */
export function code128Widths(data: string): number[] {
	const [sym] = bwipjs.raw('code128', data, '') as { sbs: number[] }[];
	if (!sym) throw new Error('no Code 128 symbol');
	return sym.sbs;
}

/**
 * SVG of a Code 128 barcode: one rect per bar on whole module units (viewBox width = modules with both quiet zones),
 * crisp edges, and no fixed aspect ratio so a page can make it as wide as the screen and as tall as it likes.
 */
export function code128Svg(data: string): string {
	const widths = code128Widths(data);
	let x = CODE128_QUIET;
	const bars: string[] = [];
	widths.forEach((w, i) => {
		if (i % 2 === 0) bars.push(`<rect x="${x}" width="${w}" height="${CODE128_HEIGHT}"/>`);
		x += w;
	});
	const total = x + CODE128_QUIET;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${CODE128_HEIGHT}" preserveAspectRatio="none" ` +
		`shape-rendering="crispEdges" data-modules="${total}"><rect width="${total}" height="${CODE128_HEIGHT}" fill="#fff"/><g fill="#000">${bars.join('')}</g></svg>`
	);
}

// ── The bank's callback ─────────────────────────────────────────────────────

/** How far the callback's timestamp may be from our clock: an older signed call is a replay and is refused. */
export const CALLBACK_TOLERANCE_MS = 5 * 60_000;

/** The signature the bank sends in `X-Signature`: hex HMAC-SHA256 of "<timestamp>.<raw body>". */
export function signCallback(secret: string, timestamp: string, body: string): string {
	return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'bad_signature' | 'stale' };

export function verifyCallback(secret: string, headers: { signature: string | null; timestamp: string | null }, body: string, nowMs: number): SignatureCheck {
	const { signature, timestamp } = headers;
	if (!signature || !timestamp || !/^\d{10,16}$/.test(timestamp)) return { ok: false, reason: 'missing' };
	const expected = Buffer.from(signCallback(secret, timestamp, body), 'hex');
	const given = Buffer.from(signature.replace(/^sha256=/, ''), 'hex');
	if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
	if (Math.abs(nowMs - Number(timestamp)) > CALLBACK_TOLERANCE_MS) return { ok: false, reason: 'stale' };
	return { ok: true };
}
