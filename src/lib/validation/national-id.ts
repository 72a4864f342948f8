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

/** 1-2345-67890-12-3, the way it is printed on the card. */
export function formatNationalId(id: string): string {
	const d = normaliseNationalId(id);
	if (d.length !== 13) return d;
	return `${d[0]}-${d.slice(1, 5)}-${d.slice(5, 10)}-${d.slice(10, 12)}-${d[12]}`;
}
