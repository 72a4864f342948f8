/**
 * An amount in Thai words, as the SSO 1-10 form writes it: 962,366.00 บาท → "เก้าแสนหกหมื่นสองพันสามร้อยหกสิบหกบาทถ้วน",
 * 1,234.50 → "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์". Integer satang in, as everywhere in this code.
 *
 * The rules of Thai numerals: 1 in the units place after a higher digit is "เอ็ด" (11 สิบเอ็ด, 101 หนึ่งร้อยเอ็ด); 2 in the
 * tens place is "ยี่" (20 ยี่สิบ); 1 in the tens place is "สิบ" alone (10, 111 หนึ่งร้อยสิบเอ็ด); above a million the groups of
 * six digits repeat with "ล้าน" (1,000,000 หนึ่งล้าน; 1,000,000,000,000 หนึ่งล้านล้าน).
 */
const DIGITS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];
const PLACES = ['', 'สิบ', 'ร้อย', 'พัน', 'หมื่น', 'แสน'];

/** 0 < n < 1,000,000 */
function sixDigits(n: number, afterHigher: boolean): string {
	let out = '';
	const s = String(n);
	for (let i = 0; i < s.length; i++) {
		const d = Number(s[i]);
		const place = s.length - 1 - i;
		if (d === 0) continue;
		if (place === 1) out += (d === 1 ? '' : d === 2 ? 'ยี่' : DIGITS[d]) + 'สิบ';
		else if (place === 0 && d === 1 && (s.length > 1 || afterHigher)) out += 'เอ็ด';
		else out += DIGITS[d]! + PLACES[place]!;
	}
	return out;
}

/** A whole number in Thai words (0 → "ศูนย์"). */
export function thaiNumberWords(n: number): string {
	if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number ≥ 0: ${n}`);
	if (n === 0) return DIGITS[0]!;
	const groups: number[] = [];
	for (let x = n; x > 0; x = Math.floor(x / 1_000_000)) groups.unshift(x % 1_000_000);
	let out = '';
	groups.forEach((g, i) => {
		if (g > 0) out += sixDigits(g, i > 0);
		if (i < groups.length - 1) out += 'ล้าน';
	});
	return out;
}

/** Satang → "…บาทถ้วน" or "…บาท…สตางค์" (and "…สตางค์" alone under one baht). */
export function bahtWords(satang: number): string {
	if (!Number.isSafeInteger(satang) || satang < 0) throw new RangeError(`not an amount in satang: ${satang}`);
	const baht = Math.floor(satang / 100);
	const st = satang % 100;
	if (st === 0) return `${thaiNumberWords(baht)}บาทถ้วน`;
	return `${baht > 0 ? `${thaiNumberWords(baht)}บาท` : ''}${thaiNumberWords(st)}สตางค์`;
}
