import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { hospitalOf, recordLookup, rightsCheck } from '$server/staff/lookups';
import { today } from '$server/clock';
import { take, tryAgainAt } from '$server/limits';
import { parseForm } from '$lib/validation/forms';
import { parseWithBirth, PassportSchema } from '$lib/validation/passport';
import { personByPassport } from '$server/registry/persons';
import { RightsCheckSchema } from '$lib/validation/staff';
import { requireStaff } from '$server/guard';
import type { StaffMember } from '$server/staff/session';
import { passportValues } from '$server/web';
import { awaitingEndorsement, endorseRequest } from '$server/hospital-requests/requests';
import { EMERGENCY_FIELDS, emergencyCheck, type EmergencyValues } from '$server/staff/emergency';

export const load: PageServerLoad = async (event) => {
	const { staff } = requireStaff(event, 'hospital');
	const h = await hospitalOf(staff.hospitalCode);
	// a main contractor's users endorse the requests of their network's hospitals (seed 003 note 4)
	const toEndorse = staff.hospitalCode ? await awaitingEndorsement(staff.hospitalCode) : [];
	return {
		ours: h,
		toEndorse: toEndorse.map((r) => ({
			id: r.id,
			purpose: r.purpose,
			username: r.username,
			hospitalTh: r.hospitalTh,
			hospitalCode: r.hospitalCode,
			name: `${r.titleTh}${r.firstNameTh} ${r.lastNameTh}`,
			position: r.position,
			createdAt: r.createdAt
		}))
	};
};

async function endorse(event: Parameters<Actions[string]>[0], staff: StaffMember, decision: 'endorse' | 'decline') {
	const form = await event.request.formData();
	const id = Number(form.get('id'));
	// each request's note is its own field (its id on the page, for the error summary's link)
	const note = String(form.get(`note-${id}`) ?? '').slice(0, 2000);
	if (!Number.isSafeInteger(id) || id < 1) return fail(400, { endorse: true, formError: 'err_hreq_gone' });
	const r = await endorseRequest(staff, id, decision, note, event.locals.ip);
	if (r.ok) return { endorsed: decision };
	if (r.reason === 'note') return fail(400, { endorse: true, id, note, errors: { [`note-${id}`]: 'err_hreq_note' } });
	return fail(409, { endorse: true, formError: 'err_hreq_gone' });
}

export const actions: Actions = {
	/** Seed 003: a patient's medical rights from the national ID (typed, or read from the card at the counter). */
	check: async (event) => {
		const { staff } = requireStaff(event, 'hospital');
		const form = await event.request.formData();
		const nationalId = String(form.get('nationalId') ?? '').slice(0, 40);
		const method = form.get('method') === 'card' ? 'card' : 'typed';
		const parsed = parseForm(RightsCheckSchema, { nationalId });
		if (!parsed.ok) return fail(400, { nationalId, errors: parsed.errors });
		const taken = await take('staff_lookup', { userId: staff.id });
		if (!taken.ok) return fail(429, { nationalId, formError: tryAgainAt(taken.retryAt, event.locals.locale) });
		const answer = await rightsCheck(parsed.data.nationalId, staff.hospitalCode!, today());
		await recordLookup(staff, { nationalId: parsed.data.nationalId, method, reason: null, view: 'rights', found: answer.found }, event.locals.ip);
		if (!answer.found) return fail(404, { nationalId, formError: 'err_staff_not_found' });
		return { answer, checkedId: parsed.data.nationalId };
	},
	/**
	 * Seed 003: a foreign insured person shows the SSO card with a passport. Found by the passport's number and state and
	 * the holder's birth date; the look is recorded with what was typed, found or not.
	 */
	passport: async (event) => {
		const { staff } = requireStaff(event, 'hospital');
		const form = await event.request.formData();
		const values = passportValues(form);
		const parsed = parseWithBirth(PassportSchema, values, today());
		if (!parsed.ok) return fail(400, { passport: true, values, errors: parsed.errors });
		const taken = await take('staff_lookup', { userId: staff.id });
		if (!taken.ok) return fail(429, { passport: true, values, formError: tryAgainAt(taken.retryAt, event.locals.locale) });
		const { passportNo, nationality } = parsed.data;
		const person = await personByPassport(passportNo, nationality, parsed.birthDate);
		const answer = person ? await rightsCheck(person.nationalId, staff.hospitalCode!, today()) : { found: false as const };
		await recordLookup(
			staff,
			{ nationalId: person?.nationalId ?? '', method: 'passport', reason: null, view: 'rights', found: answer.found, passport: { passportNo, nationality } },
			event.locals.ip
		);
		if (!person || !answer.found) return fail(404, { passport: true, values, formError: 'err_staff_not_found_passport' });
		return { answer, checkedId: person.nationalId, passport: true };
	},
	/** Seed 003's emergency check, for a patient registered elsewhere (src/server/staff/emergency.ts). */
	emergency: async (event) => {
		const { staff } = requireStaff(event, 'hospital');
		const form = await event.request.formData();
		const values = Object.fromEntries(EMERGENCY_FIELDS.map((k) => [k, String(form.get(k) ?? '').slice(0, k === 'emReason' ? 2000 : 40)])) as EmergencyValues;
		const r = await emergencyCheck(staff, values, event.locals.ip, event.locals.locale);
		if (!r.ok) return fail(r.status, { emergencyForm: true, values, errors: r.errors, formError: r.formError });
		return { emergencyForm: true, values, emergencyAnswer: r.answer, emergency: r.emergency, emergencyId: r.checkedId };
	},
	endorse: async (event) => {
		const { staff } = requireStaff(event, 'hospital');
		return endorse(event, staff, 'endorse');
	},
	decline: async (event) => {
		const { staff } = requireStaff(event, 'hospital');
		return endorse(event, staff, 'decline');
	}
};
