/**
 * Forgot password: national ID + birth date → code to the registered phone → new password → every session ends.
 */
import type { Locale } from '$lib/i18n';
import { and, eq, isNull, lte } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';
import { hashPassword, newPasswordErrors } from '../auth/password';
import { invalidateAllSessions } from '../auth/session';
import { forgetDevices } from '../notify/notices';
import { startChallenge, checkCode, resendCode, type ResendResult } from '../auth/otp';
import { clearLockouts, take } from '../limits';
import { NationalIdField, parseBirthFields, parseForm } from '$lib/validation/forms';
import { type FieldErrors, type Msg } from '$lib/validation/messages';
import { isoDateInBangkok } from '$lib/format/date';
import * as v from 'valibot';

export interface ResetDraft {
	nationalId?: string;
	birthDay?: string;
	birthMonth?: string;
	birthYear?: string;
	challengeId?: string;
	phone?: string;
	verified?: boolean;
	/** when the code was verified: a password or phone change after it makes the draft useless */
	verifiedAt?: number;
	smsFailed?: boolean;
	smsSending?: boolean;
}

export type StartResetResult =
	| { ok: true; draft: ResetDraft }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	| { ok: false; reason: 'mismatch' }
	| { ok: false; reason: 'rate_limited'; retryAt: number; error?: Msg }
	| { ok: false; reason: 'sms_failed'; draft: ResetDraft };

export async function startReset(
	input: { nationalId: string; birthDay: string; birthMonth: string; birthYear: string },
	ctx: { ip: string | null; locale: Locale }
): Promise<StartResetResult> {
	const errors: FieldErrors = {};
	const id = parseForm(v.object({ nationalId: NationalIdField }), input);
	if (!id.ok) Object.assign(errors, id.errors);
	const birth = parseBirthFields(input.birthDay, input.birthMonth, input.birthYear, isoDateInBangkok(now()));
	if (!birth.ok) Object.assign(errors, birth.errors);
	if (!id.ok || !birth.ok) return { ok: false, reason: 'invalid', errors };

	const taken = await take('reset_start', { ip: ctx.ip });
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAt: taken.retryAt };

	const row = await one(
		db()
			.select({ userId: schema.users.id, phone: schema.users.phone, birthDate: schema.persons.birthDate })
			.from(schema.users)
			.innerJoin(schema.persons, eq(schema.users.nationalId, schema.persons.nationalId))
			.where(and(eq(schema.users.nationalId, id.data.nationalId), isNull(schema.users.closedAt)))
	);
	if (!row || row.birthDate !== birth.iso) return { ok: false, reason: 'mismatch' };

	const sent = await startChallenge({ purpose: 'reset', phone: row.phone, subject: id.data.nationalId, ip: ctx.ip, locale: ctx.locale });
	if (!sent.ok && sent.reason === 'rate_limited') return { ok: false, reason: 'rate_limited', retryAt: sent.retryAt, error: sent.error };
	const draft: ResetDraft = {
		nationalId: id.data.nationalId,
		birthDay: input.birthDay.trim(),
		birthMonth: input.birthMonth.trim(),
		birthYear: input.birthYear.trim(),
		challengeId: sent.challengeId,
		phone: row.phone
	};
	if (!sent.ok) return { ok: false, reason: 'sms_failed', draft };
	return { ok: true, draft };
}

export type VerifyResetResult = { ok: true } | { ok: false; reason: 'invalid'; error: Msg } | { ok: false; reason: 'restart' };

export async function verifyReset(draft: ResetDraft, code: string, ip: string | null = null): Promise<VerifyResetResult> {
	const r = await checkCode(draft.challengeId, code, 'reset', ip);
	if (!r.ok) return r;
	return r.subject === draft.nationalId ? { ok: true } : { ok: false, reason: 'restart' };
}

export function resendResetCode(draft: ResetDraft, ctx: { ip: string | null; locale: Locale }): Promise<ResendResult> {
	if (!draft.challengeId) return Promise.resolve({ ok: false, reason: 'gone' });
	return resendCode(draft.challengeId, ctx.ip, ctx.locale);
}

export type SetPasswordResult = { ok: true } | { ok: false; reason: 'invalid'; errors: FieldErrors } | { ok: false; reason: 'restart' };

/** Only after a verified code: set the new password, end every session, unlock. */
export async function setNewPassword(draft: ResetDraft, password: string, confirm: string, ctx: { ip: string | null }): Promise<SetPasswordResult> {
	if (!draft.verified || !draft.nationalId) return { ok: false, reason: 'restart' };
	const user = await one(
		db()
			.select({ id: schema.users.id, phone: schema.users.phone, birthDate: schema.persons.birthDate, passwordChangedAt: schema.users.passwordChangedAt })
			.from(schema.users)
			.innerJoin(schema.persons, eq(schema.users.nationalId, schema.persons.nationalId))
			.where(and(eq(schema.users.nationalId, draft.nationalId), isNull(schema.users.closedAt)))
	);
	// the code proved the phone the account had then: a change of phone or password since makes this reset void
	if (!user || user.phone !== draft.phone || !draft.verifiedAt || user.passwordChangedAt > draft.verifiedAt) return { ok: false, reason: 'restart' };
	const errors = newPasswordErrors(password, confirm, { nationalId: draft.nationalId, phone: user.phone, birthDateIso: user.birthDate });
	if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
	const hash = await hashPassword(password);
	const t = now();
	const done = await transaction(
		async (tx) => {
			// checked again as it is written: the hash takes a while, and a change of phone or password (a take-over
			// repair, which erases the other person's password) or a closing may have committed meanwhile
			const set = await tx
				.update(schema.users)
				.set({ passwordHash: hash, passwordChangedAt: t })
				.where(
					and(
						eq(schema.users.id, user.id),
						eq(schema.users.phone, draft.phone!),
						lte(schema.users.passwordChangedAt, draft.verifiedAt!),
						isNull(schema.users.closedAt)
					)
				)
				.returning({ id: schema.users.id });
			if (set.length === 0) return false;
			await clearLockouts(draft.nationalId!);
			await tx.insert(schema.auditLog).values({ at: t, actor: user.id, action: 'password.reset', subject: draft.nationalId!, ip: ctx.ip });
			await invalidateAllSessions(user.id);
			await forgetDevices(tx, user.id);
			return true;
		},
		{ durable: true }
	);
	return done ? { ok: true } : { ok: false, reason: 'restart' };
}
