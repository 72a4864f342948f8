/** npm run app:advance: see scripts/app-advance.ts. */
import { advance, getApplication, nextStatuses } from '../../../src/server/applications/store';
import { runScheduledDecisions } from '../../../src/server/applications/registry';
import { setForceMajeureRate } from '../../../src/server/applications/unemployment/claim';
import { today } from '../../../src/server/clock';
import { Output, type CliResult } from './run';

export async function appAdvance(argv: string[]): Promise<CliResult> {
	const io = new Output();
	const [ref, status, ...args] = argv;
	const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	const rest = args.filter((a) => !a.startsWith('--'));
	if (ref === '--scheduled') {
		const r = await runScheduledDecisions(today());
		io.log(`approved: ${r.approved.join(', ') || '-'}; expired: ${r.expired.join(', ') || '-'}`);
		return io.done(0);
	}
	if (!ref || !status) {
		io.error('usage: npm run app:advance -- <ref> <status> [reason]  |  npm run app:advance -- --scheduled');
		return io.done(2);
	}
	const rateBp = flag('rate-bp');
	if (rateBp !== undefined) {
		const days = flag('days');
		const set = await setForceMajeureRate(ref, { rateBp: Number(rateBp), maxDays: days === undefined ? undefined : Number(days) }, { actor: 'cli' });
		if (!set.ok) {
			io.error(`cannot set the rate of ${ref}: ${set.reason}`);
			return io.done(1);
		}
	}
	const app = await getApplication(ref);
	const r = await advance(ref, status as Parameters<typeof advance>[1], { reason: rest.join(' ') || null, actor: 'cli' });
	if (!r.ok) {
		const next = app ? nextStatuses(app).join(', ') || 'nothing (final)' : '';
		const why = {
			not_found: `no application ${ref}`,
			not_allowed: `${ref} is ${r.from}; it can move to: ${next}`,
			reason_required: 'a rejection needs a reason',
			payment_only: 'section 40 becomes active only by payment: npm run pay:simulate -- ' + ref,
			rate_required: `a force-majeure claim needs the announced rate first: npm run app:advance -- ${ref} approved --rate-bp=N [--days=N]`
		}[r.reason];
		io.error(why);
		return io.done(1);
	}
	await r.sms;
	io.log(`${ref}: ${status}`);
	return io.done(0);
}
