/** How a section 40 application's status moves: it becomes active only by payment, and an unpaid slip expires. */
import { m } from '$lib/paraglide/messages';
import type { Lifecycle } from '../store';

export const section40Lifecycle: Lifecycle = {
	refPrefix: 'S40',
	name: (o) => m.app_kind_section40({}, o),
	// expired → active: a payment made by the last valid day whose callback arrives after the expiry job ran
	transitions: { submitted: ['active', 'rejected', 'expired'], expired: ['active'], active: ['ended'] },
	// active is membership, not an application still open
	open: ['submitted'],
	statusName: (s, o) => (s === 'submitted' ? m.app_status_awaiting_payment({}, o) : undefined),
	refuse: (_app, to, opts) => (to === 'active' && !opts.viaPayment ? 'payment_only' : null)
};
