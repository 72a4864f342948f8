/** How an unemployment claim's status moves: approved, then paid period by period, then ended. */
import { m } from '$lib/paraglide/messages';
import type { Lifecycle } from '../store';
import type { UnemploymentOutcome } from './claim';

export const unemploymentLifecycle: Lifecycle = {
	refPrefix: 'UNE',
	name: (o) => m.app_kind_unemployment({}, o),
	transitions: { submitted: ['under_review', 'approved', 'rejected'], under_review: ['approved', 'rejected'], approved: ['paid', 'ended'], paid: ['ended'] },
	open: ['submitted', 'under_review', 'approved', 'paid'],
	// a force-majeure claim has no standing rate (Act s.79/1): it is approved only once the officer has set the rate
	// of the event's announcement (setForceMajeureRate), so the payments have an amount
	refuse: (app, to) => (to === 'approved' && (JSON.parse(app.outcome) as Partial<UnemploymentOutcome>).figures?.dailySatang === null ? 'rate_required' : null)
};
