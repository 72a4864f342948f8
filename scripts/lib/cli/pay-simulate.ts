/** npm run pay:simulate: see scripts/pay-simulate.ts. */
import crypto from 'node:crypto';
import { config } from '../../../src/server/config';
import { getApplication } from '../../../src/server/applications/store';
import { billFor } from '../../../src/server/applications/section40/payment';
import { amountText, signCallback } from '../../../src/server/payments/thaiqr';
import { Output, type CliResult } from './run';

export async function paySimulate(args: string[]): Promise<CliResult> {
	const io = new Output();
	const opt = (name: string) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const ref = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
	if (!ref) {
		io.error('usage: npm run pay:simulate -- <ref> [--txn ID] [--url URL]');
		return io.done(2);
	}
	const app = await getApplication(ref);
	if (!app || app.kind !== 'section40') {
		io.error(`no section 40 application ${ref}`);
		return io.done(1);
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
	io.log(`${res.status} ${await res.text()}`);
	return io.done(res.ok ? 0 : 1);
}
