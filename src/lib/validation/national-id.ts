/** Thai national ID: 13 digits, the last a mod-11 check digit of the first 12. */

/** Strip the spaces and dashes people type ("1-1037-00123-45-6"). */
export function normaliseNationalId(input: string): string {
	return input.replace(/[\s\-–]/g, '');
}

/** The check digit for the first 12 digits: (11 − Σ dᵢ·(13−i) mod 11) mod 10. */
export function nationalIdCheckDigit(first12: string): number {
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
	return (11 - (sum % 11)) % 10;
}

export function isValidNationalId(input: string): boolean {
	const id = normaliseNationalId(input);
	if (!/^\d{13}$/.test(id)) return false;
	if (id[0] === '0') return false; // the first digit (person type) is 1–8
	return nationalIdCheckDigit(id.slice(0, 12)) === Number(id[12]);
}

/** Shown as on the card: the one formatter lives with the other formats. */
export { formatNationalId } from '../format/national-id';
