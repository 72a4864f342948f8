/**
 * After an unemployment claim is approved: the report-in calendar, and the monthly report that releases each 30-day
 * period's payment.
 */
import { and, asc, eq } from 'drizzle-orm';
import { db, one, schema, transaction } from '../../db';
import { audit } from '../../audit';
import { now } from '../../clock';
import { advance, type ApplicationRow } from '../store';
import { paymentCalendar, reportOpen, type ReportRecord } from '$lib/rules/applications';
import { addDays } from '$lib/rules/periods';
import type { UnemploymentAnswers, UnemploymentOutcome } from './claim';

export async function reportsOf(applicationId: number): Promise<ReportRecord[]> {
	return await db()
		.select()
		.from(schema.unemploymentReports)
		.where(eq(schema.unemploymentReports.applicationId, applicationId))
		.orderBy(asc(schema.unemploymentReports.periodNo));
}

/** The payment calendar of an approved claim (null before approval, when refused, or while no rate is set). */
export async function claimCalendar(app: ApplicationRow, today: string) {
	if (!['approved', 'paid', 'ended'].includes(app.status)) return null;
	const o = JSON.parse(app.outcome) as UnemploymentOutcome;
	if (o.figures.dailySatang === null) return null;
	const cal = paymentCalendar({
		payFrom: o.figures.payFrom,
		maxDays: o.figures.maxDays,
		dailySatang: o.figures.dailySatang,
		reports: await reportsOf(app.id),
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
export async function recordReport(
	app: ApplicationRow,
	answers: ReportAnswers,
	today: string,
	ip: string | null
): Promise<ReportResult & { sms?: Promise<void>[] }> {
	const smses: Promise<void>[] = [];
	const r = await transaction(
		async (d): Promise<ReportResult> => {
			const fresh = (await one(d.select().from(schema.applications).where(eq(schema.applications.id, app.id))))!;
			const cal = await claimCalendar(fresh, today);
			const period = cal?.open;
			if (!cal || !period) return { ok: false, reason: 'not_open' };
			await d.insert(schema.unemploymentReports).values({ applicationId: app.id, periodNo: period.periodNo, reportedOn: today, ...answers, at: now() });
			await audit({
				actor: `user:${app.userId}`,
				action: 'application.report',
				subject: app.personId,
				ip,
				detail: { ref: app.ref, periodNo: period.periodNo, ...answers }
			});
			const after = (await claimCalendar(fresh, today))!;
			const paid = after.periods.find((p) => p.periodNo === period.periodNo)!;
			if (paid.amountSatang > 0) {
				await d.insert(schema.benefitClaims).values({
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
				});
			}
			const steps: ('paid' | 'ended')[] = [];
			if (fresh.status === 'approved' && paid.amountSatang > 0) steps.push('paid');
			if (after.ended) steps.push('ended');
			for (const to of steps) {
				const a = await advance(app.ref, to, { actor: `user:${app.userId}`, ip });
				if (a.ok && a.sms) smses.push(a.sms);
			}
			return { ok: true, periodNo: period.periodNo, paidSatang: paid.amountSatang, ended: after.ended };
		},
		{ durable: true }
	);
	return { ...r, sms: smses };
}

/** Benefit rows paid for a claim, newest last. */
export async function claimPayments(applicationId: number) {
	return await db()
		.select()
		.from(schema.benefitClaims)
		.where(and(eq(schema.benefitClaims.applicationId, applicationId), eq(schema.benefitClaims.kind, 'unemployment')))
		.orderBy(asc(schema.benefitClaims.periodNo));
}
