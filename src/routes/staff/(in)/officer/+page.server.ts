import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { officerView, personExists, recordLookup } from '$server/staff/lookups';
import { clearCitizen, setCitizen, touchCitizen } from '$server/staff/session';
import { today } from '$server/registry/today';
import { NationalIdField, parseForm } from '$lib/validation/forms';
import { TypedLookupSchema } from '$lib/validation/staff';
import * as v from 'valibot';

export const load: PageServerLoad = ({ locals, url }) => {
	const session = locals.staffSession!;
	const c = session.citizen;
	const cleared = url.searchParams.get('cleared');
	if (!c) return { citizen: null, cleared: cleared === 'removed' || cleared === 'idle' || cleared === 'next' ? cleared : null };
	touchCitizen(session.id);
	const o = officerView(c.nationalId, today());
	return {
		cleared: null,
		citizen: {
			method: c.method,
			reason: c.reason,
			person: o.person,
			status: o.status,
			medicalKind: o.medicalKind,
			hospital: o.hospital ? { nameTh: o.hospital.nameTh, nameEn: o.hospital.nameEn } : null,
			contributions: o.contributions,
			claims: o.claims,
			savings: o.savings
		}
	};
};

const CardSchema = v.object({ nationalId: NationalIdField });

/** Put a person on screen: the registry must know the ID; the look is recorded either way. */
function show(event: Parameters<Actions[string]>[0], nationalId: string, method: 'card' | 'typed', reason: string | null) {
	const staff = event.locals.staff!;
	const found = personExists(nationalId);
	recordLookup(staff, { nationalId, method, reason, view: 'summary', found }, event.locals.ip);
	if (!found) return false;
	setCitizen(event.locals.staffSession!.id, { nationalId, method, reason });
	return true;
}

export const actions: Actions = {
	card: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(CardSchema, { nationalId: String(form.get('nationalId') ?? '') });
		if (!parsed.ok) return fail(400, { card: true, formError: 'err_staff_card_id' });
		if (!show(event, parsed.data.nationalId, 'card', null)) return fail(404, { card: true, formError: 'err_staff_not_found' });
		redirect(303, '/staff/officer');
	},
	typed: async (event) => {
		const form = await event.request.formData();
		const values = { nationalId: String(form.get('nationalId') ?? '').slice(0, 40), reason: String(form.get('reason') ?? '').slice(0, 2000) };
		const parsed = parseForm(TypedLookupSchema, values);
		if (!parsed.ok) return fail(400, { typed: true, values, errors: parsed.errors });
		if (!show(event, parsed.data.nationalId, 'typed', parsed.data.reason)) return fail(404, { typed: true, values, formError: 'err_staff_not_found' });
		redirect(303, '/staff/officer');
	},
	clear: async (event) => {
		const form = await event.request.formData();
		const why = String(form.get('why') ?? 'next');
		clearCitizen(event.locals.staffSession!.id);
		redirect(303, `/staff/officer?cleared=${why === 'removed' || why === 'idle' ? why : 'next'}`);
	}
};
