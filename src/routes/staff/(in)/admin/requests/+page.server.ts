import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$server/guard';
import type { StaffMember } from '$server/staff/session';
import { decideRequest, requestsForAdmin, type AccountProblem } from '$server/hospital-requests/requests';
import type { MessageKey } from '$lib/validation/messages';

/** Seed 003: hospitals' requests for a user of the rights check, decided by an administrator. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'admin');
	const { review, others } = await requestsForAdmin();
	const done = event.url.searchParams.get('done');
	return { review, others, done: done === 'approved' || done === 'refused' ? done : null, username: event.url.searchParams.get('username') };
};

/** Why an approval could not act on the account: said in words, never the error's own text. */
const ACCOUNT_PROBLEM: Record<AccountProblem, MessageKey> = {
	unknown: 'err_hreq_username_unknown',
	not_dormant: 'err_hreq_username_not_dormant',
	disabled: 'err_hreq_username_disabled',
	failed: 'err_hreq_account'
};

async function decide(event: Parameters<Actions[string]>[0], staff: StaffMember, decision: 'approve' | 'refuse') {
	const form = await event.request.formData();
	const id = Number(form.get('id'));
	// each request's note is its own field (its id on the page, for the error summary's link)
	const note = String(form.get(`note-${id}`) ?? '').slice(0, 2000);
	if (!Number.isSafeInteger(id) || id < 1) return fail(400, { id: null, formError: 'err_hreq_gone' });
	const r = await decideRequest(staff, id, decision, note, { ip: event.locals.ip, origin: event.url.origin });
	if (r.ok) return { id, done: decision === 'approve' ? 'approved' : 'refused', username: r.username, texted: r.texted };
	if (r.reason === 'note') return fail(400, { id, note, errors: { [`note-${id}`]: 'err_hreq_note' } });
	if (r.reason === 'account') return fail(409, { id, note, formError: ACCOUNT_PROBLEM[r.problem] });
	return fail(409, { id, formError: 'err_hreq_gone' });
}

export const actions: Actions = {
	approve: async (event) => {
		const { staff } = requireStaff(event, 'admin');
		return decide(event, staff, 'approve');
	},
	refuse: async (event) => {
		const { staff } = requireStaff(event, 'admin');
		return decide(event, staff, 'refuse');
	}
};
