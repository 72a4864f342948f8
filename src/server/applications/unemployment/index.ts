/**
 * The unemployment claim as an application kind: the 30-day registration line on the start page, three questions,
 * the computation beside the answers (checked again if the day has changed), and after approval the report-ins.
 */
import { m } from '$lib/paraglide/messages';
import { registrationDeadline } from '$lib/rules/workdays';
import { defineKind, submission, submitted } from '../kind';
import {
	computeClaim,
	daysToRegistrationLine,
	submitUnemployment,
	unemploymentContext,
	type UnemploymentAnswers,
	type UnemploymentContext,
	type UnemploymentOutcome
} from './claim';
import { claimCalendar, claimPayments } from './reports';
import { unemploymentSteps } from './flow';

export const unemployment = defineKind<UnemploymentAnswers, UnemploymentContext>()({
	title: () => m.app_kind_unemployment(),
	card: () => m.apply_une_card(),
	context: (nationalId, today) => unemploymentContext(nationalId, today),
	steps: unemploymentSteps,
	begin: async (c, today) => {
		const ctx = await unemploymentContext(c.nationalId, today);
		return ctx.blocked || ctx.pending ? null : {};
	},
	start: async (c, today) => {
		const ctx = await unemploymentContext(c.nationalId, today);
		const lwd = ctx.prefill.lastWorkingDay;
		return {
			today,
			blocked: ctx.blocked,
			pending: ctx.pending?.ref ?? null,
			employer: ctx.prefill.employer,
			lastWorkingDay: lwd || null,
			daysLeft: lwd ? daysToRegistrationLine(lwd, today) : null,
			// 30 days after the last working day, moved past a weekend or holiday
			registrationUntil: lwd ? registrationDeadline(lwd) : null
		};
	},
	check: async (_c, e, a) => {
		const answers = { lastWorkingDay: a.lastWorkingDay!, cause: a.cause! };
		return {
			...computeClaim(e.ctx, answers, e.today),
			daysLeft: daysToRegistrationLine(answers.lastWorkingDay, e.today),
			registrationUntil: registrationDeadline(answers.lastWorkingDay)
		};
	},
	declarations: () => [
		{ name: 'declareConduct', label: m.une_declare_conduct() },
		{ name: 'declareAble', label: m.une_declare_able() },
		{ name: 'declareTrue', label: m.declare_true() }
	],
	submitLabel: () => m.submit_application(),
	// the figures were shown for one day's date: after midnight they may differ, so show them again first
	stale: (form, e) => (form.asOf !== e.today ? 'err_figures_changed' : null),
	submit: async (c, e, attempt) => submitted(await submitUnemployment(submission(c, e, attempt))),
	confirmNext: () => m.confirm_next_une(),
	detail: async (app, today, query) => {
		const cal = await claimCalendar(app, today);
		return {
			ref: app.ref,
			outcome: JSON.parse(app.outcome) as UnemploymentOutcome,
			// the period just reported, from the report page's redirect
			reported: Number(query.get('reported')) || null,
			calendar: cal ? { periods: cal.periods, ended: cal.ended, open: cal.open } : null,
			payments: (await claimPayments(app.id)).map((p) => ({
				periodNo: p.periodNo,
				from: p.startDate,
				to: p.endDate,
				amountSatang: p.amountSatang,
				paidDate: p.paidDate
			}))
		};
	}
});
