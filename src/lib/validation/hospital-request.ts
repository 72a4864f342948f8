/**
 * Seed 003's "แบบขอใช้บริการระบบตรวจสอบการใช้สิทธิรักษาพยาบาล", as a form: the staff member the user is for (national
 * ID, name in Thai and English, position), the hospital (7- and 5-digit codes, province), the purpose, a mobile number
 * and an e-mail address. The seed's own rule: no Yahoo address. What only the registry can tell (the hospital exists
 * in that province, the user name is that hospital's) is checked by the service.
 */
import * as v from 'valibot';
import { HOSPITAL_REQUEST_PURPOSES } from '../vocabulary';
import { NationalIdField, PhoneField } from './forms';
import { USERNAME_RE } from './staff';
import { isPlainText } from './text';
import { messageKey, type MessageKey } from './messages';

const str = v.optional(v.string(), '');
const trimmed = v.pipe(
	str,
	v.transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
);
const text = (message: MessageKey, re: RegExp, max = 100) =>
	v.pipe(
		trimmed,
		v.check((s) => s.length >= 1 && [...s].length <= max && re.test(s) && isPlainText(s), messageKey(message))
	);

export const TITLES_TH = ['นาย', 'นาง', 'นางสาว'] as const;

/** The seed's note: the answer goes by e-mail, never to Yahoo (yahoo.com, yahoo.co.th, or a name under either). */
export function isYahoo(email: string): boolean {
	const domain = email.toLowerCase().split('@').pop() ?? '';
	return ['yahoo.com', 'yahoo.co.th'].some((d) => domain === d || domain.endsWith(`.${d}`));
}

export const HospitalRequestSchema = v.object({
	purpose: v.picklist(HOSPITAL_REQUEST_PURPOSES, messageKey('err_hreq_purpose')),
	hospitalCode: v.pipe(trimmed, v.regex(/^\d{5}$/, messageKey('err_hreq_code5'))),
	hospitalCode7: v.pipe(trimmed, v.regex(/^\d{7}$/, messageKey('err_hreq_code7'))),
	province: text('err_hreq_province', /^[\p{L}\p{M} .]+$/u),
	nationalId: NationalIdField,
	titleTh: v.picklist(TITLES_TH, messageKey('err_hreq_title')),
	firstNameTh: text('err_hreq_name_th', /^[\u0E00-\u0E7F .]+$/),
	lastNameTh: text('err_hreq_name_th', /^[\u0E00-\u0E7F .]+$/),
	firstNameEn: text('err_hreq_name_en', /^[A-Za-z .'-]+$/),
	lastNameEn: text('err_hreq_name_en', /^[A-Za-z .'-]+$/),
	position: text('err_hreq_position', /./),
	phone: PhoneField,
	email: v.pipe(
		trimmed,
		v.check((s) => s.length <= 254 && /^[^\s@<>;,]+@[^\s@<>;,]+\.[^\s@<>;,]+$/.test(s), messageKey('err_staff_email')),
		v.check((s) => !isYahoo(s), messageKey('err_hreq_yahoo'))
	),
	/** reuse and cancel name the user (the service says when it is missing) */
	username: v.pipe(
		trimmed,
		v.transform((s) => s.toLowerCase()),
		v.check((s) => s === '' || USERNAME_RE.test(s), messageKey('err_hreq_username'))
	)
});
export type HospitalRequestInput = v.InferOutput<typeof HospitalRequestSchema>;

/** The form's fields in their order on the page (the error summary's order). */
export const HOSPITAL_REQUEST_FIELDS = [
	'purpose',
	'username',
	'hospitalCode',
	'hospitalCode7',
	'province',
	'nationalId',
	'titleTh',
	'firstNameTh',
	'lastNameTh',
	'firstNameEn',
	'lastNameEn',
	'position',
	'phone',
	'email',
	'file'
] as const;
