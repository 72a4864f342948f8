/**
 * A foreign insured person's passport, shown with the SSO card (seed 003): its number as printed, and the issuing state.
 * Passport numbers are letters and digits (ICAO Doc 9303 gives the machine-readable zone nine characters; a few states
 * print more), typed with spaces or dashes at times; the state is an ISO 3166-1 alpha-2 code, as the registry keeps it.
 */
import * as v from 'valibot';
import { parseBirthFields, parseForm, whoEntries } from './forms';
import { messageKey, type FieldErrors } from './messages';

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

// ── the forms (apart from forms.ts, so pages without a passport field do not carry them) ──

const str = v.optional(v.string(), '');
export const PassportField = v.pipe(str, v.transform(normalisePassport), v.check(isValidPassport, messageKey('err_passport')));
export const NationalityField = v.pipe(str, v.check(isNationality, messageKey('err_nationality')));
/** A foreign insured person who shows a passport: its number and issuing state (with the birth date, parsed apart). */
export const PassportSchema = v.object({ passportNo: PassportField, nationality: NationalityField });
/** Registration's step 2 for a foreign insured person identified by passport instead of the 13-digit number. */
export const PassportDetailsSchema = v.object({ ...PassportSchema.entries, ...whoEntries });

/** A passport's fields on a staff page, in their order on the page (for the error summary). */
export const PASSPORT_FIELD_ORDER = ['passportNo', 'nationality', 'birthDay', 'birthMonth', 'birthYear', 'reason'];

/** A form with a birth date in its three inputs (birthDay, birthMonth, birthYear): the schema's fields and the date. */
export function parseWithBirth<S extends v.GenericSchema>(
	schema: S,
	input: Record<string, string>,
	todayIso: string
): { ok: true; data: v.InferOutput<S>; birthDate: string } | { ok: false; errors: FieldErrors } {
	const parsed = parseForm(schema, input);
	const birth = parseBirthFields(input.birthDay ?? '', input.birthMonth ?? '', input.birthYear ?? '', todayIso);
	if (parsed.ok && birth.ok) return { ok: true, data: parsed.data, birthDate: birth.iso };
	return { ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), ...(birth.ok ? {} : birth.errors) } };
}
