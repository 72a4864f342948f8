import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accountOverview } from '$server/accounts/account';
import { requireCitizen } from '$server/guard';
import { safeRedirect } from '$server/web';

/**
 * After ThaID first proves an account opened by SMS: is the account's number the citizen's? If not, someone else
 * opened the account with their own phone, and the citizen replaces it (/profile/phone/replace?takeover=1).
 */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const overview = await accountOverview(user.id);
	if (!overview) redirect(303, '/login');
	return { phone: overview.maskedPhone, then: safeRedirect(event.url.searchParams.get('then'), '/dashboard') };
};
