/**
 * npm run app:advance -- <ref> <status> [reason]   move an application along its lifecycle (staff decisions)
 * npm run app:advance -- <ref> approved --rate-bp=N [--days=N]
 *                                                  a force-majeure unemployment claim: set the rate (and days) of the
 *                                                  event's announcement (Act s.79/1), then approve
 * npm run app:advance -- --scheduled               run the automatic decisions now (hospital approvals, slip expiry)
 * Uses the same service functions as the server, so the citizen is texted and the change audited.
 */
import { advance, runScheduledDecisions, TRANSITIONS, getApplication } from '../src/server/applications';
import { setForceMajeureRate } from '../src/server/applications/unemployment';
import { today } from '../src/server/registry/today';

const [ref, status, ...args] = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rest = args.filter((a) => !a.startsWith('--'));
if (ref === '--scheduled') {
	const r = runScheduledDecisions(today());
	console.log(`approved: ${r.approved.join(', ') || '-'}; expired: ${r.expired.join(', ') || '-'}`);
	process.exit(0);
}
if (!ref || !status) {
	console.error('usage: npm run app:advance -- <ref> <status> [reason]  |  npm run app:advance -- --scheduled');
	process.exit(2);
}
const rateBp = flag('rate-bp');
if (rateBp !== undefined) {
	const days = flag('days');
	const set = setForceMajeureRate(ref, { rateBp: Number(rateBp), maxDays: days === undefined ? undefined : Number(days) }, { actor: 'cli' });
	if (!set.ok) {
		console.error(`cannot set the rate of ${ref}: ${set.reason}`);
		process.exit(1);
	}
}
const app = getApplication(ref);
const r = advance(ref, status as Parameters<typeof advance>[1], { reason: rest.join(' ') || null, actor: 'cli' });
if (!r.ok) {
	const next = app ? (TRANSITIONS[app.kind][app.status] ?? []).join(', ') || 'nothing (final)' : '';
	const why = {
		not_found: `no application ${ref}`,
		not_allowed: `${ref} is ${r.from}; it can move to: ${next}`,
		reason_required: 'a rejection needs a reason',
		payment_only: 'section 40 becomes active only by payment: npm run pay:simulate -- ' + ref,
		rate_required: `a force-majeure claim needs the announced rate first: npm run app:advance -- ${ref} approved --rate-bp=N [--days=N]`
	}[r.reason];
	console.error(why);
	process.exit(1);
}
await r.sms;
console.log(`${ref}: ${status}`);
