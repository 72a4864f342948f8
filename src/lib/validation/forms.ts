/**
 * Form schemas shared by browser and server (valibot). Every issue message is a message key
 * (see messages/*.json), so the page can show it in the citizen's language.
 */
import * as v from 'valibot';
import { isValidNationalId, normaliseNationalId } from './national-id';
import { normaliseThaiMobile } from './phone';
import { ceYearTyped, parseBirthDateBE } from './be-date';
import { messageKey, type FieldErrors, type MessageKey, type Msg } from './messages';

const str = v.optional(v.string(), '');

export const NationalIdField = v.pipe(str, v.transform(normaliseNationalId), v.check(isValidNationalId, messageKey('err_national_id')));

const NAME_RE = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;
const nameField = (message: MessageKey) =>
	v.pipe(
		str,
		v.transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' ')),
		v.minLength(1, message),
		v.maxLength(100, message),
		v.regex(NAME_RE, message)
	);

export const PhoneField = v.pipe(
	str,
	v.check((s) => normaliseThaiMobile(s) !== null, messageKey('err_phone')),
	v.transform((s) => normaliseThaiMobile(s)!)
);

const CodeField = v.pipe(
	str,
	v.transform((s) => s.replace(/[\s\-–]/g, '')),
	v.regex(/^\d{6}$/, messageKey('err_code_format'))
);

/** Step 2's person: the name and the mobile number (the identity beside them is a number or a passport). */
export const whoEntries = {
	firstName: nameField('err_first_name'),
	lastName: nameField('err_last_name'),
	phone: PhoneField
};
export const DetailsSchema = v.object({ nationalId: NationalIdField, ...whoEntries });

export const CodeSchema = v.object({ code: CodeField });

export const LoginSchema = v.object({
	nationalId: NationalIdField,
	password: v.pipe(str, v.minLength(1, messageKey('err_password_required')))
});

/** Parse with a schema; collect the first message key per field. */
export function parseForm<S extends v.GenericSchema>(schema: S, input: unknown): { ok: true; data: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
	const r = v.safeParse(schema, input);
	if (r.success) return { ok: true, data: r.output };
	const errors: FieldErrors = {};
	for (const issue of r.issues) {
		const key = issue.path?.map((p: { key: unknown }) => String(p.key)).join('.') ?? 'form';
		// every message of this app's schemas is a key (given as `messageKey(…)` or a MessageKey parameter)
		errors[key] ??= issue.message as MessageKey;
	}
	return { ok: false, errors };
}

/**
 * The message for a พ.ศ. date whose year was refused: when the year was typed in ค.ศ. (1986), say so and give the
 * พ.ศ. year (2529); otherwise the field's own message.
 */
export function beYearMessage(yearText: string, todayIso: string, otherwise: Msg): Msg {
	const ce = ceYearTyped(yearText, todayIso);
	return ce ? { key: 'err_year_ce', params: { ce: ce.ce, be: ce.be } } : otherwise;
}

/** The three birth-date inputs, with the seed's separate messages for day, month and year. */
export function parseBirthFields(day: string, month: string, year: string, todayIso: string): { ok: true; iso: string } | { ok: false; errors: FieldErrors } {
	const r = parseBirthDateBE(day, month, year, todayIso);
	if (r.ok) return r;
	const key = { day: 'birthDay', month: 'birthMonth', year: 'birthYear' }[r.field];
	const msg = r.field === 'year' ? beYearMessage(year, todayIso, 'err_birth_year') : r.field === 'day' ? 'err_birth_day' : 'err_birth_month';
	return { ok: false, errors: { [key]: msg } };
}

/** The order fields appear on the page, for the error summary. */
export const DETAILS_FIELD_ORDER = [
	'nationalId',
	'passportNo',
	'nationality',
	'firstName',
	'lastName',
	'birthDay',
	'birthMonth',
	'birthYear',
	'phone',
	'password',
	'passwordConfirm'
];
