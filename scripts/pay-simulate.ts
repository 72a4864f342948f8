/**
 * npm run pay:simulate -- <ref> [--txn ID] [--url http://localhost:3000]
 * Pays a section 40 slip as the bank would: a signed POST to /api/payments/callback with the slip's data.
 * Run it twice with the same --txn to see the payment applied once.
 */
import crypto from 'node:crypto';
import { config } from '../src/server/config';
import { getApplication } from '../src/server/applications';
import { billFor } from '../src/server/applications/section40';
import { amountText, signCallback } from '../src/server/payments/thaiqr';

const args = process.argv.slice(2);
const opt = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const ref = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!ref) {
	console.error('usage: npm run pay:simulate -- <ref> [--txn ID] [--url URL]');
	process.exit(2);
}
const app = getApplication(ref);
if (!app || app.kind !== 'section40') {
	console.error(`no section 40 application ${ref}`);
	process.exit(1);
}
const bill = billFor(app);
const body = JSON.stringify({
	transactionId: opt('--txn') ?? `SIM${crypto.randomBytes(8).toString('hex').toUpperCase()}`,
	billerId: bill.billerId,
	ref1: bill.ref1,
	ref2: bill.ref2,
	amount: amountText(bill.amountSatang),
	paidAt: new Date().toISOString()
});
const url = `${opt('--url') ?? process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`}/api/payments/callback`;
const ts = String(Date.now());
const res = await fetch(url, {
	method: 'POST',
	headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': signCallback(config().paymentSecret, ts, body) },
	body
});
console.log(res.status, await res.text());
process.exit(res.ok ? 0 : 1);
