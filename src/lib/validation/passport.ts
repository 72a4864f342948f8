/**
 * A foreign insured person's passport, shown with the SSO card (seed 003): its number as printed, and the issuing state.
 * Passport numbers are letters and digits (ICAO Doc 9303 gives the machine-readable zone nine characters; a few states
 * print more), typed with spaces or dashes at times; the state is an ISO 3166-1 alpha-2 code, as the registry keeps it.
 */

/** Upper case, without the spaces and dashes people type, full-width letters made ordinary. */
export function normalisePassport(input: string): string {
	return input
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\-–]/g, '');
}

/** 6–12 letters and digits, at least one digit: what a passport number looks like, not proof one was issued. */
export function isValidPassport(input: string): boolean {
	const p = normalisePassport(input);
	return /^[A-Z0-9]{6,12}$/.test(p) && /\d/.test(p);
}

/**
 * The nationalities a passport can be entered for: the neighbours whose workers are most of the foreign insured
 * (Myanmar, Cambodia, Laos, Vietnam) first, then others that work in Thailand in numbers.
 */
export const NATIONALITIES = ['MM', 'KH', 'LA', 'VN', 'CN', 'IN', 'NP', 'PH', 'ID', 'MY', 'BD', 'LK', 'PK', 'JP', 'KR', 'US', 'GB', 'DE', 'FR', 'AU'] as const;
export type Nationality = (typeof NATIONALITIES)[number];

export function isNationality(code: string): code is Nationality {
	return (NATIONALITIES as readonly string[]).includes(code);
}

/** The state's name in the reader's language (the browser's and Node's own CLDR names), or the code where none is known. */
export function nationalityName(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
	} catch {
		return code;
	}
}
