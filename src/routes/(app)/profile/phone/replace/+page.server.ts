import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { accountOverview, startPhoneReplace, type PhoneDraft } from '$server/accounts/account';
import { saveDraft, tryAgainAt } from '$server/web';
import { requireProved } from '$server/guard';

/** A new number without the old one, for an account proved by ThaID or in person; the code step is /profile/phone/verify. */
export const load: PageServerLoad = async (event) => {
	const { user } = requireProved(event, 'phone_without_old');
	const overview = await accountOverview(user.id);
	if (!overview) redirect(303, '/login');
	return { current: overview.maskedPhone, takeover: event.url.searchParams.get('takeover') === '1' };
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireProved(event, 'phone_without_old');
		const form = await event.request.formData();
		const phone = String(form.get('phone') ?? '').slice(0, 40);
		const takeover = form.get('takeover') === 'yes';
		const r = await startPhoneReplace({ userId: user.id, nationalId: user.nationalId, ip: event.locals.ip }, { phone, takeover }, event.locals.locale);
		if (r.ok || r.reason === 'sms_failed') {
			await saveDraft<PhoneDraft>(event, 'phone', r.draft);
			redirect(303, '/profile/phone/verify');
		}
		if (r.reason === 'rate_limited') return fail(429, { phone, takeover, formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
		return fail(400, { phone, takeover, errors: r.errors });
	}
};
