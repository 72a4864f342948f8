/**
 * Paying for section 40: the slip (Thai QR and counter barcode), the bank's payment callback that opens the
 * coverage from the payment date, and the expiry of slips not paid in time.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { db, one, schema, transaction } from '../../db';
import { config } from '../../config';
import { now } from '../../clock';
import { advance, getApplication, type ApplicationRow } from '../store';
import { section40Contribution } from '$lib/rules/contributions';
import { periodOf } from '$lib/rules/periods';
import { billPaymentBarcode, billPaymentPayload, code128Svg, qrSvg, type BillPayment } from '../../payments/thaiqr';
import type { S40Outcome } from './application';

/**
 * Reference 2 on the slip: the section 40 application reference S40-yyyy-nnnnnn as the 12 digits 40yyyynnnnnn. All
 * digits, and an even number of them, so the counter barcode (Code 128) packs them two to a symbol in code set C:
 * a shorter barcode, with wider bars on a phone's screen.
 */
export function ref2Of(ref: string): string {
	const m = /^S40-(\d{4})-(\d{6})$/.exec(ref);
	if (!m) throw new Error(`not a section 40 reference: ${ref}`);
	return `40${m[1]}${m[2]}`;
}

export function billFor(app: ApplicationRow): BillPayment {
	const o = JSON.parse(app.outcome) as S40Outcome;
	return {
		billerId: config().PAYMENT_BILLER_ID,
		ref1: app.personId,
		ref2: ref2Of(app.ref),
		amountSatang: o.amountSatang,
		merchantName: 'SOCIAL SECURITY OFFICE'
	};
}

export function paymentSlip(app: ApplicationRow) {
	const bill = billFor(app);
	const qrPayload = billPaymentPayload(bill);
	const barcode = billPaymentBarcode(bill);
	return {
		...bill,
		outcome: JSON.parse(app.outcome) as S40Outcome,
		qrPayload,
		qrSvg: qrSvg(qrPayload),
		barcodeText: barcode.replace(/\r/g, ' '),
		barcodeSvg: code128Svg(barcode)
	};
}

export interface PaymentNotice {
	transactionId: string;
	billerId: string;
	ref1: string;
	ref2: string;
	amountSatang: number;
	/** the payment date (ISO) */
	paidOn: string;
}

export type PaymentResult =
	| { ok: true; ref: string; duplicate: boolean }
	| { ok: false; reason: 'unknown_reference' | 'wrong_biller' | 'wrong_payer' | 'wrong_amount' | 'expired' | 'paid_before_slip' | 'not_payable' };

/**
 * Apply a confirmed payment once: the same bank transaction twice changes nothing the second time, and a second
 * transaction for a slip already paid is refused (the bank refunds it). On payment the section 40 coverage opens
 * from the payment date and that month's contribution is recorded, in the same transaction as the status change.
 */
export async function applyPayment(p: PaymentNotice, actor = 'bank'): Promise<PaymentResult & { sms?: Promise<void> }> {
	// the bank is answered 200 once this returns: the payment and the coverage it opens are durable
	return transaction(
		async (d): Promise<PaymentResult & { sms?: Promise<void> }> => {
			const seen = await one(d.select().from(schema.payments).where(eq(schema.payments.transactionId, p.transactionId)));
			if (seen) {
				const app = (await one(d.select({ ref: schema.applications.ref }).from(schema.applications).where(eq(schema.applications.id, seen.applicationId))))!;
				return { ok: true, ref: app.ref, duplicate: true } as const;
			}
			if (p.billerId !== config().PAYMENT_BILLER_ID) return { ok: false, reason: 'wrong_biller' } as const;
			const app = await findBySlipRef(p.ref2);
			if (!app || app.kind !== 'section40') return { ok: false, reason: 'unknown_reference' } as const;
			if (app.personId !== p.ref1) return { ok: false, reason: 'wrong_payer' } as const;
			const o = JSON.parse(app.outcome) as S40Outcome;
			if (p.amountSatang !== o.amountSatang) return { ok: false, reason: 'wrong_amount' } as const;
			if (p.paidOn > o.validUntil) return { ok: false, reason: 'expired' } as const;
			// a payment dated before the slip existed is not this slip's (the coverage would start before the application)
			if (p.paidOn < app.submittedOn) return { ok: false, reason: 'paid_before_slip' } as const;
			// paid by the last valid day: accepted even when the expiry job ran before the bank's callback arrived
			if (app.status !== 'submitted' && app.status !== 'expired') return { ok: false, reason: 'not_payable' } as const;
			const open = await one(
				d
					.select({ section: schema.coverages.section })
					.from(schema.coverages)
					.where(and(eq(schema.coverages.personId, app.personId), isNull(schema.coverages.endDate)))
			);
			// meanwhile insured under another section (e.g. a new job): no section 40 cover; the bank refunds
			if (open) return { ok: false, reason: 'not_payable' } as const;
			await d
				.insert(schema.payments)
				.values({ transactionId: p.transactionId, applicationId: app.id, amountSatang: p.amountSatang, paidOn: p.paidOn, receivedAt: now() });
			const c = section40Contribution(o.option);
			await d.insert(schema.coverages).values({ personId: app.personId, section: 40, s40Option: o.option, startDate: p.paidOn });
			await d.insert(schema.contributions).values({
				personId: app.personId,
				period: periodOf(p.paidOn),
				section: 40,
				payer: 'self',
				wageBaseSatang: 0,
				insuredSatang: c.insuredSatang,
				employerSatang: 0,
				governmentSatang: c.governmentSatang,
				paidDate: p.paidOn
			});
			const r = await advance(app.ref, 'active', { actor, viaPayment: true });
			if (!r.ok) throw new Error(`payment could not activate ${app.ref}: ${r.reason}`);
			return { ok: true, ref: app.ref, duplicate: false, sms: r.sms } as const;
		},
		{ durable: true }
	);
}

/**
 * The application of a slip's reference 2: the 12 digits of new slips (40yyyynnnnnn), or the letters and digits of
 * slips printed before (S40yyyynnnnnn, with or without dashes), which stay payable until they expire.
 */
async function findBySlipRef(ref2: string): Promise<ApplicationRow | undefined> {
	const r = ref2.trim().toUpperCase();
	const digits = /^40(\d{4})(\d{6})$/.exec(r);
	if (digits) return getApplication(`S40-${digits[1]}-${digits[2]}`);
	const m = /^([A-Z0-9]{3})-?(\d{4})-?(\d{6})$/.exec(r);
	return m ? await getApplication(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

/** Slips not paid within 30 days expire (run by the scheduled job). */
export async function expireUnpaidSlips(today: string): Promise<string[]> {
	const due = (
		await db()
			.select()
			.from(schema.applications)
			.where(and(eq(schema.applications.kind, 'section40'), eq(schema.applications.status, 'submitted')))
	).filter((a) => (JSON.parse(a.outcome) as S40Outcome).validUntil < today);
	const expired: string[] = [];
	for (const a of due) if ((await advance(a.ref, 'expired', { actor: 'system' })).ok) expired.push(a.ref);
	return expired;
}
