import { error, redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { accountForActivation, beginActivation, type ActivationDraft } from '$server/staff/accounts';
import { getDraft, saveDraft } from '$server/web';
import { hospitalOf } from '$server/staff/lookups';
import { parseForm } from '$lib/validation/forms';
import { ActivationSchema } from '$lib/validation/staff';

export const load: PageServerLoad = async ({ cookies, url }) => {
	const draft = await getDraft<ActivationDraft>({ cookies }, 'staff_activate');
	const row = await accountForActivation(draft?.hash);
	if (!row) return { gone: true as const, fromLink: url.searchParams.has('gone') };
	const h = await hospitalOf(row.hospitalCode);
	return { gone: false as const, username: row.username, name: `${row.firstName} ${row.lastName}`, role: row.role, place: row.centre ?? h?.nameTh ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const draft = await getDraft<ActivationDraft>(event, 'staff_activate');
		if (!draft) error(410, 'Gone');
		const form = await event.request.formData();
		const phoneRaw = String(form.get('phone') ?? '').slice(0, 40);
		const parsed = parseForm(ActivationSchema, { phone: phoneRaw });
		const password = String(form.get('password') ?? '');
		const passwordConfirm = String(form.get('passwordConfirm') ?? '');
		if (!parsed.ok) return fail(400, { phone: phoneRaw, errors: parsed.errors });
		const r = await beginActivation(draft.hash, { password, passwordConfirm, phone: parsed.data.phone }, event.locals.ip, event.locals.locale);
		if (r.ok) {
			await saveDraft<ActivationDraft>(event, 'staff_activate', {
				hash: draft.hash,
				challengeId: r.challengeId,
				smsFailed: r.smsFailed,
				smsSending: r.sending
			});
			redirect(303, '/staff/activate/verify');
		}
		if (r.reason === 'gone') redirect(303, '/staff/activate?gone=1');
		if (r.reason === 'rate_limited') return fail(429, { phone: phoneRaw, errors: { phone: r.error } });
		return fail(400, { phone: phoneRaw, errors: r.errors });
	}
};
