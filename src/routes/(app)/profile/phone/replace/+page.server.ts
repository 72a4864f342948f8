import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview, startPhoneReplace, type PhoneDraft } from '$server/accounts/account';
import { getDraft, saveDraft, tryAgainAt, type ProofDraft } from '$server/web';
import { requireCitizen } from '$server/guard';
import { isProved } from '$lib/rules/assurance';
import type { RequestEvent } from './$types';

/**
 * Who may change the number without the old one: an account proved by ThaID or in person; or the person ThaID has
 * just proved, on this browser, taking back an account that someone else opened with their own phone (a take-over
 * repair, which also raises the account once the new number is confirmed). Anyone else is sent to prove it first.
 */
async function mayReplace(event: RequestEvent, user: { id: string; assurance: Parameters<typeof isProved>[0] }): Promise<'proved' | 'repair'> {
	if (isProved(user.assurance)) return 'proved';
	const proof = await getDraft<ProofDraft>(event, 'proof');
	if (proof?.userId === user.id) return 'repair';
	redirect(303, `/profile/prove?for=phone_without_old&then=${encodeURIComponent(event.url.pathname)}`);
}

/** A new number without the old one; the code step is /profile/phone/verify. */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const how = await mayReplace(event, user);
	const overview = await accountOverview(user.id);
	if (!overview) redirect(303, '/login');
	return { current: overview.maskedPhone, takeover: how === 'repair' || event.url.searchParams.get('takeover') === '1', repair: how === 'repair' };
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireCitizen(event);
		const how = await mayReplace(event, user);
		const form = await event.request.formData();
		const phone = String(form.get('phone') ?? '').slice(0, 40);
		// a repair after ThaID's proof always takes the other person's password away, and raises the account
		const takeover = how === 'repair' || form.get('takeover') === 'yes';
		const r = await startPhoneReplace(
			{ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip },
			{ phone, takeover, prove: how === 'repair' },
			event.locals.locale
		);
		if (r.ok || r.reason === 'sms_failed') {
			await saveDraft<PhoneDraft>(event, 'phone', r.draft);
			redirect(303, '/profile/phone/verify');
		}
		if (r.reason === 'rate_limited') return fail(429, { phone, takeover, formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
		return fail(400, { phone, takeover, errors: r.errors });
	}
};
