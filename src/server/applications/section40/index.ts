/**
 * Section 40 membership as an application kind: who may join (the start page), four questions, the amount and the
 * slip's validity beside the answers, and an SMS code to confirm before it is sent (/apply/section40/code).
 */
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/validation/phone';
import { db, schema, one } from '../../db';
import { eq } from 'drizzle-orm';
import { startChallenge } from '../../auth/otp';
import { tryAgainAt } from '../../limits';
import { findPerson } from '../../registry/persons';
import { defineKind } from '../kind';
import { outcomeFor, registeredPhone, section40Context, type S40Answers, type S40Context, type S40Outcome } from './application';
import { section40Steps } from './flow';
import { expireUnpaidSlips } from './payment';

export const section40 = defineKind<S40Answers, S40Context>()({
	title: () => m.app_kind_section40(),
	card: () => m.apply_s40_card(),
	context: (nationalId, today) => section40Context(nationalId, today),
	steps: section40Steps,
	stops: ['pensioner'],
	begin: async (c, today) => {
		const ctx = await section40Context(c.nationalId, today);
		return ctx.eligibility.ok && !ctx.pending ? {} : null;
	},
	start: async (c, today, _draft, stop) => {
		const ctx = await section40Context(c.nationalId, today);
		return { eligibility: ctx.eligibility, pending: ctx.pending?.ref ?? null, stop };
	},
	check: async (c, e, a) => ({
		person: { ...(await findPerson(c.nationalId))! },
		phone: maskPhone(await registeredPhone(c.userId)),
		outcome: outcomeFor(Number(a.option) as 1 | 2 | 3, e.today)
	}),
	declarations: () => [{ name: 'declareTrue', label: m.declare_true() }],
	submitLabel: () => m.s40_submit_code(),
	// sending the answers texts the code that confirms them; the code page submits (submitSection40)
	submit: async (c, e, attempt) => {
		// checked again before a code is texted: still eligible, not a pensioner, no slip already open
		if (attempt.answers.pensioner !== 'no') return { ok: false, reason: 'restart', stop: 'pensioner' };
		if (!e.ctx.eligibility.ok || e.ctx.pending) return { ok: false, reason: 'restart' };
		const r = await startChallenge({ purpose: 'confirm', phone: await registeredPhone(c.userId), subject: c.nationalId, ip: c.ip, locale: c.locale });
		if (!r.ok && r.reason === 'rate_limited') return { ok: false, reason: 'rate_limited', error: r.error ?? tryAgainAt(r.retryAt, c.locale) };
		return { ok: true, confirm: { at: '/apply/section40/code', flags: { challengeId: r.challengeId, smsFailed: !r.ok, smsSending: r.ok && r.sending } } };
	},
	confirmNext: () => m.confirm_next_s40(),
	detail: async (app) => {
		const payment = await one(db().select().from(schema.payments).where(eq(schema.payments.applicationId, app.id)));
		return { ref: app.ref, status: app.status, outcome: JSON.parse(app.outcome) as S40Outcome, paidOn: payment?.paidOn ?? null };
	},
	scheduled: async (today) => ({ expired: await expireUnpaidSlips(today) })
});
