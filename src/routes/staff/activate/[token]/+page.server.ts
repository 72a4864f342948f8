import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accountForActivation, type ActivationDraft } from '$server/staff/accounts';
import { saveDraft } from '$server/web';

/** The one-time link: the token moves into an HttpOnly cookie at once, so it stays out of the history and the address bar. */
export const load: PageServerLoad = (event) => {
	const token = event.params.token;
	if (!accountForActivation(token)) redirect(303, '/staff/activate?gone=1');
	saveDraft<ActivationDraft>(event, 'staff_activate', { token });
	redirect(303, '/staff/activate');
};
