import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview } from '$server/accounts/account';
import { requireCitizen } from '$server/guard';
import { clearDraft, getDraft, safeRedirect, type ProofDraft } from '$server/web';
import { confirmProof } from '$server/thaid/login';
import { isProved } from '$lib/rules/assurance';

const nextOf = (url: URL) => safeRedirect(url.searchParams.get('then'), '/dashboard');

/**
 * ThaID has proved the person of an account opened by SMS (a draft for this browser says so): is the account's number
 * theirs? If so the account is raised; if not, someone else opened it with their own phone, and the person takes it
 * back (/profile/phone/replace?takeover=1).
 */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const then = nextOf(event.url);
	const proof = await getDraft<ProofDraft>(event, 'proof');
	if (!proof || proof.userId !== user.id) redirect(303, isProved(user.assurance) ? then : '/profile');
	const overview = await accountOverview(user.id);
	if (!overview) redirect(303, '/login');
	return { phone: overview.maskedPhone, then };
};

export const actions: Actions = {
	/** "Yes, it is my number": the account is raised, and every other session ends. */
	default: async (event) => {
		const { user, session } = requireCitizen(event);
		const proof = await getDraft<ProofDraft>(event, 'proof');
		if (!proof || proof.userId !== user.id) redirect(303, '/profile');
		await confirmProof({ userId: user.id, nationalId: user.nationalId, sessionId: session.id, ip: event.locals.ip });
		await clearDraft(event, 'proof');
		const then = nextOf(event.url);
		redirect(303, then === '/profile' ? '/profile?thaid=proved' : then);
	}
};
