/** Thai mobile numbers: 10 digits starting 06, 08 or 09; typed with spaces, dashes or +66. */

export function normaliseThaiMobile(input: string): string | null {
	let d = input.replace(/[\s\-().]/g, '');
	if (d.startsWith('+66')) d = '0' + d.slice(3);
	else if (d.startsWith('0066')) d = '0' + d.slice(4);
	else if (d.startsWith('66') && d.length === 11) d = '0' + d.slice(2);
	if (!/^0[689]\d{8}$/.test(d)) return null;
	return d;
}

export function isValidThaiMobile(input: string): boolean {
	return normaliseThaiMobile(input) !== null;
}

/** 0812345678 → +66812345678 */
export function toE164(mobile: string): string {
	const d = normaliseThaiMobile(mobile);
	if (!d) throw new Error('not a Thai mobile number');
	return '+66' + d.slice(1);
}

/** 0812345678 → 08X-XXX-5678: enough to recognise, not enough to reuse. */
export function maskPhone(mobile: string): string {
	const d = normaliseThaiMobile(mobile) ?? mobile;
	return `${d.slice(0, 2)}X-XXX-${d.slice(-4)}`;
}
