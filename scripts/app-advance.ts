/**
 * npm run app:advance -- <ref> <status> [reason]   move an application along its lifecycle (staff decisions)
 * npm run app:advance -- --scheduled               run the automatic decisions now (hospital approvals, slip expiry)
 * Uses the same service functions as the server, so the citizen is texted and the change audited.
 */
import { advance, runScheduledDecisions, TRANSITIONS, getApplication } from '../src/server/applications';
import { today } from '../src/server/registry/today';

const [ref, status, ...rest] = process.argv.slice(2);
if (ref === '--scheduled') {
	const r = runScheduledDecisions(today());
	console.log(`approved: ${r.approved.join(', ') || '-'}; expired: ${r.expired.join(', ') || '-'}`);
	process.exit(0);
}
if (!ref || !status) {
	console.error('usage: npm run app:advance -- <ref> <status> [reason]  |  npm run app:advance -- --scheduled');
	process.exit(2);
}
const app = getApplication(ref);
const r = advance(ref, status as Parameters<typeof advance>[1], { reason: rest.join(' ') || null, actor: 'cli' });
if (!r.ok) {
	const next = app ? (TRANSITIONS[app.kind][app.status] ?? []).join(', ') || 'nothing (final)' : '';
	const why = {
		not_found: `no application ${ref}`,
		not_allowed: `${ref} is ${r.from}; it can move to: ${next}`,
		reason_required: 'a rejection needs a reason',
		payment_only: 'section 40 becomes active only by payment: npm run pay:simulate -- ' + ref
	}[r.reason];
	console.error(why);
	process.exit(1);
}
await r.sms;
console.log(`${ref}: ${status}`);
