/**
 * One-time codes sent by SMS: 6 digits from a CSPRNG, stored only as an HMAC, valid 5 minutes,
 * at most 5 wrong tries per challenge, a resend after 60 seconds, and caps per phone and per IP.
 * A resend adds a code; every code of the challenge stays good until its own expiry, so a late SMS still works.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { config } from '../config';
import { now } from '../clock';
import { log } from '../log';
import { sendSms, SmsFailed } from '../sms';
import { OTP_MAX_ATTEMPTS, fullUntil, smsBudgetMessage, take, type Who } from '../limits';
import { generateToken } from './tokens';
import { audit } from '../audit';
import * as m from '$lib/paraglide/messages';
import type { Msg } from '$lib/validation/messages';
import type { Locale } from '$lib/i18n';

export const OTP_TTL_MS = 5 * 60_000;
export { OTP_MAX_ATTEMPTS };
export const OTP_RESEND_AFTER_MS = 60_000;
/** A challenge can be resent within this time; after it the citizen starts the step again. */
export const CHALLENGE_TTL_MS = 30 * 60_000;

type Purpose = (typeof schema.OTP_PURPOSES)[number];

interface StoredCode {
	h: string;
	exp: number;
}

export function hmacCode(code: string): string {
	return crypto.createHmac('sha256', config().secretKey).update(code).digest('hex');
}

export function generateCode(): string {
	return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

/** "123 456", "123-456" → "123456" */
export function normaliseCode(input: string): string {
	return input.replace(/[\s\-–]/g, '');
}

/** Registration and password reset can be started by anyone with an ID and a birth date; the others need a session. */
function scopeOf(purpose: Purpose): 'public' | 'account' {
	return purpose === 'register' || purpose === 'reset' ? 'public' : 'account';
}

/**
 * Codes to a number the requester typed (not yet proven theirs) are counted apart from codes to a number on file, so
 * asking for codes to someone else's number never uses up the codes that person needs to sign in or reset a password.
 */
const UNPROVEN: readonly Purpose[] = ['register', 'phone_change', 'counter_phone', 'staff_activate'];

const phoneIsFor = (purpose: Purpose) => (UNPROVEN.includes(purpose) ? 'unproven' : 'on_file');

function sendCounters(purpose: Purpose, phone: string, subject: string, ip: string | null): Who {
	return { phone, nationalId: subject, ip, scope: scopeOf(purpose), phoneIs: phoneIsFor(purpose) };
}

/** Each text says what its code is for, and that nobody — not even staff — may be told it. */
const BODIES: Record<Purpose, typeof m.sms_otp_register> = {
	register: m.sms_otp_register,
	reset: m.sms_otp_reset,
	phone_change: m.sms_otp_phone_change,
	phone_old: m.sms_otp_phone_old,
	counter_phone: m.sms_otp_counter_phone,
	account_confirm: m.sms_otp_account_confirm,
	confirm: m.sms_otp_confirm,
	staff_login: m.sms_otp_staff_login,
	staff_activate: m.sms_otp_staff_activate
};

export function smsBody(purpose: Purpose, code: string, locale: Locale): string {
	return BODIES[purpose]({ code, minutes: OTP_TTL_MS / 60_000 }, { locale });
}

/** The SMS never left: the citizen may ask again at once instead of waiting 60 seconds. */
async function allowImmediateResend(challengeId: string): Promise<void> {
	await transaction((tx) => tx.update(schema.otpChallenges).set({ lastSentAt: 0 }).where(eq(schema.otpChallenges.id, challengeId)));
}

/** How long a page waits for the SMS provider before answering "the message is on its way". */
export const SEND_BUDGET_MS = 4_000;

/**
 * Send without letting a slow provider block the page: wait up to SEND_BUDGET_MS, then let the send finish
 * in the background (its outcome is recorded in sms_outbox; a late failure allows an immediate resend).
 */
async function deliver(challengeId: string, purpose: Purpose, phone: string, body: string): Promise<'sent' | 'sending' | 'failed'> {
	const sending = sendSms(`otp:${purpose}`, { to: phone, body }, { phoneIs: phoneIsFor(purpose) }).then(
		() => 'sent' as const,
		(e: unknown) => {
			if (!(e instanceof SmsFailed)) log.error({ err: e, purpose }, 'Unexpected error sending a one-time code');
			return allowImmediateResend(challengeId).then(() => 'failed' as const);
		}
	);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const budget = new Promise<'sending'>((resolve) => (timer = setTimeout(() => resolve('sending'), SEND_BUDGET_MS)));
	const outcome = await Promise.race([sending, budget]);
	clearTimeout(timer);
	return outcome;
}

/** A refused send: `error` is set when the portal's hourly budget of texts is used up (not this person's caps). */
export type RateLimited = { ok: false; reason: 'rate_limited'; retryAt: number; error?: Msg };

/** The portal's hourly texts are used up: refused before anything is counted against the person or made. */
async function budgetSpent(purpose: Purpose, t: number, locale: Locale): Promise<RateLimited | null> {
	const until = await fullUntil('sms', { phoneIs: phoneIsFor(purpose) }, t);
	return until ? { ok: false, reason: 'rate_limited', retryAt: until, error: smsBudgetMessage(until, locale, t) } : null;
}

export type SendResult = { ok: true; challengeId: string; sending: boolean } | RateLimited | { ok: false; reason: 'sms_failed'; challengeId: string };

/** Start a challenge: make a code, send it, remember only its HMAC. */
export async function startChallenge(args: {
	purpose: Purpose;
	phone: string;
	subject: string;
	payload?: unknown;
	ip: string | null;
	locale: Locale;
}): Promise<SendResult> {
	const t = now();
	const spent = await budgetSpent(args.purpose, t, args.locale);
	if (spent) return spent;
	const taken = await take('code_send', sendCounters(args.purpose, args.phone, args.subject, args.ip), t);
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAt: taken.retryAt };
	const code = generateCode();
	const id = generateToken();
	const codes: StoredCode[] = [{ h: hmacCode(code), exp: t + OTP_TTL_MS }];
	await transaction((tx) =>
		tx.insert(schema.otpChallenges).values({
			id,
			purpose: args.purpose,
			phone: args.phone,
			subject: args.subject,
			codes: JSON.stringify(codes),
			createdAt: t,
			expiresAt: t + CHALLENGE_TTL_MS,
			lastSentAt: t,
			sends: 1,
			attempts: 0,
			ip: args.ip,
			payload: args.payload === undefined ? null : JSON.stringify(args.payload)
		})
	);
	const outcome = await deliver(id, args.purpose, args.phone, smsBody(args.purpose, code, args.locale));
	await audit({ actor: 'system', action: 'code.sent', subject: args.subject, ip: args.ip, detail: { purpose: args.purpose, outcome } });
	if (outcome === 'failed') return { ok: false, reason: 'sms_failed', challengeId: id };
	return { ok: true, challengeId: id, sending: outcome === 'sending' };
}

/**
 * Keep a flow's open challenge when the citizen goes back and submits the same details again: no new text, no new
 * code (the one they hold still works). Only a challenge of this purpose, subject and phone that can still succeed (not
 * used, not dead after five wrong codes, with a code not yet expired) is kept; its tries, expiry and resend wait stay
 * as they were, so going back and forth gives no extra guesses and no text outside the caps. The payload is replaced
 * (e.g. a new password typed on the way). False: start a new challenge (which counts against the caps as usual).
 */
export async function keepChallenge(challengeId: string, args: { purpose: Purpose; phone: string; subject: string; payload?: unknown }): Promise<boolean> {
	const t = now();
	return transaction(async (tx) => {
		const ch = await one(tx.select().from(schema.otpChallenges).where(eq(schema.otpChallenges.id, challengeId)));
		if (!ch || ch.purpose !== args.purpose || ch.phone !== args.phone || ch.subject !== args.subject) return false;
		if (ch.consumedAt || t >= ch.expiresAt || ch.attempts >= OTP_MAX_ATTEMPTS) return false;
		if (!(JSON.parse(ch.codes) as StoredCode[]).some((c) => c.exp > t)) return false;
		const payload = args.payload === undefined ? null : JSON.stringify(args.payload);
		await tx.update(schema.otpChallenges).set({ payload }).where(eq(schema.otpChallenges.id, challengeId));
		return true;
	});
}

export type ResendResult =
	| { ok: true; sending: boolean }
	| { ok: false; reason: 'wait'; retryAt: number }
	| RateLimited
	| { ok: false; reason: 'sms_failed' }
	| { ok: false; reason: 'gone' };

export async function resendCode(challengeId: string, ip: string | null, locale: Locale): Promise<ResendResult> {
	const t = now();
	// the look at the challenge, the wait, the caps and the new code in one transaction: two resends at once (a double
	// click, two tabs) send one text, and neither drops the other's code
	const r = await transaction(async (tx): Promise<ResendResult | { ok: true; ch: typeof schema.otpChallenges.$inferSelect; code: string }> => {
		const ch = await one(tx.select().from(schema.otpChallenges).where(eq(schema.otpChallenges.id, challengeId)));
		if (!ch || ch.consumedAt || t >= ch.expiresAt || ch.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, reason: 'gone' };
		if (t - ch.lastSentAt < OTP_RESEND_AFTER_MS) return { ok: false, reason: 'wait', retryAt: ch.lastSentAt + OTP_RESEND_AFTER_MS };
		const spent = await budgetSpent(ch.purpose, t, locale);
		if (spent) return spent;
		const taken = await take('code_send', sendCounters(ch.purpose, ch.phone, ch.subject, ip), t);
		if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAt: taken.retryAt };
		const code = generateCode();
		const codes = (JSON.parse(ch.codes) as StoredCode[]).filter((c) => c.exp > t);
		codes.push({ h: hmacCode(code), exp: t + OTP_TTL_MS });
		await tx
			.update(schema.otpChallenges)
			.set({ codes: JSON.stringify(codes), lastSentAt: t, sends: ch.sends + 1 })
			.where(eq(schema.otpChallenges.id, challengeId));
		return { ok: true, ch, code };
	});
	if (!r.ok || !('ch' in r)) return r;
	const { ch, code } = r;
	const outcome = await deliver(challengeId, ch.purpose, ch.phone, smsBody(ch.purpose, code, locale));
	await audit({ actor: 'system', action: 'code.sent', subject: ch.subject, ip, detail: { purpose: ch.purpose, outcome, resend: true } });
	if (outcome === 'failed') return { ok: false, reason: 'sms_failed' };
	return { ok: true, sending: outcome === 'sending' };
}

export type VerifyResult =
	| { ok: true; payload: unknown; subject: string; phone: string }
	| { ok: false; reason: 'wrong'; attemptsLeft: number }
	| { ok: false; reason: 'expired' }
	| { ok: false; reason: 'too_many' }
	| { ok: false; reason: 'gone' };

/** What the citizen is told after a failed check, or 'restart' when this challenge cannot succeed any more. */
export function codeProblem(r: Exclude<VerifyResult, { ok: true }>): Msg | 'restart' {
	switch (r.reason) {
		case 'wrong':
			return { key: 'err_code_wrong', params: { left: r.attemptsLeft } };
		case 'expired':
			return 'err_code_expired';
		case 'too_many':
			return 'err_code_too_many';
		default:
			return 'restart';
	}
}

/** A typed code that cannot be a code (not 6 digits once spaces and dashes are gone). */
export function malformedCode(typed: string): boolean {
	return !/^\d{6}$/.test(normaliseCode(typed));
}

function safeEqualHex(a: string, b: string): boolean {
	const x = Buffer.from(a, 'hex');
	const y = Buffer.from(b, 'hex');
	return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Check a typed code. Right → the challenge is consumed (once: a second check of the same challenge is 'gone').
 * Runs in one transaction so two parallel submissions cannot both succeed.
 */
export async function verifyCode(challengeId: string, typed: string, purpose: Purpose, ip: string | null = null): Promise<VerifyResult> {
	const t = now();
	const code = normaliseCode(typed);
	let subject: string | null = null;
	const r = await transaction(async (tx): Promise<VerifyResult> => {
		const ch = await one(tx.select().from(schema.otpChallenges).where(eq(schema.otpChallenges.id, challengeId)));
		if (!ch || ch.purpose !== purpose || ch.consumedAt) return { ok: false, reason: 'gone' } as const;
		subject = ch.subject;
		if (ch.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, reason: 'too_many' } as const;
		const live = (JSON.parse(ch.codes) as StoredCode[]).filter((c) => c.exp > t);
		if (live.length === 0) return { ok: false, reason: 'expired' } as const;
		const h = /^\d{6}$/.test(code) ? hmacCode(code) : null;
		if (h && live.some((c) => safeEqualHex(c.h, h))) {
			await tx.update(schema.otpChallenges).set({ consumedAt: t, payload: null }).where(eq(schema.otpChallenges.id, challengeId));
			return { ok: true, payload: ch.payload ? JSON.parse(ch.payload) : null, subject: ch.subject, phone: ch.phone } as const;
		}
		const attempts = ch.attempts + 1;
		await tx.update(schema.otpChallenges).set({ attempts }).where(eq(schema.otpChallenges.id, challengeId));
		if (attempts >= OTP_MAX_ATTEMPTS) return { ok: false, reason: 'too_many' } as const;
		return { ok: false, reason: 'wrong', attemptsLeft: OTP_MAX_ATTEMPTS - attempts } as const;
	});
	// every check of a live challenge is audited (a check of an unknown or used one has no one to file it under)
	if (subject)
		await audit({ actor: 'system', action: r.ok ? 'code.verified' : 'code.failed', subject, ip, detail: { purpose, reason: r.ok ? undefined : r.reason } });
	return r;
}

export type CodeCheck =
	{ ok: true; payload: unknown; subject: string; phone: string } | { ok: false; reason: 'invalid'; error: Msg } | { ok: false; reason: 'restart' };

/**
 * A typed code checked against a flow's challenge: right, the citizen's mistake (with its message: not 6 digits, wrong
 * with the tries left, expired, too many), or 'restart' when this challenge can no longer succeed.
 */
export async function checkCode(challengeId: string | undefined, typed: string, purpose: Purpose, ip: string | null): Promise<CodeCheck> {
	if (!challengeId) return { ok: false, reason: 'restart' };
	if (malformedCode(typed)) return { ok: false, reason: 'invalid', error: 'err_code_format' };
	const r = await verifyCode(challengeId, typed, purpose, ip);
	if (r.ok) return r;
	const problem = codeProblem(r);
	return problem === 'restart' ? { ok: false, reason: 'restart' } : { ok: false, reason: 'invalid', error: problem };
}

/** Read a challenge for display (masked phone, when a resend is allowed). */
export async function challengeInfo(
	challengeId: string
): Promise<{ phone: string; lastSentAt: number; sends: number; consumed: boolean; expiresAt: number } | null> {
	const ch = await one(db().select().from(schema.otpChallenges).where(eq(schema.otpChallenges.id, challengeId)));
	if (!ch) return null;
	return { phone: ch.phone, lastSentAt: ch.lastSentAt, sends: ch.sends, consumed: ch.consumedAt !== null, expiresAt: ch.expiresAt };
}
