/**
 * Registration: terms → details (checked against the registry) → SMS code → account.
 * Nothing is written to `users` until the code is verified, and then in one transaction.
 */
import type { Locale } from '$lib/i18n';
import { eq } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';
import { audit } from '../audit';
import { findPerson, identityMatches, personByPassport } from '../registry/persons';
import { hashPassword, newPasswordErrors } from '../auth/password';
import { startChallenge, checkCode, resendCode, keepChallenge, type ResendResult } from '../auth/otp';
import { take } from '../limits';
import { deviceKey } from '../auth/devices';
import { generateToken } from '../auth/tokens';
import { DetailsSchema, parseBirthFields, parseForm } from '$lib/validation/forms';
import { PassportDetailsSchema } from '$lib/validation/passport';
import { type FieldErrors, type Msg } from '$lib/validation/messages';
import { isoDateInBangkok } from '$lib/format/date';
import type { ThaidPerson } from '../thaid/claims';
import { PhoneField } from '$lib/validation/forms';
import * as v from 'valibot';

export const TERMS_VERSION = '2017-01';

/** How long a ThaID proof starts a registration for: a browser left open must not let the next person finish it. */
export const THAID_REGISTRATION_MS = 10 * 60_000;

/** Whether the draft's ThaID proof has run out. */
export function thaidExpired(draft: RegisterDraft, t = now()): boolean {
	return !!draft.thaid && t - (draft.thaidAt ?? 0) > THAID_REGISTRATION_MS;
}

export interface RegisterDraft {
	/**
	 * Who ThaID proved, when the registration started from a ThaID sign-in of a person without an account: set by the
	 * ThaID callback only (checked against the registry there), so the citizen gives only a mobile number.
	 */
	thaid?: ThaidPerson;
	/** when ThaID proved it: the registration it starts must go on within THAID_REGISTRATION_MS (a shared browser) */
	thaidAt?: number;
	terms?: { version: string; acceptedAt: number };
	/**
	 * Step 2's answers. `nationalId` is the account's: as typed, or the registry's number of the person a passport
	 * (`passportNo`, `nationality`) identified.
	 */
	details?: {
		nationalId: string;
		passportNo?: string;
		nationality?: string;
		firstName: string;
		lastName: string;
		birthDay: string;
		birthMonth: string;
		birthYear: string;
		phone: string;
	};
	challengeId?: string;
	smsFailed?: boolean;
	/** the provider had not answered within the page's budget: the text is on its way */
	smsSending?: boolean;
	/**
	 * What the code step tells the citizen after step 2 was sent again: 'kept', the same details, so the code already
	 * sent still works and no text was sent; 'new', the details changed, so a new code replaced the earlier ones.
	 */
	codeNotice?: 'kept' | 'new';
}

type Details = NonNullable<RegisterDraft['details']>;

/** The same person and number as before: what the open challenge was made for (the password may differ). */
function sameDetails(a: Details, b: Details): boolean {
	const num = (s: string) => Number(s.trim());
	return (
		a.nationalId === b.nationalId &&
		a.passportNo === b.passportNo &&
		a.nationality === b.nationality &&
		a.firstName === b.firstName &&
		a.lastName === b.lastName &&
		a.phone === b.phone &&
		num(a.birthDay) === num(b.birthDay) &&
		num(a.birthMonth) === num(b.birthMonth) &&
		num(a.birthYear) === num(b.birthYear)
	);
}

interface PendingAccount {
	nationalId: string;
	phone: string;
	/** empty for an account opened with ThaID: it signs in with ThaID until a password is set ("forgot password") */
	passwordHash: string;
	/** opened with ThaID: proved from the start */
	thaid?: boolean;
	termsVersion: string;
	termsAcceptedAt: number;
	locale: Locale;
}

export type DetailsInput = {
	/** 'passport': a foreign insured person identified by passport number and state instead of the 13-digit number */
	idKind?: 'id' | 'passport';
	nationalId: string;
	passportNo?: string;
	nationality?: string;
	firstName: string;
	lastName: string;
	birthDay: string;
	birthMonth: string;
	birthYear: string;
	phone: string;
	password: string;
	passwordConfirm: string;
};

export type DetailsResult =
	| { ok: true; draft: RegisterDraft }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	| { ok: false; reason: 'mismatch' }
	| { ok: false; reason: 'already_registered' }
	| { ok: false; reason: 'rate_limited'; retryAt: number; error?: Msg }
	| { ok: false; reason: 'sms_failed'; draft: RegisterDraft }
	| { ok: false; reason: 'restart' };

export async function submitDetails(draft: RegisterDraft, input: DetailsInput, ctx: { ip: string | null; locale: Locale }): Promise<DetailsResult> {
	const terms = draft.terms;
	if (!terms) return { ok: false, reason: 'restart' };
	const today = isoDateInBangkok(now());
	const errors: FieldErrors = {};
	const byPassport = input.idKind === 'passport';
	const parsed = byPassport ? parseForm(PassportDetailsSchema, input) : parseForm(DetailsSchema, input);
	if (!parsed.ok) Object.assign(errors, parsed.errors);
	const birth = parseBirthFields(input.birthDay, input.birthMonth, input.birthYear, today);
	if (!birth.ok) Object.assign(errors, birth.errors);
	const facts = {
		nationalId: parsed.ok && 'nationalId' in parsed.data ? parsed.data.nationalId : undefined,
		phone: parsed.ok ? parsed.data.phone : undefined,
		birthDateIso: birth.ok ? birth.iso : undefined
	};
	Object.assign(errors, newPasswordErrors(input.password, input.passwordConfirm, facts));
	if (!parsed.ok || !birth.ok || Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };

	const d = parsed.data;
	// registry checks per IP, so the form cannot be used to probe the register
	const taken = await take('registration_start', { ip: ctx.ip });
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAt: taken.retryAt };

	const person = 'nationalId' in d ? await findPerson(d.nationalId) : await personByPassport(d.passportNo, d.nationality, birth.iso);
	if (!person || !identityMatches(person, { firstName: d.firstName, lastName: d.lastName, birthDate: birth.iso })) {
		await audit({ actor: 'anonymous', action: 'register.mismatch', subject: null, ip: ctx.ip, detail: byPassport ? { method: 'passport' } : undefined });
		return { ok: false, reason: 'mismatch' };
	}
	const nationalId = person.nationalId;
	// by passport, the number the person will log in with was not typed: the password must not be it either
	if (byPassport) {
		const pw = newPasswordErrors(input.password, input.passwordConfirm, { nationalId, phone: d.phone, birthDateIso: birth.iso });
		if (Object.keys(pw).length) return { ok: false, reason: 'invalid', errors: pw };
	}
	const existing = await one(
		db().select({ id: schema.users.id, closedAt: schema.users.closedAt }).from(schema.users).where(eq(schema.users.nationalId, nationalId))
	);
	if (existing && !existing.closedAt) return { ok: false, reason: 'already_registered' };

	const pending: PendingAccount = {
		nationalId,
		phone: d.phone,
		passwordHash: await hashPassword(input.password),
		termsVersion: terms.version,
		termsAcceptedAt: terms.acceptedAt,
		locale: ctx.locale
	};
	const details: Details = {
		nationalId,
		...('passportNo' in d ? { passportNo: d.passportNo, nationality: d.nationality } : {}),
		firstName: d.firstName,
		lastName: d.lastName,
		birthDay: input.birthDay.trim(),
		birthMonth: input.birthMonth.trim(),
		birthYear: input.birthYear.trim(),
		phone: d.phone
	};
	return await textCode(draft, details, pending, ctx);
}

type CodeSent =
	| { ok: true; draft: RegisterDraft }
	| { ok: false; reason: 'rate_limited'; retryAt: number; error?: Msg }
	| { ok: false; reason: 'sms_failed'; draft: RegisterDraft };

/** The code step's text: to `details.phone`, for the account `pending` (by the wizard, or after a ThaID sign-in). */
async function textCode(draft: RegisterDraft, details: Details, pending: PendingAccount, ctx: { ip: string | null; locale: Locale }): Promise<CodeSent> {
	const challenge = { purpose: 'register' as const, phone: details.phone, subject: details.nationalId, payload: pending };
	// back to step 2 and on again with the same details: the code already texted stays the one to type
	if (draft.challengeId && draft.details && sameDetails(draft.details, details)) {
		if (await keepChallenge(draft.challengeId, challenge)) return { ok: true, draft: { ...draft, details, codeNotice: 'kept' } };
	}
	const sent = await startChallenge({ ...challenge, ip: ctx.ip, locale: ctx.locale });
	if (!sent.ok && sent.reason === 'rate_limited') return { ok: false, reason: 'rate_limited', retryAt: sent.retryAt, error: sent.error };
	const next: RegisterDraft = {
		...draft,
		details,
		challengeId: sent.challengeId,
		smsFailed: !sent.ok,
		smsSending: sent.ok && sent.sending,
		// a code was texted before in this registration: only the newest one works now
		codeNotice: draft.challengeId ? 'new' : undefined
	};
	if (!sent.ok) return { ok: false, reason: 'sms_failed', draft: next };
	return { ok: true, draft: next };
}

/**
 * A ThaID sign-in of a person without an account starts a registration: ThaID's name and birth date must match the
 * registry (in Thai or English, as the wizard checks typed ones), and an account must not exist. Returns the draft to
 * keep (the terms step comes next), or why not.
 */
export async function startThaidRegistration(
	person: ThaidPerson,
	ctx: { ip: string | null }
): Promise<{ ok: true; draft: RegisterDraft } | { ok: false; reason: 'mismatch' | 'already_registered' }> {
	const p = await findPerson(person.nationalId);
	const names = [
		{ firstName: person.firstNameTh, lastName: person.lastNameTh },
		...(person.firstNameEn && person.lastNameEn ? [{ firstName: person.firstNameEn, lastName: person.lastNameEn }] : [])
	];
	if (!p || !names.some((n) => identityMatches(p, { ...n, birthDate: person.birthDate }))) {
		await audit({ actor: 'anonymous', action: 'register.mismatch', subject: null, ip: ctx.ip, detail: { method: 'thaid' } });
		return { ok: false, reason: 'mismatch' };
	}
	const existing = await one(
		db().select({ id: schema.users.id, closedAt: schema.users.closedAt }).from(schema.users).where(eq(schema.users.nationalId, person.nationalId))
	);
	if (existing && !existing.closedAt) return { ok: false, reason: 'already_registered' };
	return { ok: true, draft: { thaid: person, thaidAt: now() } };
}

export type ThaidPhoneResult =
	| { ok: true; draft: RegisterDraft }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	| { ok: false; reason: 'rate_limited'; retryAt: number; error?: Msg }
	| { ok: false; reason: 'sms_failed'; draft: RegisterDraft }
	| { ok: false; reason: 'restart' };

/** The ThaID registration's one question, the mobile number for notices: a code is texted to it (the wizard's step 3). */
export async function submitThaidPhone(draft: RegisterDraft, phone: string, ctx: { ip: string | null; locale: Locale }): Promise<ThaidPhoneResult> {
	const person = draft.thaid;
	if (!person || !draft.terms || thaidExpired(draft)) return { ok: false, reason: 'restart' };
	const parsed = parseForm(v.object({ phone: PhoneField }), { phone });
	if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
	const taken = await take('registration_start', { ip: ctx.ip });
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAt: taken.retryAt };
	const pending: PendingAccount = {
		nationalId: person.nationalId,
		phone: parsed.data.phone,
		passwordHash: '',
		thaid: true,
		termsVersion: draft.terms.version,
		termsAcceptedAt: draft.terms.acceptedAt,
		locale: ctx.locale
	};
	const [y, m, d] = person.birthDate.split('-');
	// the details the code step shows and checks, as ThaID gave them
	const details = {
		nationalId: person.nationalId,
		firstName: person.firstNameTh,
		lastName: person.lastNameTh,
		birthDay: String(Number(d)),
		birthMonth: String(Number(m)),
		birthYear: String(Number(y) + 543),
		phone: parsed.data.phone
	};
	return await textCode(draft, details, pending, ctx);
}

export type VerifyRegistrationResult =
	{ ok: true; userId: string } | { ok: false; reason: 'invalid'; error: Msg } | { ok: false; reason: 'restart' } | { ok: false; reason: 'already_registered' };

/** Check the code; on success create the account in one transaction. */
export async function completeRegistration(
	draft: RegisterDraft,
	code: string,
	ctx: { ip: string | null; userAgent?: string | null }
): Promise<VerifyRegistrationResult> {
	const r = await checkCode(draft.challengeId, code, 'register', ctx.ip);
	if (!r.ok) return r;
	const p = r.payload as PendingAccount;
	const t = now();
	const account = {
		nationalId: p.nationalId,
		phone: p.phone,
		passwordHash: p.passwordHash,
		phoneVerifiedAt: t,
		termsVersion: p.termsVersion,
		termsAcceptedAt: p.termsAcceptedAt,
		locale: p.locale,
		passwordChangedAt: t,
		createdAt: t,
		closedAt: null,
		seenPeriod: null,
		...(p.thaid ? { assurance: 'thaid' as const, provedAt: t, thaidLinkedAt: t } : { assurance: 'sms' as const, provedAt: null, thaidLinkedAt: null })
	};
	const id = await transaction(
		async (tx) => {
			const exists = await one(
				tx.select({ id: schema.users.id, closedAt: schema.users.closedAt }).from(schema.users).where(eq(schema.users.nationalId, p.nationalId))
			);
			if (exists && !exists.closedAt) return null;
			// a closed account is reopened in place: SSO's records (applications) stay linked to it
			const userId = exists?.id ?? generateToken();
			if (exists) await tx.update(schema.users).set(account).where(eq(schema.users.id, userId));
			else await tx.insert(schema.users).values({ id: userId, ...account });
			await tx.insert(schema.auditLog).values({
				at: t,
				actor: userId,
				action: 'register.complete',
				subject: p.nationalId,
				ip: ctx.ip,
				detail: JSON.stringify({
					termsVersion: p.termsVersion,
					device: deviceKey(ctx.userAgent),
					reopened: exists ? true : undefined,
					method: p.thaid ? 'thaid' : undefined
				})
			});
			return userId;
		},
		{ durable: true }
	);
	if (!id) return { ok: false, reason: 'already_registered' };
	return { ok: true, userId: id };
}

export function resendRegistrationCode(draft: RegisterDraft, ctx: { ip: string | null; locale: Locale }): Promise<ResendResult> {
	if (!draft.challengeId) return Promise.resolve({ ok: false, reason: 'gone' });
	return resendCode(draft.challengeId, ctx.ip, ctx.locale);
}
