import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { officerView, personExists, recordLookup } from '$server/staff/lookups';
import { clearCitizen, setCitizen } from '$server/staff/session';
import { today } from '$server/clock';
import { NationalIdField, parseForm } from '$lib/validation/forms';
import { parseWithBirth } from '$lib/validation/passport';
import { PassportLookupSchema, TypedLookupSchema } from '$lib/validation/staff';
import { personByPassport } from '$server/registry/persons';
import type { LookupMethod } from '$lib/vocabulary';
import * as v from 'valibot';
import { take, tryAgainAt } from '$server/limits';
import type { Msg } from '$lib/validation/messages';
import { requireStaff } from '$server/guard';
import { accountLevel, proveInPerson } from '$server/accounts/assurance';
import { placeOf } from '$server/staff/lookups';
import { maskPhone } from '$lib/validation/phone';
import { finishCounterRepair, startCounterRepair, type CounterRepairDraft } from '$server/accounts/account';
import { clearDraft, getDraft, saveDraft, codeFailStatus, passportValues } from '$server/web';
import type { RequestEvent } from './$types';

/** The take-over repair this officer started for the person on screen, if any (a draft of another is ignored). */
async function repairOf(event: RequestEvent, staffId: string, nationalId: string | undefined): Promise<CounterRepairDraft | null> {
	const d = await getDraft<CounterRepairDraft>(event, 'counter');
	return d && d.staffId === staffId && d.nationalId === nationalId && d.challengeId ? d : null;
}

export const load: PageServerLoad = async (event) => {
	const { staff, session } = requireStaff(event, 'officer');
	const url = event.url;
	const c = session.citizen;
	const cleared = url.searchParams.get('cleared');
	if (!c) return { citizen: null, cleared: cleared === 'removed' || cleared === 'idle' || cleared === 'next' ? cleared : null };
	const [o, account, repair] = await Promise.all([officerView(c.nationalId, today()), accountLevel(c.nationalId), repairOf(event, staff.id, c.nationalId)]);
	return {
		cleared: null,
		// the person's online account and how sure we are of it: proved here when the card is at the counter
		account: account ? { assurance: account.assurance, provedAt: account.provedAt, phone: maskPhone(account.phone) } : null,
		proved: url.searchParams.get('proved') === '1',
		repaired: url.searchParams.get('repaired') === '1',
		// a code sent to the card holder's own number, waiting to be typed
		repair: repair?.phone ? { phone: maskPhone(repair.phone), smsFailed: !!repair.smsFailed } : null,
		citizen: {
			nationalId: c.nationalId,
			method: c.method,
			reason: c.reason,
			person: o.person,
			status: o.status,
			medicalKind: o.medicalKind,
			hospital: o.hospital ? { nameTh: o.hospital.nameTh, nameEn: o.hospital.nameEn } : null,
			contributions: o.contributions,
			claims: o.claims,
			savings: o.savings,
			entitled: o.entitled
		}
	};
};

const CardSchema = v.object({ nationalId: NationalIdField });

/**
 * Put a person on screen: the registry must know the ID (`who` finds it, after the limit is taken: a look by passport
 * reads the registry too); the look is recorded either way. 'limited' when this officer has looked up more persons this
 * hour than any counter serves (STAFF_LOOKUPS_PER_HOUR).
 */
async function show(
	event: Parameters<Actions[string]>[0],
	who: () => Promise<string | null>,
	method: LookupMethod,
	reason: string | null,
	passport?: { passportNo: string; nationality: string }
): Promise<'shown' | 'not_found' | Msg> {
	const { staff, session } = requireStaff(event, 'officer');
	const taken = await take('staff_lookup', { userId: staff.id });
	if (!taken.ok) return tryAgainAt(taken.retryAt, event.locals.locale);
	const nationalId = await who();
	const found = nationalId !== null && (await personExists(nationalId));
	await recordLookup(staff, { nationalId: nationalId ?? '', method, reason, view: 'summary', found, passport }, event.locals.ip);
	if (!found) return 'not_found';
	await setCitizen(session.id, { nationalId, method, reason });
	return 'shown';
}

export const actions: Actions = {
	card: async (event) => {
		requireStaff(event, 'officer');
		const form = await event.request.formData();
		const parsed = parseForm(CardSchema, { nationalId: String(form.get('nationalId') ?? '') });
		if (!parsed.ok) return fail(400, { card: true, formError: 'err_staff_card_id' });
		const r = await show(event, async () => parsed.data.nationalId, 'card', null);
		if (r === 'not_found') return fail(404, { card: true, formError: 'err_staff_not_found' });
		if (r !== 'shown') return fail(429, { card: true, formError: r });
		redirect(303, '/staff/officer');
	},
	typed: async (event) => {
		requireStaff(event, 'officer');
		const form = await event.request.formData();
		const values = { nationalId: String(form.get('nationalId') ?? '').slice(0, 40), reason: String(form.get('reason') ?? '').slice(0, 2000) };
		const parsed = parseForm(TypedLookupSchema, values);
		if (!parsed.ok) return fail(400, { typed: true, values, errors: parsed.errors });
		const r = await show(event, async () => parsed.data.nationalId, 'typed', parsed.data.reason);
		if (r === 'not_found') return fail(404, { typed: true, values, formError: 'err_staff_not_found' });
		if (r !== 'shown') return fail(429, { typed: true, values, formError: r });
		redirect(303, '/staff/officer');
	},
	/** Seed 003: a foreign insured person shows the SSO card with a passport; typed with its reason, as an ID is. */
	passport: async (event) => {
		requireStaff(event, 'officer');
		const form = await event.request.formData();
		// its own reason field: the page has the typed ID's too
		const values = { ...passportValues(form), reason: String(form.get('passportReason') ?? '').slice(0, 2000) };
		const parsed = parseWithBirth(PassportLookupSchema, values, today());
		if (!parsed.ok) {
			const { reason, ...rest } = parsed.errors;
			return fail(400, { passport: true, values, errors: { ...rest, ...(reason ? { passportReason: reason } : {}) } });
		}
		const { passportNo, nationality } = parsed.data;
		const r = await show(
			event,
			async () => (await personByPassport(passportNo, nationality, parsed.birthDate))?.nationalId ?? null,
			'passport',
			parsed.data.reason,
			{ passportNo, nationality }
		);
		if (r === 'not_found') return fail(404, { passport: true, values, formError: 'err_staff_not_found_passport' });
		if (r !== 'shown') return fail(429, { passport: true, values, formError: r });
		redirect(303, '/staff/officer');
	},
	/**
	 * In person: the card of the person on screen has been read at this counter and the officer has checked its photo
	 * against the face. A typed ID proves nothing (no card in hand).
	 */
	prove: async (event) => {
		const { staff, session } = requireStaff(event, 'officer');
		const form = await event.request.formData();
		const c = session.citizen;
		if (!c || c.method !== 'card') return fail(400, { prove: true, formError: 'err_staff_prove_card' });
		if (form.get('checked') !== 'yes' || form.get('phone') !== 'yes') return fail(400, { prove: true, formError: 'err_staff_prove_check' });
		const r = await proveInPerson({ id: staff.id, place: placeOf(staff) }, c.nationalId, event.locals.ip);
		if (!r.ok) return fail(404, { prove: true, formError: 'err_staff_prove_no_account' });
		redirect(303, '/staff/officer?proved=1');
	},
	/**
	 * The take-over repair at the counter: the card holder says the account's number is not theirs. With the card read
	 * here and its photo checked, their own number is sent a code, which they type on this screen themselves.
	 */
	repairStart: async (event) => {
		const { staff, session } = requireStaff(event, 'officer');
		const form = await event.request.formData();
		const c = session.citizen;
		const phone = String(form.get('phone') ?? '').slice(0, 40);
		if (!c || c.method !== 'card') return fail(400, { repair: true, phone, formError: 'err_staff_prove_card' });
		if (form.get('checked') !== 'yes') return fail(400, { repair: true, phone, formError: 'err_staff_repair_check' });
		const r = await startCounterRepair({ id: staff.id, place: placeOf(staff) }, c.nationalId, phone, event.locals.ip, event.locals.locale);
		if (r.ok || r.reason === 'sms_failed') {
			await saveDraft<CounterRepairDraft>(event, 'counter', { staffId: staff.id, nationalId: c.nationalId, ...r.draft });
			redirect(303, '/staff/officer');
		}
		if (r.reason === 'no_account') return fail(404, { repair: true, phone, formError: 'err_staff_prove_no_account' });
		if (r.reason === 'proved') return fail(409, { repair: true, phone, formError: 'err_staff_repair_proved' });
		if (r.reason === 'rate_limited') return fail(429, { repair: true, phone, formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
		if (r.reason === 'invalid' || r.reason === 'locked') return fail(400, { repair: true, phone, errors: r.errors });
		return fail(400, { repair: true, phone });
	},
	repairFinish: async (event) => {
		const { staff, session } = requireStaff(event, 'officer');
		const form = await event.request.formData();
		const c = session.citizen;
		const draft = await repairOf(event, staff.id, c?.nationalId);
		if (!c || c.method !== 'card' || !draft) return fail(400, { repairCode: true, formError: 'err_staff_repair_restart' });
		const r = await finishCounterRepair({ id: staff.id }, draft, String(form.get('code') ?? ''), event.locals.ip, event.locals.locale);
		if (r.ok) {
			await clearDraft(event, 'counter');
			redirect(303, '/staff/officer?repaired=1');
		}
		if (r.reason === 'invalid') return fail(codeFailStatus(r.error), { repairCode: true, errors: { code: r.error } });
		await clearDraft(event, 'counter');
		return fail(400, { repair: true, formError: 'err_staff_repair_restart' });
	},
	repairCancel: async (event) => {
		requireStaff(event, 'officer');
		await clearDraft(event, 'counter');
		redirect(303, '/staff/officer');
	},
	clear: async (event) => {
		const { session } = requireStaff(event, 'officer');
		const form = await event.request.formData();
		const why = String(form.get('why') ?? 'next');
		await clearCitizen(session.id);
		// a repair in progress belongs to the person who was on screen
		await clearDraft(event, 'counter');
		redirect(303, `/staff/officer?cleared=${why === 'removed' || why === 'idle' ? why : 'next'}`);
	}
};
