import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accountForActivation, activationHashOf, type ActivationDraft } from '$server/staff/accounts';
import { saveDraft } from '$server/web';

/** The one-time link: its token's hash moves into the draft behind an HttpOnly cookie at once, so the link leaves the address bar. */
export const load: PageServerLoad = async (event) => {
	const hash = activationHashOf(event.params.token);
	if (!hash || !(await accountForActivation(hash))) redirect(303, '/staff/activate?gone=1');
	await saveDraft<ActivationDraft>(event, 'staff_activate', { hash });
	redirect(303, '/staff/activate');
};
