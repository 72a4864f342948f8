import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireCitizen } from '$server/guard';
import { thaidSettings } from '$server/config';
import { safeRedirect } from '$server/web';
import { isProved, PROVED_ACTIONS, type ProvedAction } from '$lib/rules/assurance';

/** What an action that needs the higher level of identity proof says to an account that holds the lower one. */
export const load: PageServerLoad = (event) => {
	const { user } = requireCitizen(event);
	const then = safeRedirect(event.url.searchParams.get('then'), '/profile');
	// proved meanwhile (another tab): on to where the citizen was going
	if (isProved(user.assurance)) redirect(303, then);
	const asked = event.url.searchParams.get('for');
	const action: ProvedAction = (PROVED_ACTIONS as readonly string[]).includes(asked ?? '') ? (asked as ProvedAction) : 'data_copy';
	return { action, then, thaid: thaidSettings() !== null };
};
