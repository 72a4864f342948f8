/**
 * The 13-digit personal identification number of the Department of Provincial Administration, the last digit a mod-11
 * check digit of the first 12. The first digit is the person type: 1–5 for Thai nationals (and aliens registered in a
 * house before 1984), 6 for non-Thai persons staying temporarily or entered unlawfully, 7 for their children born in
 * Thailand, 8 for aliens naturalised or given residence since 1984, and 0 for persons without Thai nationality held in
 * the register of persons without registration status — among them the migrant workers from Myanmar, Laos and Cambodia,
 * whose pink-card numbers begin 00. The same check digit holds for every type, and an SSO card shows the same number. (No type 9 is known to be issued;
 * refusing it would need a source.)
 */

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
	return nationalIdCheckDigit(id.slice(0, 12)) === Number(id[12]);
}

/** Shown as on the card: the one formatter lives with the other formats. */
export { formatNationalId } from '../format/national-id';
