import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { config } from '$server/config';
import { now } from '$server/clock';
import { audit } from '$server/audit';
import { verifyCallback, CALLBACK_TOLERANCE_MS } from '$server/payments/thaiqr';
import { applyPayment } from '$server/applications/section40/payment';
import { isoDateInBangkok } from '$lib/format/date';
import { daysInMonth } from '$lib/validation/be-date';

/** A moment that exists (no 31 February, which Date.parse would roll into March) and is not in the future. */
function realPastInstant(s: string): boolean {
	const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
	const ms = Date.parse(s);
	return y >= 2000 && d <= daysInMonth(y, m) && Number.isFinite(ms) && ms <= now() + CALLBACK_TOLERANCE_MS;
}

const Body = v.object({
	transactionId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{6,64}$/)),
	billerId: v.pipe(v.string(), v.regex(/^\d{15}$/)),
	ref1: v.pipe(v.string(), v.regex(/^\d{13}$/)),
	ref2: v.pipe(v.string(), v.regex(/^[A-Z0-9-]{1,20}$/)),
	/** baht with two decimals, as banks send it: "150.00" */
	amount: v.pipe(v.string(), v.regex(/^\d{1,9}\.\d{2}$/)),
	paidAt: v.pipe(v.string(), v.isoTimestamp(), v.check(realPastInstant))
});

/**
 * The bank's payment confirmation. Signed: X-Signature = hex HMAC-SHA256(secret, "<X-Timestamp>.<raw body>"), the
 * timestamp within 5 minutes (an old call replayed is refused); the same transaction twice is applied once.
 */
export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	const raw = await request.text();
	const ip = getClientAddress();
	if (raw.length > 4096) return json({ error: 'too_large' }, { status: 413 });
	const sig = verifyCallback(
		config().paymentSecret,
		{ signature: request.headers.get('x-signature'), timestamp: request.headers.get('x-timestamp') },
		raw,
		now()
	);
	if (!sig.ok) {
		await audit({ actor: 'bank', action: 'payment.callback.refused', ip, detail: { reason: sig.reason } });
		return json({ error: sig.reason }, { status: 401 });
	}
	let parsed: v.InferOutput<typeof Body>;
	try {
		parsed = v.parse(Body, JSON.parse(raw));
	} catch {
		await audit({ actor: 'bank', action: 'payment.callback.invalid', ip });
		return json({ error: 'invalid_body' }, { status: 400 });
	}
	const [baht, satang] = parsed.amount.split('.') as [string, string];
	const r = await applyPayment({
		transactionId: parsed.transactionId,
		billerId: parsed.billerId,
		ref1: parsed.ref1,
		ref2: parsed.ref2,
		amountSatang: Number(baht) * 100 + Number(satang),
		paidOn: isoDateInBangkok(Date.parse(parsed.paidAt))
	});
	await audit({
		actor: 'bank',
		action: r.ok ? (r.duplicate ? 'payment.callback.duplicate' : 'payment.callback.applied') : 'payment.callback.rejected',
		subject: parsed.ref1,
		ip,
		detail: { transactionId: parsed.transactionId, ref2: parsed.ref2, ...(r.ok ? {} : { reason: r.reason }) }
	});
	if (!r.ok) return json({ error: r.reason }, { status: 422 });
	return json({ status: r.duplicate ? 'duplicate' : 'applied', ref: r.ref });
};
