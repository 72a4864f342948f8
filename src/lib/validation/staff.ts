/**
 * Staff forms, shared by browser and server. Message keys as in forms.ts.
 */
import * as v from 'valibot';
import { NationalIdField, PhoneField } from './forms';
import { PassportSchema } from './passport';
import { messageKey, type MessageKey } from './messages';
import { isPlainText } from './text';

const str = v.optional(v.string(), '');
const trimmed = v.pipe(
	str,
	v.transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
);

/** Usernames: 3–32 of a–z, 0–9, dot, dash, underscore (case-insensitive: stored in lower case). */
export const USERNAME_RE = /^[a-z0-9._-]{3,32}$/;

export const StaffLoginSchema = v.object({
	username: v.pipe(
		str,
		v.transform((s) => s.trim().toLowerCase()),
		v.minLength(1, messageKey('err_staff_username_required'))
	),
	password: v.pipe(str, v.minLength(1, messageKey('err_password_required')))
});

/** The fewest characters a written reason for typing an ID may have: a sentence, not "x". */
export const REASON_MIN = 10;
export const REASON_MAX = 300;

const ReasonField = v.pipe(
	trimmed,
	v.minLength(1, messageKey('err_staff_reason_required')),
	v.check((s) => [...s].length >= REASON_MIN, messageKey('err_staff_reason_short')),
	v.check((s) => [...s].length <= REASON_MAX && isPlainText(s), messageKey('err_staff_reason_chars'))
);

/** An officer typing an ID instead of reading the card: the reason goes into the audit log. */
export const TypedLookupSchema = v.object({ nationalId: NationalIdField, reason: ReasonField });

/** An officer finding a foreign insured person by passport (with the birth date, parsed apart), with the reason too. */
export const PassportLookupSchema = v.object({ ...PassportSchema.entries, reason: ReasonField });

/** A hospital clerk's check: the ID only (the patient shows the card at the counter, seed 003). */
export const RightsCheckSchema = v.object({ nationalId: NationalIdField });

const textField = (message: MessageKey, min: number, max: number) =>
	v.pipe(
		trimmed,
		v.check((s) => [...s].length >= min && [...s].length <= max && isPlainText(s), message)
	);

/** Seed 000 §6: the staff member's own details (the mobile number for codes is changed by an administrator). */
export const StaffProfileSchema = v.object({
	firstName: textField('err_first_name', 1, 100),
	lastName: textField('err_last_name', 1, 100),
	position: textField('err_staff_position', 0, 100),
	officePhone: v.pipe(trimmed, v.regex(/^(|0[0-9 -]{8,14}(\s*(ต่อ|ext\.?)\s*\d{1,5})?)$/, 'err_staff_office_phone')),
	email: v.pipe(
		trimmed,
		v.check((s) => s === '' || (s.length <= 254 && /^[^\s@<>;]+@[^\s@<>;]+\.[^\s@<>;]+$/.test(s)), 'err_staff_email')
	)
});

export const ActivationSchema = v.object({ phone: PhoneField });
