/**
 * The unemployment benefit claim: prefilled from the employment record, the computation shown before submitting,
 * and the officer's rate for a force-majeure claim. The report-ins after approval are in reports.ts.
 */
import { eq } from 'drizzle-orm';
import { one, schema, transaction } from '../../db';
import { audit } from '../../audit';
import { now } from '../../clock';
import { loadRecords, monthlyBases, unemploymentDaysThisYear } from '../../registry/records';
import { createApplication, type Submission, openApplication } from '../store';
import type { PaymentAccount } from '../questions';
import {
	amountsAtRate,
	estimateUnemployment,
	unemploymentFigures,
	type Cause,
	type UnemploymentEstimate,
	type UnemploymentFigures
} from '$lib/rules/unemployment';
import { daysBetween } from '$lib/rules/periods';
import { registrationDeadline } from '$lib/rules/workdays';

export const CLAIM_CAUSES = ['dismissed', 'business_closed', 'resigned', 'contract_ended', 'force_majeure'] as const;
export type ClaimCause = (typeof CLAIM_CAUSES)[number];

export interface UnemploymentAnswers {
	employer?: string;
	lastWorkingDay?: string;
	cause?: ClaimCause;
	payment?: PaymentAccount;
}

export interface UnemploymentOutcome {
	estimate: UnemploymentEstimate;
	figures: UnemploymentFigures;
	registrationDate: string;
	/** force majeure: who set the rate of the event's announcement (s.79/1), and when */
	rateDecided?: { by: string; at: number };
}

export async function unemploymentContext(nationalId: string, today: string) {
	const r = await loadRecords(nationalId, today);
	const lastJob = [...r.employments].reverse()[0] ?? null;
	const working = r.status.open?.section === 33;
	return {
		records: r,
		lastJob,
		/** why the citizen cannot claim at all (still employed, never under section 33) */
		blocked: working ? ('working' as const) : !lastJob ? ('never_employed' as const) : null,
		pending: (await openApplication(nationalId, 'unemployment')) ?? null,
		prefill: {
			employer: lastJob?.employer ?? '',
			lastWorkingDay: lastJob?.endDate ?? '',
			cause: lastJob?.endReason && (CLAIM_CAUSES as readonly string[]).includes(lastJob.endReason) ? (lastJob.endReason as ClaimCause) : undefined
		}
	};
}

export type UnemploymentContext = Awaited<ReturnType<typeof unemploymentContext>>;

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

export function submitUnemployment(args: Submission<UnemploymentAnswers>) {
	return createApplication<'pending' | 'working' | 'never_employed' | 'incomplete'>('unemployment', args, async () => {
		const ctx = await unemploymentContext(args.nationalId, args.today);
		if (ctx.blocked) return { ok: false, refusal: ctx.blocked };
		if (ctx.pending) return { ok: false, refusal: 'pending' };
		const { lastWorkingDay, cause, payment } = args.answers;
		if (!lastWorkingDay || !cause || !payment) return { ok: false, refusal: 'incomplete' };
		// the computation is stored with the application, as it was shown when the citizen submitted
		return { ok: true, outcome: computeClaim(ctx, { lastWorkingDay, cause }, args.today) };
	});
}

export type SetRateResult = { ok: true; figures: UnemploymentFigures } | { ok: false; reason: 'not_found' | 'not_force_majeure' | 'not_open' | 'bad_rate' };

/**
 * The officer's decision on a force-majeure claim: the rate (basis points) and, when the announcement limits them,
 * the days of the event's announcement (Act s.79/1). The days never exceed what is left of the 180-day yearly total.
 * Only while the claim is undecided; audited.
 */
export async function setForceMajeureRate(
	ref: string,
	decision: { rateBp: number; maxDays?: number },
	opts: { actor: string; ip?: string | null }
): Promise<SetRateResult> {
	return transaction(async (d): Promise<SetRateResult> => {
		const app = await one(d.select().from(schema.applications).where(eq(schema.applications.ref, ref)));
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
		await d
			.update(schema.applications)
			.set({ outcome: JSON.stringify(outcome), updatedAt: now() })
			.where(eq(schema.applications.id, app.id));
		await audit({ actor: opts.actor, action: 'application.rate', subject: app.personId, ip: opts.ip ?? null, detail: { ref, rateBp, maxDays: days } });
		return { ok: true, figures };
	});
}
