/**
 * The citizen's own account: security events, password and phone changes, the PDPA copy of their data,
 * and closing the account. Every change here ends the account's other sessions and is audited.
 */
import { and, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { db, jsonText, one, preparedRead, schema, transaction, type Db } from '../db';
import { now } from '../clock';
import { audit } from '../audit';
import { hashPassword, newPasswordErrors } from '../auth/password';
import { cooldown, lockedMessage, tryAgainAt } from '../limits';
import { passwordAttempt } from './login';
import { accountLevel, raiseAssurance } from './assurance';
import { isProved } from '$lib/rules/assurance';
import { startChallenge, checkCode, keepChallenge, type SendResult } from '../auth/otp';
import { sendSms, SmsFailed } from '../sms';
import { forgetAccountNotices, forgetDevices, removeDeviceSubscriptions } from '../notify/notices';
import { log } from '../log';
import { maskPhone, normaliseThaiMobile } from '$lib/validation/phone';
import type { FieldErrors, Msg } from '$lib/validation/messages';
import * as m from '$lib/paraglide/messages';
import type { Locale } from '$lib/i18n';

export interface Who {
	userId: string;
	nationalId: string;
	ip: string | null;
	/** the id of this browser's device cookie, if it has one: its own count of wrong current passwords */
	device?: string | null;
}

async function account(userId: string) {
	return await one(
		db()
			.select()
			.from(schema.users)
			.where(and(eq(schema.users.id, userId), isNull(schema.users.closedAt)))
	);
}

/** What the profile page shows about the account itself, as a part of a read (value: `userId`); no row if it is closed. */
export const accountOverviewPart = (d: Db) =>
	d
		.select({
			phone: schema.users.phone,
			termsVersion: schema.users.termsVersion,
			termsAcceptedAt: schema.users.termsAcceptedAt,
			createdAt: schema.users.createdAt,
			passwordChangedAt: schema.users.passwordChangedAt,
			assurance: schema.users.assurance,
			provedAt: schema.users.provedAt,
			hasPassword: sql<number>`${schema.users.passwordHash} <> ''`.mapWith(Number).as('has_password')
		})
		.from(schema.users)
		.where(and(eq(schema.users.id, sql.placeholder('userId')), isNull(schema.users.closedAt)));

/** The overview from accountOverviewPart's row: the phone masked. */
export function overviewOf(u: Awaited<ReturnType<ReturnType<typeof accountOverviewPart>['all']>>[number] | undefined) {
	if (!u) return null;
	return {
		maskedPhone: maskPhone(u.phone),
		termsVersion: u.termsVersion,
		termsAcceptedAt: u.termsAcceptedAt,
		createdAt: u.createdAt,
		passwordChangedAt: u.passwordChangedAt,
		assurance: u.assurance,
		provedAt: u.provedAt,
		/** none: opened or taken back with ThaID, or at a counter (a code to the number stands in for it) */
		hasPassword: !!u.hasPassword
	};
}

const readAccountOverview = preparedRead('account_overview', accountOverviewPart);

/** The open account's overview alone (the profile page reads it with the rest, profile.ts). */
export async function accountOverview(userId: string) {
	return overviewOf((await readAccountOverview({ userId }))[0]);
}

/** Audit actions the citizen sees on their profile page ("recent security events"). */
export const SECURITY_ACTIONS = [
	'login.ok',
	'login.failed',
	'login.locked',
	'logout',
	'register.complete',
	'password.reset',
	'password.changed',
	'phone.changed',
	'session.revoked',
	'code.failed',
	'data.export',
	'account.proved',
	'account.proof_refused',
	'account.repaired'
] as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

export interface SecurityEvent {
	at: number;
	action: SecurityAction;
	ip: string | null;
	newDevice: boolean;
	device: string | null;
	/** a sign-in by ThaID rather than the password */
	thaid: boolean;
	/** a proof in person: where (the officer's service centre) */
	inPersonAt: string | null;
}

/**
 * The newest security events about this citizen since the account was opened (a closed account has none), as a part
 * of a read: its values are `userId`, `nationalId` and `eventsLimit`.
 */
export const securityEventsPart = (d: Db) =>
	d
		.select()
		.from(schema.auditLog)
		.where(
			and(
				eq(schema.auditLog.subject, sql.placeholder('nationalId')),
				inArray(schema.auditLog.action, [...SECURITY_ACTIONS]),
				gte(
					schema.auditLog.at,
					sql`(${d
						.select({ createdAt: schema.users.createdAt })
						.from(schema.users)
						.where(and(eq(schema.users.id, sql.placeholder('userId')), isNull(schema.users.closedAt)))})`
				)
			)
		)
		.orderBy(desc(schema.auditLog.at), desc(schema.auditLog.id))
		.limit(sql.placeholder('eventsLimit'));
const readSecurityEvents = preparedRead('security_events', securityEventsPart);

/** An audit row of securityEventsPart as the profile page shows it. */
export function securityEventOf(r: typeof schema.auditLog.$inferSelect): SecurityEvent {
	const detail = r.detail ? (JSON.parse(r.detail) as { newDevice?: boolean; device?: string; method?: string; by?: string; place?: string }) : {};
	return {
		at: r.at,
		action: r.action as SecurityAction,
		ip: r.ip,
		newDevice: !!detail.newDevice,
		device: detail.device ?? null,
		thaid: detail.method === 'thaid',
		inPersonAt: r.action === 'account.proved' && detail.by === 'in_person' ? (detail.place ?? '') : null
	};
}

export async function securityEvents(userId: string, nationalId: string, limit = 15): Promise<SecurityEvent[]> {
	return (await readSecurityEvents({ userId, nationalId, eventsLimit: limit })).map(securityEventOf);
}

/**
 * Check the current password before a sensitive change. Wrong answers count towards the same lockout as the
 * login form, so a stolen session cannot be used to guess the password.
 */
export async function checkCurrentPassword(
	who: Who,
	password: string,
	locale: Locale = 'th'
): Promise<{ ok: true; passwordHash: string } | { ok: false; reason: 'invalid' | 'rate_limited'; error: Msg }> {
	const a = await passwordAttempt(who.nationalId, password, now(), { ip: who.ip, device: who.device });
	if (a.ok && a.userId === who.userId) return { ok: true, passwordHash: a.passwordHash };
	if (!a.ok && a.retryAt) return { ok: false, reason: 'rate_limited', error: tryAgainAt(a.retryAt, locale) };
	if (!a.ok && a.counted)
		await audit({
			actor: who.userId,
			action: a.lockedUntil ? 'login.locked' : 'login.failed',
			subject: who.nationalId,
			ip: who.ip,
			detail: { where: 'profile' }
		});
	if (!a.ok && a.lockedUntil) return { ok: false, reason: 'rate_limited', error: lockedMessage(a.lockedUntil, locale) };
	return { ok: false, reason: 'invalid', error: 'err_current_password' };
}

/**
 * After a change of password or phone, the codes still open for this person (a password reset someone started, a
 * phone change) can no longer be used: they were sent to, or prove, what the account had before.
 */
async function endOpenChallenges(tx: Db, nationalId: string): Promise<void> {
	await tx
		.update(schema.otpChallenges)
		.set({ consumedAt: now(), payload: null })
		.where(and(eq(schema.otpChallenges.subject, nationalId), isNull(schema.otpChallenges.consumedAt)));
}

/** At most one notice of a kind in this time per account: a burst of changes sends one text. */
export const NOTICE_EVERY_MS = 10 * 60_000;

/** Tell the citizen by SMS that their account changed (in case it was not them). Never throws. */
async function notice(purpose: string, userId: string, phone: string, body: string): Promise<void> {
	if (!(await cooldown(`${purpose}:${userId}`, NOTICE_EVERY_MS))) {
		log.info({ purpose }, 'notice SMS not sent: one of this kind went to the account less than 10 minutes ago');
		return;
	}
	try {
		await sendSms(purpose, { to: phone, body });
	} catch (e) {
		if (!(e instanceof SmsFailed)) log.error({ err: e, purpose }, 'notice SMS failed');
	}
}

/** Why a change was refused: a field to correct, or too many wrong passwords (the page answers 429). */
export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; reason: 'invalid' | 'rate_limited'; errors: FieldErrors }
	// the account changed while the new password was being made (a take-over repair, another change): its sessions
	// ended with that change, so the citizen signs in again
	| { ok: false; reason: 'restart' };

/** A new password's rules for this person: not their ID, number or birth date (the registry's), and typed twice alike. */
async function passwordRuleErrors(nationalId: string, phone: string, password: string, confirm: string): Promise<FieldErrors> {
	const person = await one(db().select({ birthDate: schema.persons.birthDate }).from(schema.persons).where(eq(schema.persons.nationalId, nationalId)));
	return newPasswordErrors(password, confirm, { nationalId, phone, birthDateIso: person?.birthDate });
}

/** Set a new password (after the current one is checked) and end every session of the account. */
export async function changePassword(
	who: Who,
	input: { current: string; password: string; passwordConfirm: string },
	locale: Locale
): Promise<ChangePasswordResult> {
	const u = await account(who.userId);
	if (!u) return { ok: false, reason: 'invalid', errors: { current: 'err_current_password' } };
	const errors: FieldErrors = {};
	if (!input.current) errors.current = 'err_current_password_required';
	Object.assign(errors, await passwordRuleErrors(who.nationalId, u.phone, input.password, input.passwordConfirm));
	if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
	const checked = await checkCurrentPassword(who, input.current, locale);
	if (!checked.ok) return { ok: false, reason: checked.reason, errors: { current: checked.error } };
	const set = await setPassword(who, await hashPassword(input.password), { passwordHash: checked.passwordHash, phone: u.phone }, locale);
	return set ? { ok: true } : { ok: false, reason: 'restart' };
}

/** The account as a change was checked against: applied only if its password and number are still these. */
interface AccountWas {
	passwordHash: string;
	phone: string;
}

/** `was` as a condition on the account's row: open, and its password and number as they were when checked. */
const stillAsItWas = (userId: string, was: AccountWas) =>
	and(eq(schema.users.id, userId), eq(schema.users.passwordHash, was.passwordHash), eq(schema.users.phone, was.phone), isNull(schema.users.closedAt));

/**
 * The new password's hash in place, every session and open code of the account ended, recorded, and the number told;
 * false (nothing changed) when the account is no longer as it was checked: a take-over repair or another change
 * committed while the hash was being made must not be undone.
 */
async function setPassword(who: Who, hash: string, was: AccountWas, locale: Locale): Promise<boolean> {
	const t = now();
	const set = await transaction(
		async (tx) => {
			const changed = await tx
				.update(schema.users)
				.set({ passwordHash: hash, passwordChangedAt: t })
				.where(stillAsItWas(who.userId, was))
				.returning({ id: schema.users.id });
			if (changed.length === 0) return false;
			await tx.delete(schema.sessions).where(eq(schema.sessions.userId, who.userId));
			await forgetDevices(tx, who.userId, { device: who.device });
			await endOpenChallenges(tx, who.nationalId);
			await tx.insert(schema.auditLog).values({ at: t, actor: who.userId, action: 'password.changed', subject: who.nationalId, ip: who.ip });
			return true;
		},
		{ durable: true }
	);
	if (set) void notice('notice:password', who.userId, was.phone, m.sms_password_changed({}, { locale }));
	return set;
}

/**
 * Whether the account has a password. One opened with ThaID, or taken back from someone else (by ThaID or at a
 * counter), has none: it signs in with ThaID, and where a change asks for the current password a code to the
 * account's number stands in (`startConfirm`).
 */
export async function hasPassword(userId: string): Promise<boolean> {
	return !!(await account(userId))?.passwordHash;
}

/** A change of an account without a password, waiting for the code sent to its number. */
export interface ConfirmDraft {
	action?: 'set_password' | 'close';
	challengeId?: string;
	smsFailed?: boolean;
	smsSending?: boolean;
}

/** `phone`: the account's number when the code was sent to it (the change applies only if it still is). */
type ConfirmPayload = { userId: string; phone: string } & ({ action: 'set_password'; hash: string | null } | { action: 'close' });

export type StartConfirmResult =
	| { ok: true; draft: ConfirmDraft }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	| { ok: false; reason: 'rate_limited'; retryAt: number; error?: Msg }
	| { ok: false; reason: 'sms_failed'; draft: ConfirmDraft };

/**
 * An account without a password sets one, or closes: what the form asks is checked (the new password's rules; the
 * closing ticked), then a code goes to the account's number, standing in for the current password (a session left
 * open on a shared device must not be enough). An account with a password uses changePassword / closeAccount.
 */
export async function startConfirm(
	who: Who,
	input: { action: 'set_password'; password: string; passwordConfirm: string } | { action: 'close'; confirm: boolean },
	locale: Locale
): Promise<StartConfirmResult> {
	const u = await account(who.userId);
	if (!u || u.passwordHash) return { ok: false, reason: 'invalid', errors: {} };
	let payload: ConfirmPayload;
	if (input.action === 'close') {
		if (!input.confirm) return { ok: false, reason: 'invalid', errors: { confirm: 'err_close_confirm' } };
		payload = { userId: who.userId, phone: u.phone, action: 'close' };
	} else {
		const errors = await passwordRuleErrors(who.nationalId, u.phone, input.password, input.passwordConfirm);
		if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
		payload = { userId: who.userId, phone: u.phone, action: 'set_password', hash: null };
	}
	const sent = await startChallenge({ purpose: 'account_confirm', phone: u.phone, subject: who.nationalId, payload, ip: who.ip, locale });
	if (!sent.ok && sent.reason === 'rate_limited') return { ok: false, reason: 'rate_limited', retryAt: sent.retryAt, error: sent.error };
	// the new password's hash, made only once the code's caps have let this through (a hash is costly), is kept with
	// the code until it is used (then erased with the code's payload); never the password itself
	if (input.action === 'set_password')
		await keepChallenge(sent.challengeId, {
			purpose: 'account_confirm',
			phone: u.phone,
			subject: who.nationalId,
			payload: { ...payload, hash: await hashPassword(input.password) }
		});
	const draft: ConfirmDraft = { action: input.action, challengeId: sent.challengeId, smsFailed: !sent.ok, smsSending: sent.ok && sent.sending };
	return sent.ok ? { ok: true, draft } : { ok: false, reason: 'sms_failed', draft };
}

/** The code from the account's number is right: the password is set (every session ends), or the account closes. */
export async function finishConfirm(
	who: Who,
	draft: ConfirmDraft,
	code: string,
	locale: Locale
): Promise<{ ok: true; action: 'set_password' | 'close' } | { ok: false; reason: 'invalid'; error: Msg } | { ok: false; reason: 'restart' }> {
	const r = await checkCode(draft.challengeId, code, 'account_confirm', who.ip);
	if (!r.ok) return r;
	const payload = r.payload as ConfirmPayload | null;
	if (r.subject !== who.nationalId || payload?.userId !== who.userId) return { ok: false, reason: 'restart' };
	// still without a password, at the number the code went to: a password set meanwhile (another device, a reset) or
	// a number changed makes the code useless
	const was = { passwordHash: '', phone: payload.phone };
	let done: boolean;
	if (payload.action === 'close') done = await closeNow(who, was);
	// (a code used before its password's hash was kept with it cannot set one)
	else if (!payload.hash) return { ok: false, reason: 'restart' };
	else done = await setPassword(who, payload.hash, was, locale);
	return done ? { ok: true, action: payload.action } : { ok: false, reason: 'restart' };
}

export interface PhoneDraft {
	phone?: string;
	challengeId?: string;
	smsFailed?: boolean;
	smsSending?: boolean;
	/** The open code went to the account's current number (step 1 of 2 for an account at the lower level). */
	old?: boolean;
	/** The open code went to the new number after the current one answered (step 2 of 2). */
	afterOld?: boolean;
	/** No code open: too many were asked for after the current number's was used; the change starts again after this. */
	limitedUntil?: number;
}

export type StartPhoneResult =
	| { ok: true; draft: PhoneDraft }
	| { ok: false; reason: 'invalid' | 'locked'; errors: FieldErrors }
	| { ok: false; reason: 'rate_limited'; retryAt: number; error?: Msg }
	| { ok: false; reason: 'sms_failed'; draft: PhoneDraft };

/**
 * Check the password and the new number, then text a code. An account at the lower level of identity proof first
 * proves it still holds its current number (a code to it: whoever knows the password of an account opened by SMS may
 * not be its person, and a number changed without the old one needs the higher level); the code to the NEW number,
 * proving the citizen holds it, comes after (`confirmOldNumber`). A proved account gets the new number's code at once.
 */
export async function startPhoneChange(who: Who, input: { current: string; phone: string }, locale: Locale): Promise<StartPhoneResult> {
	const u = await account(who.userId);
	const phone = normaliseThaiMobile(input.phone);
	const errors: FieldErrors = {};
	if (!input.current) errors.current = 'err_current_password_required';
	if (!phone) errors.phone = 'err_phone';
	else if (u && phone === u.phone) errors.phone = 'err_phone_same';
	if (!u || Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
	const checked = await checkCurrentPassword(who, input.current, locale);
	if (!checked.ok) return { ok: false, reason: checked.reason === 'rate_limited' ? 'locked' : 'invalid', errors: { current: checked.error } };
	const old = !isProved(u.assurance);
	const sent: SendResult = await startChallenge({
		purpose: old ? 'phone_old' : 'phone_change',
		phone: old ? u.phone : phone!,
		subject: who.nationalId,
		payload: { userId: who.userId, phone, from: u.phone },
		ip: who.ip,
		locale
	});
	return phoneSent(sent, { phone: phone!, old });
}

function phoneSent(sent: SendResult, draft: PhoneDraft): StartPhoneResult {
	if (!sent.ok && sent.reason === 'rate_limited') return { ok: false, reason: 'rate_limited', retryAt: sent.retryAt, error: sent.error };
	const next: PhoneDraft = { ...draft, challengeId: sent.challengeId, smsFailed: !sent.ok, smsSending: sent.ok && sent.sending };
	if (!sent.ok) return { ok: false, reason: 'sms_failed', draft: next };
	return { ok: true, draft: next };
}

export type ConfirmOldResult = StartPhoneResult | { ok: false; reason: 'restart' } | { ok: false; reason: 'code'; error: Msg };

/** Step 1 of 2 at the lower level: the code from the current number is right, so the new number is sent its code. */
export async function confirmOldNumber(who: Who, draft: PhoneDraft, code: string, locale: Locale): Promise<ConfirmOldResult> {
	const r = await checkCode(draft.challengeId, code, 'phone_old', who.ip);
	if (!r.ok) return r.reason === 'invalid' ? { ok: false, reason: 'code', error: r.error } : r;
	const payload = r.payload as { userId: string; phone: string; from: string } | null;
	if (r.subject !== who.nationalId || payload?.userId !== who.userId) return { ok: false, reason: 'restart' };
	const sent = await startChallenge({
		purpose: 'phone_change',
		phone: payload.phone,
		subject: who.nationalId,
		payload: { userId: who.userId, phone: payload.phone, from: payload.from, oldChecked: true },
		ip: who.ip,
		locale
	});
	return phoneSent(sent, { phone: payload.phone });
}

/**
 * A new number without the old one (it is lost, or it was never the citizen's): for an account that holds the higher
 * level of identity proof only (the route asks, requireProved), so no password is asked. `takeover`: the account was
 * opened by someone else with their own phone, so their password goes too (the citizen signs in with ThaID, and sets a
 * password on the profile page or through "forgot password", whose codes now come to their own number).
 */
export async function startPhoneReplace(who: Who, input: { phone: string; takeover: boolean; prove?: boolean }, locale: Locale): Promise<StartPhoneResult> {
	const u = await account(who.userId);
	const phone = normaliseThaiMobile(input.phone);
	if (!u || !phone) return { ok: false, reason: 'invalid', errors: { phone: 'err_phone' } };
	if (phone === u.phone) return { ok: false, reason: 'invalid', errors: { phone: 'err_phone_same' } };
	const sent: SendResult = await startChallenge({
		purpose: 'phone_change',
		phone,
		subject: who.nationalId,
		payload: { userId: who.userId, phone, from: u.phone, takeover: input.takeover, prove: !!input.prove },
		ip: who.ip,
		locale
	});
	return phoneSent(sent, { phone });
}

export type CompletePhoneResult = { ok: true } | { ok: false; reason: 'invalid'; error: Msg } | { ok: false; reason: 'restart' };

/** The code from the new number is right: switch the number, end every session, tell the old number. */
export async function completePhoneChange(who: Who, draft: PhoneDraft, code: string, locale: Locale): Promise<CompletePhoneResult> {
	const r = await checkCode(draft.challengeId, code, 'phone_change', who.ip);
	if (!r.ok) return r;
	const payload = r.payload as PhonePayload | null;
	if (r.subject !== who.nationalId || payload?.userId !== who.userId || payload.counter) return { ok: false, reason: 'restart' };
	return (await switchPhone(who, payload, who.userId, locale)) ? { ok: true } : { ok: false, reason: 'restart' };
}

/** What a code to a new number was sent for (kept with the code, server-side). */
interface PhonePayload {
	userId: string;
	phone: string;
	/** the account's number when the change began: a change that finds another (a repair meanwhile) is void */
	from: string;
	/** the account was opened by someone else with their own phone: their password goes too */
	takeover?: boolean;
	/** the person ThaID proved takes the account back: it is raised */
	prove?: boolean;
	/** a lower-level account's current number answered first */
	oldChecked?: boolean;
	/** an officer at a counter, with the person's ID card read and its photo checked, takes the account back for them */
	counter?: { staffId: string; place: string };
}

/**
 * The new number's code was right: in one transaction switch the number (and for a take-over repair, erase the other
 * person's password), raise the account where the change proves it, end every session and open code, and record it
 * (`actor`: the citizen, or `staff:<id>` at a counter); then tell the old number. False when the account is closed, or
 * when a lower-level account's change came neither through its current number nor as a repair.
 */
async function switchPhone(who: Who, payload: PhonePayload, actor: string, locale: Locale): Promise<boolean> {
	const t = now();
	const proof = payload.counter ? ('in_person' as const) : payload.prove ? ('thaid' as const) : null;
	// the account read in the change's transaction: one closed meanwhile stays closed
	const u = await transaction(
		async (tx) => {
			const u = await account(who.userId);
			if (!u) return null;
			if (u.phone !== payload.from) return null;
			if (!isProved(u.assurance) && !payload.oldChecked && !proof) return null;
			const repair = payload.takeover ? { passwordHash: '', passwordChangedAt: t } : {};
			await tx
				.update(schema.users)
				.set({ phone: payload.phone, phoneVerifiedAt: t, ...repair })
				.where(eq(schema.users.id, who.userId));
			// the proved person has taken the account back: now it is theirs, it is raised
			const proved = proof ? await raiseAssurance(who.userId, proof, t) : null;
			await tx.delete(schema.sessions).where(eq(schema.sessions.userId, who.userId));
			// the citizen's own device keeps its notices; at a counter, or after a take-over, none does
			await forgetDevices(tx, who.userId, { device: payload.takeover || payload.counter ? null : who.device });
			await endOpenChallenges(tx, who.nationalId);
			const place = payload.counter ? { place: payload.counter.place } : {};
			await tx.insert(schema.auditLog).values({
				at: t,
				actor,
				action: payload.takeover ? 'account.repaired' : 'phone.changed',
				subject: who.nationalId,
				ip: who.ip,
				detail: JSON.stringify({ from: maskPhone(u.phone), to: maskPhone(payload.phone), ...place })
			});
			if (proved)
				await tx.insert(schema.auditLog).values({
					at: t,
					actor,
					action: 'account.proved',
					subject: who.nationalId,
					ip: who.ip,
					detail: JSON.stringify({ by: proof, before: proved.before, ...place })
				});
			return u;
		},
		{ durable: true }
	);
	if (!u) return false;
	const text = payload.takeover ? m.sms_account_repaired({}, { locale }) : m.sms_phone_changed({ phone: maskPhone(payload.phone) }, { locale });
	void notice('notice:phone', who.userId, u.phone, text);
	return true;
}

/** An officer's take-over repair in progress: the code sent to the card holder's own number (kept in a draft). */
export interface CounterRepairDraft {
	staffId: string;
	nationalId: string;
	challengeId?: string;
	phone?: string;
	smsFailed?: boolean;
	smsSending?: boolean;
}

/**
 * At a counter, the card holder says the account's number is not theirs (someone else opened the account with their
 * own phone): the officer, with the card read and its photo checked (the route asks), types the holder's own number,
 * which is sent a code.
 */
export async function startCounterRepair(
	officer: { id: string; place: string },
	nationalId: string,
	phoneInput: string,
	ip: string | null,
	locale: Locale
): Promise<StartPhoneResult | { ok: false; reason: 'no_account' | 'proved' }> {
	const u = await accountLevel(nationalId);
	if (!u) return { ok: false, reason: 'no_account' };
	// a proved account was proved with its number (by ThaID, or here with the holder saying it is theirs): its person
	// changes it themselves (ThaID, or the old number)
	if (isProved(u.assurance)) return { ok: false, reason: 'proved' };
	const phone = normaliseThaiMobile(phoneInput);
	if (!phone) return { ok: false, reason: 'invalid', errors: { phone: 'err_phone' } };
	if (phone === u.phone) return { ok: false, reason: 'invalid', errors: { phone: 'err_staff_repair_same' } };
	const payload: PhonePayload = { userId: u.userId, phone, from: u.phone, takeover: true, counter: { staffId: officer.id, place: officer.place } };
	return phoneSent(await startChallenge({ purpose: 'counter_phone', phone, subject: nationalId, payload, ip, locale }), { phone });
}

/** The card holder tells the officer the code their number received: the account is theirs now, proved in person. */
export async function finishCounterRepair(
	officer: { id: string },
	draft: CounterRepairDraft,
	code: string,
	ip: string | null,
	locale: Locale
): Promise<CompletePhoneResult> {
	const r = await checkCode(draft.challengeId, code, 'counter_phone', ip);
	if (!r.ok) return r;
	const payload = r.payload as PhonePayload | null;
	if (r.subject !== draft.nationalId || payload?.counter?.staffId !== officer.id || !payload.takeover) return { ok: false, reason: 'restart' };
	const ok = await switchPhone({ userId: payload.userId, nationalId: draft.nationalId, ip }, payload, `staff:${officer.id}`, locale);
	return ok ? { ok: true } : { ok: false, reason: 'restart' };
}

/** Sign one device out (a session of this account only), or every device but this one. */
export async function revokeSessions(who: Who, sessionIds: string[]): Promise<number> {
	if (sessionIds.length === 0) return 0;
	const n = (
		await transaction(async (tx) => {
			await removeDeviceSubscriptions(tx, who.userId, { sessionIds });
			return await tx
				.delete(schema.sessions)
				.where(and(eq(schema.sessions.userId, who.userId), inArray(schema.sessions.id, sessionIds)))
				.returning({ id: schema.sessions.id });
		})
	).length;
	if (n) await audit({ actor: who.userId, action: 'session.revoked', subject: who.nationalId, ip: who.ip, detail: { count: n } });
	return n;
}

/**
 * Close the account (PDPA): the phone, password, sessions, pending codes, drafts' links and texts kept in the
 * outbox are erased. What stays: SSO's registry (contributions, benefits, coverage) and its applications, and
 * the audit log (who did what to the account, needed to answer for it). Registering again reopens the account.
 */
export async function closeAccount(who: Who, input: { current: string; confirm: boolean }, locale: Locale = 'th'): Promise<ChangePasswordResult> {
	const errors: FieldErrors = {};
	if (!input.confirm) errors.confirm = 'err_close_confirm';
	if (!input.current) errors.current = 'err_current_password_required';
	if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
	const checked = await checkCurrentPassword(who, input.current, locale);
	if (!checked.ok) return { ok: false, reason: checked.reason, errors: { current: checked.error } };
	const u = await account(who.userId);
	if (!u) return { ok: false, reason: 'invalid', errors: { current: 'err_current_password' } };
	return (await closeNow(who, { passwordHash: checked.passwordHash, phone: u.phone })) ? { ok: true } : { ok: false, reason: 'restart' };
}

/** The closing itself (see closeAccount), in one transaction; false (nothing changed) if the account is not as `was`. */
async function closeNow(who: Omit<Who, 'device'>, was: AccountWas): Promise<boolean> {
	const t = now();
	return await transaction(
		async (tx) => {
			// every number the account used or was sent codes at, and the flows in progress (their drafts hold answers)
			const challenges = await tx
				.select({ id: schema.otpChallenges.id, phone: schema.otpChallenges.phone })
				.from(schema.otpChallenges)
				.where(eq(schema.otpChallenges.subject, who.nationalId));
			const phones = [...new Set([was.phone, ...challenges.map((c) => c.phone)])];
			const challengeIds = challenges.map((c) => c.id);
			const closed = await tx
				.update(schema.users)
				.set({ phone: '', passwordHash: '', phoneVerifiedAt: 0, seenPeriod: null, closedAt: t })
				.where(stillAsItWas(who.userId, was))
				.returning({ id: schema.users.id });
			if (closed.length === 0) return false;
			await tx.delete(schema.sessions).where(eq(schema.sessions.userId, who.userId));
			await forgetAccountNotices(tx, who.userId);
			await tx
				.delete(schema.flowDrafts)
				.where(
					or(
						eq(jsonText(schema.flowDrafts.data, 'userId'), who.userId),
						eq(jsonText(schema.flowDrafts.data, 'nationalId'), who.nationalId),
						challengeIds.length ? inArray(jsonText(schema.flowDrafts.data, 'challengeId'), challengeIds) : sql`1 = 0`
					)
				);
			await tx.delete(schema.otpChallenges).where(eq(schema.otpChallenges.subject, who.nationalId));
			await tx.delete(schema.loginThrottle).where(eq(schema.loginThrottle.nationalId, who.nationalId));
			await tx.delete(schema.loginDevices).where(eq(schema.loginDevices.key, who.nationalId));
			await tx.delete(schema.smsOutbox).where(inArray(schema.smsOutbox.toPhone, phones));
			await tx.insert(schema.auditLog).values({ at: t, actor: who.userId, action: 'account.closed', subject: who.nationalId, ip: who.ip });
			return true;
		},
		{ durable: true }
	);
}

/**
 * Everything the portal holds about the citizen (PDPA right of access), as one JSON-able object:
 * the account, its sessions and security log, applications with their events, payments and reports,
 * and the registry's records of the person. The session ids, password hash and code hashes are not data about
 * the citizen but secrets, and are left out.
 */
export async function exportData(who: Who) {
	const d = db();
	const u = (await account(who.userId))!;
	const person = await one(d.select().from(schema.persons).where(eq(schema.persons.nationalId, who.nationalId)));
	const apps = await d.select().from(schema.applications).where(eq(schema.applications.personId, who.nationalId)).orderBy(schema.applications.id);
	const appIds = apps.map((a) => a.id);
	const byApp =
		<T extends { applicationId: number }>(rows: T[]) =>
		(id: number) =>
			rows.filter((r) => r.applicationId === id);
	const events = byApp(appIds.length ? await d.select().from(schema.applicationEvents).where(inArray(schema.applicationEvents.applicationId, appIds)) : []);
	const payments = byApp(appIds.length ? await d.select().from(schema.payments).where(inArray(schema.payments.applicationId, appIds)) : []);
	const reports = byApp(
		appIds.length ? await d.select().from(schema.unemploymentReports).where(inArray(schema.unemploymentReports.applicationId, appIds)) : []
	);
	const employments = (
		await d
			.select({
				employment: schema.employments,
				employer: { accountNo: schema.employers.accountNo, branch: schema.employers.branch, nameTh: schema.employers.nameTh, nameEn: schema.employers.nameEn }
			})
			.from(schema.employments)
			.innerJoin(schema.employers, eq(schema.employments.employerId, schema.employers.id))
			.where(eq(schema.employments.personId, who.nationalId))
	).map(({ employment: { id: _id, personId: _p, employerId: _e, ...e }, employer }) => ({ ...e, employer }));
	const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);
	return {
		exportedAt: iso(now()),
		about: 'ประกันสังคมออนไลน์ (Prakan): all data held about you / ข้อมูลทั้งหมดของคุณที่ระบบเก็บไว้',
		account: {
			nationalId: u.nationalId,
			phone: u.phone,
			locale: u.locale,
			createdAt: iso(u.createdAt),
			phoneVerifiedAt: iso(u.phoneVerifiedAt),
			passwordChangedAt: iso(u.passwordChangedAt),
			terms: { version: u.termsVersion, acceptedAt: iso(u.termsAcceptedAt) }
		},
		sessions: (
			await d
				.select({
					createdAt: schema.sessions.createdAt,
					lastSeenAt: schema.sessions.lastSeenAt,
					expiresAt: schema.sessions.expiresAt,
					ip: schema.sessions.ip,
					userAgent: schema.sessions.userAgent
				})
				.from(schema.sessions)
				.where(eq(schema.sessions.userId, who.userId))
		).map((s) => ({ ...s, createdAt: iso(s.createdAt), lastSeenAt: iso(s.lastSeenAt), expiresAt: iso(s.expiresAt) })),
		activity: (
			await d
				.select({ at: schema.auditLog.at, action: schema.auditLog.action, ip: schema.auditLog.ip, detail: schema.auditLog.detail })
				.from(schema.auditLog)
				// since the account was (re)opened, as on the profile page: a closed account's earlier holder's sign-ins and
				// addresses are not the new holder's to read
				.where(and(or(eq(schema.auditLog.subject, who.nationalId), eq(schema.auditLog.actor, who.userId)), gte(schema.auditLog.at, u.createdAt)))
				.orderBy(schema.auditLog.id)
		).map((a) => ({ at: iso(a.at), action: a.action, ip: a.ip, detail: a.detail ? JSON.parse(a.detail) : null })),
		// notifications: the choices, the devices that receive them, and every notice sent or waiting
		notifications: {
			choices: await d
				.select({ kind: schema.noticePrefs.kind, push: schema.noticePrefs.push, sms: schema.noticePrefs.sms })
				.from(schema.noticePrefs)
				.where(eq(schema.noticePrefs.userId, who.userId)),
			devices: (
				await d
					.select({
						userAgent: schema.pushSubscriptions.userAgent,
						createdAt: schema.pushSubscriptions.createdAt,
						lastSentAt: schema.pushSubscriptions.lastSentAt
					})
					.from(schema.pushSubscriptions)
					.where(eq(schema.pushSubscriptions.userId, who.userId))
			).map((s) => ({ ...s, createdAt: iso(s.createdAt), lastSentAt: iso(s.lastSentAt) })),
			notices: (
				await d
					.select({
						kind: schema.notices.kind,
						params: schema.notices.params,
						createdAt: schema.notices.createdAt,
						state: schema.notices.state,
						pushed: schema.notices.pushed,
						sms: schema.notices.sms,
						sentAt: schema.notices.sentAt
					})
					.from(schema.notices)
					.where(and(eq(schema.notices.userId, who.userId), gte(schema.notices.createdAt, u.createdAt)))
					.orderBy(schema.notices.id)
			).map((n) => ({ ...n, params: JSON.parse(n.params), createdAt: iso(n.createdAt), sentAt: iso(n.sentAt) }))
		},
		// every look at this person's data by a service centre or a hospital (the staff member's username stays
		// with the administrator)
		staffLookups: (
			await d
				.select({
					at: schema.staffLookups.at,
					role: schema.staffLookups.role,
					place: schema.staffLookups.place,
					method: schema.staffLookups.method,
					view: schema.staffLookups.view
				})
				.from(schema.staffLookups)
				.where(eq(schema.staffLookups.nationalId, who.nationalId))
				.orderBy(schema.staffLookups.id)
		).map((l) => ({ ...l, at: iso(l.at) })),
		applications: apps.map(({ id, userId: _u, personId: _p, idempotencyKey: _k, answers, outcome, ...a }) => ({
			...a,
			createdAt: iso(a.createdAt),
			updatedAt: iso(a.updatedAt),
			answers: JSON.parse(answers),
			outcome: JSON.parse(outcome),
			events: events(id).map((e) => ({ at: iso(e.at), status: e.status, reason: e.reason, by: e.actor === 'citizen' ? 'citizen' : 'sso' })),
			payments: payments(id).map((p) => ({ transactionId: p.transactionId, amountSatang: p.amountSatang, paidOn: p.paidOn })),
			reports: reports(id).map(({ id: _i, applicationId: _a, at, ...r }) => ({ ...r, at: iso(at) }))
		})),
		registry: {
			person,
			coverages: (await d.select().from(schema.coverages).where(eq(schema.coverages.personId, who.nationalId))).map(({ id: _i, personId: _p, ...c }) => c),
			employments,
			hospitalAssignments: (
				await d
					.select({ a: schema.hospitalAssignments, h: { nameTh: schema.hospitals.nameTh, nameEn: schema.hospitals.nameEn } })
					.from(schema.hospitalAssignments)
					.innerJoin(schema.hospitals, eq(schema.hospitalAssignments.hospitalCode, schema.hospitals.code))
					.where(eq(schema.hospitalAssignments.personId, who.nationalId))
			).map(({ a: { id: _i, personId: _p, ...a }, h }) => ({ ...a, hospital: h })),
			contributions: (
				await d.select().from(schema.contributions).where(eq(schema.contributions.personId, who.nationalId)).orderBy(schema.contributions.period)
			).map(({ id: _i, personId: _p, employerId: _e, ...c }) => c),
			benefitClaims: (await d.select().from(schema.benefitClaims).where(eq(schema.benefitClaims.personId, who.nationalId))).map(
				({ id: _i, personId: _p, ...c }) => c
			)
		},
		notes: {
			moneyIn: 'satang (1 baht = 100 satang) / สตางค์',
			datesIn: 'ISO 8601; instants in UTC / วันที่แบบ ISO เวลาเป็น UTC',
			notIncluded: 'password hash, session tokens and one-time codes (secrets, not data about you) / ไม่รวมรหัสผ่านที่เข้ารหัส โทเค็น และรหัส OTP'
		}
	};
}

export type DataExport = Awaited<ReturnType<typeof exportData>>;

/** Record that the citizen took a copy of their data. */
export async function auditExport(who: Who, format: 'json' | 'html' | 'contributions.csv'): Promise<void> {
	await audit({ actor: who.userId, action: 'data.export', subject: who.nationalId, ip: who.ip, detail: { format } });
}
