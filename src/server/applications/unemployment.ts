/**
 * The unemployment benefit claim: prefilled from the employment record, the computation shown before submitting,
 * and after approval the report-in calendar whose reports release each 30-day period's payment.
 */
import { and, asc, eq } from 'drizzle-orm';
import { db, schema, IMMEDIATE, durably } from '../db';
import { audit } from '../audit';
import { now } from '../clock';
import { loadRecords, monthlyBases, unemploymentDaysThisYear } from '../registry/records';
import { advance, createApplication, openApplication, type ApplicationRow } from './store';
import {
	amountsAtRate,
	estimateUnemployment,
	unemploymentFigures,
	type Cause,
	type UnemploymentEstimate,
	type UnemploymentFigures
} from '$lib/rules/unemployment';
import { paymentCalendar, reportOpen, type ReportRecord } from '$lib/rules/applications';
import { addDays, daysBetween } from '$lib/rules/periods';
import { registrationDeadline } from '$lib/rules/workdays';

export const CLAIM_CAUSES = ['dismissed', 'business_closed', 'resigned', 'contract_ended', 'force_majeure'] as const;
export type ClaimCause = (typeof CLAIM_CAUSES)[number];

export interface UnemploymentAnswers {
	employer?: string;
	lastWorkingDay?: string;
	cause?: ClaimCause;
	payment?: { method: 'promptpay' } | { method: 'bank'; bankCode: string; accountNo: string; accountName: string };
}

export interface UnemploymentOutcome {
	estimate: UnemploymentEstimate;
	figures: UnemploymentFigures;
	registrationDate: string;
	/** force majeure: who set the rate of the event's announcement (s.79/1), and when */
	rateDecided?: { by: string; at: number };
}

export function unemploymentContext(nationalId: string, today: string) {
	const r = loadRecords(nationalId, today);
	const lastJob = [...r.employments].reverse()[0] ?? null;
	const working = r.status.open?.section === 33;
	return {
		records: r,
		lastJob,
		/** why the citizen cannot claim at all (still employed, never under section 33) */
		blocked: working ? ('working' as const) : !lastJob ? ('never_employed' as const) : null,
		pending: openApplication(nationalId, 'unemployment') ?? null,
		prefill: {
			employer: lastJob?.employer ?? '',
			lastWorkingDay: lastJob?.endDate ?? '',
			cause: lastJob?.endReason && (CLAIM_CAUSES as readonly string[]).includes(lastJob.endReason) ? (lastJob.endReason as ClaimCause) : undefined
		}
	};
}

export type UnemploymentContext = ReturnType<typeof unemploymentContext>;

/** The computation the citizen sees before submitting, with registration = today (submitting is registering). */
export function computeClaim(ctx: UnemploymentContext, a: Required<Pick<UnemploymentAnswers, 'lastWorkingDay' | 'cause'>>, today: string): UnemploymentOutcome {
	const contributions = monthlyBases(ctx.records.lines.filter((l) => l.section === 33));
	const input = {
		contributions,
		lastWorkingDay: a.lastWorkingDay,
		cause: a.cause as Cause,
		registrationDate: today,
		usedThisYear: unemploymentDaysThisYear(ctx.records.claims, today)
	};
	// what the registry already knows weighs on the estimate: an old-age benefit being paid, or an employment that
	// ended for misconduct (the citizen may still say otherwise and send the claim; SSO decides)
	const receivingOldAge = ctx.records.claims.some((c) => c.kind === 'old_age' && (c.status === 'approved' || c.status === 'paid'));
	const registryMisconduct = ctx.lastJob?.endReason === 'dismissed_misconduct';
	return {
		estimate: estimateUnemployment({ ...input, receivingOldAge, cause: registryMisconduct ? 'dismissed_misconduct' : input.cause }),
		figures: unemploymentFigures(input),
		registrationDate: today
	};
}

/** Days left before the 30-day registration line, which moves past a weekend or holiday (negative when past it). */
export function daysToRegistrationLine(lastWorkingDay: string, today: string): number {
	return daysBetween(today, registrationDeadline(lastWorkingDay));
}

export function submitUnemployment(args: { userId: string; nationalId: string; key: string; answers: UnemploymentAnswers; today: string; ip: string | null }) {
	return createApplication<'pending' | 'working' | 'never_employed' | 'incomplete'>({
		kind: 'unemployment',
		personId: args.nationalId,
		userId: args.userId,
		key: args.key,
		answers: args.answers,
		ip: args.ip,
		decide: () => {
			const ctx = unemploymentContext(args.nationalId, args.today);
			if (ctx.blocked) return { refused: ctx.blocked };
			if (ctx.pending) return { refused: 'pending' };
			const { lastWorkingDay, cause, payment } = args.answers;
			if (!lastWorkingDay || !cause || !payment) return { refused: 'incomplete' };
			// the computation is stored with the application, as it was shown when the citizen submitted
			return { outcome: computeClaim(ctx, { lastWorkingDay, cause }, args.today) };
		}
	});
}

export function reportsOf(applicationId: number): ReportRecord[] {
	return db()
		.select()
		.from(schema.unemploymentReports)
		.where(eq(schema.unemploymentReports.applicationId, applicationId))
		.orderBy(asc(schema.unemploymentReports.periodNo))
		.all();
}

export type SetRateResult = { ok: true; figures: UnemploymentFigures } | { ok: false; reason: 'not_found' | 'not_force_majeure' | 'not_open' | 'bad_rate' };

/**
 * The officer's decision on a force-majeure claim: the rate (basis points) and, when the announcement limits them,
 * the days of the event's announcement (Act s.79/1). The days never exceed what is left of the 180-day yearly total.
 * Only while the claim is undecided; audited.
 */
export function setForceMajeureRate(ref: string, decision: { rateBp: number; maxDays?: number }, opts: { actor: string; ip?: string | null }): SetRateResult {
	const d = db();
	return d.transaction((): SetRateResult => {
		const app = d.select().from(schema.applications).where(eq(schema.applications.ref, ref)).get();
		if (!app || app.kind !== 'unemployment') return { ok: false, reason: 'not_found' };
		if ((JSON.parse(app.answers) as UnemploymentAnswers).cause !== 'force_majeure') return { ok: false, reason: 'not_force_majeure' };
		if (app.status !== 'submitted' && app.status !== 'under_review') return { ok: false, reason: 'not_open' };
		const { rateBp, maxDays } = decision;
		if (!Number.isInteger(rateBp) || rateBp <= 0 || rateBp > 10_000) return { ok: false, reason: 'bad_rate' };
		if (maxDays !== undefined && (!Number.isInteger(maxDays) || maxDays < 0)) return { ok: false, reason: 'bad_rate' };
		const o = JSON.parse(app.outcome) as UnemploymentOutcome;
		const days = maxDays === undefined ? o.figures.maxDays : Math.min(maxDays, o.figures.maxDays);
		const figures: UnemploymentFigures = { ...o.figures, ...amountsAtRate(o.figures.averageSatang, rateBp, days), maxDays: days };
		const estimate: UnemploymentEstimate = o.estimate.eligible ? { ...o.estimate, ...figures } : o.estimate;
		const outcome: UnemploymentOutcome = { ...o, figures, estimate, rateDecided: { by: opts.actor, at: now() } };
		d.update(schema.applications)
			.set({ outcome: JSON.stringify(outcome), updatedAt: now() })
			.where(eq(schema.applications.id, app.id))
			.run();
		audit({ actor: opts.actor, action: 'application.rate', subject: app.personId, ip: opts.ip ?? null, detail: { ref, rateBp, maxDays: days } });
		return { ok: true, figures };
	}, IMMEDIATE);
}

/** The payment calendar of an approved claim (null before approval, when refused, or while no rate is set). */
export function claimCalendar(app: ApplicationRow, today: string) {
	if (!['approved', 'paid', 'ended'].includes(app.status)) return null;
	const o = JSON.parse(app.outcome) as UnemploymentOutcome;
	if (o.figures.dailySatang === null) return null;
	const cal = paymentCalendar({
		payFrom: o.figures.payFrom,
		maxDays: o.figures.maxDays,
		dailySatang: o.figures.dailySatang,
		reports: reportsOf(app.id),
		today
	});
	return { ...cal, open: app.status === 'ended' ? null : reportOpen(cal.periods, cal.ended) };
}

export interface ReportAnswers {
	stillUnemployed: boolean;
	foundWork: boolean;
	refusedOffer: boolean;
	workStart: string | null;
}

export type ReportResult = { ok: true; periodNo: number; paidSatang: number; ended: boolean } | { ok: false; reason: 'not_open' };

/**
 * Record the report for the period that is open today, pay that period (a benefit_claims row, once per period),
 * and move the claim to paid, or to ended when work was found or the days ran out. All in one transaction;
 * a second submit for the same period finds it reported and changes nothing.
 */
export function recordReport(app: ApplicationRow, answers: ReportAnswers, today: string, ip: string | null): ReportResult & { sms?: Promise<void>[] } {
	const d = db();
	const smses: Promise<void>[] = [];
	const r = durably(() =>
		d.transaction((): ReportResult => {
			const fresh = d.select().from(schema.applications).where(eq(schema.applications.id, app.id)).get()!;
			const cal = claimCalendar(fresh, today);
			const period = cal?.open;
			if (!cal || !period) return { ok: false, reason: 'not_open' };
			d.insert(schema.unemploymentReports)
				.values({ applicationId: app.id, periodNo: period.periodNo, reportedOn: today, ...answers, at: now() })
				.run();
			audit({
				actor: `user:${app.userId}`,
				action: 'application.report',
				subject: app.personId,
				ip,
				detail: { ref: app.ref, periodNo: period.periodNo, ...answers }
			});
			const after = claimCalendar(fresh, today)!;
			const paid = after.periods.find((p) => p.periodNo === period.periodNo)!;
			if (paid.amountSatang > 0) {
				d.insert(schema.benefitClaims)
					.values({
						personId: app.personId,
						kind: 'unemployment',
						claimDate: fresh.submittedOn,
						startDate: paid.from,
						endDate: addDays(paid.from, paid.days - 1),
						amountSatang: paid.amountSatang,
						status: 'paid',
						paidDate: today,
						applicationId: app.id,
						periodNo: paid.periodNo,
						cause: (JSON.parse(fresh.answers) as UnemploymentAnswers).cause ?? null
					})
					.run();
			}
			const steps: ('paid' | 'ended')[] = [];
			if (fresh.status === 'approved' && paid.amountSatang > 0) steps.push('paid');
			if (after.ended) steps.push('ended');
			for (const to of steps) {
				const a = advance(app.ref, to, { actor: `user:${app.userId}`, ip });
				if (a.ok && a.sms) smses.push(a.sms);
			}
			return { ok: true, periodNo: period.periodNo, paidSatang: paid.amountSatang, ended: after.ended };
		}, IMMEDIATE)
	);
	return { ...r, sms: smses };
}

/** Benefit rows paid for a claim, newest last. */
export function claimPayments(applicationId: number) {
	return db()
		.select()
		.from(schema.benefitClaims)
		.where(and(eq(schema.benefitClaims.applicationId, applicationId), eq(schema.benefitClaims.kind, 'unemployment')))
		.orderBy(asc(schema.benefitClaims.periodNo))
		.all();
}
