import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$server/guard';
import { db, one, schema } from '$server/db';
import { now } from '$server/clock';
import { take, tryAgainAt } from '$server/limits';
import { recordLookup, rightsCheck } from '$server/staff/lookups';
import { NationalIdField, parseForm } from '$lib/validation/forms';
import { parseBeDay } from '$lib/validation/be-date';
import { isPlainText } from '$lib/validation/text';
import { messageKey, type FieldErrors } from '$lib/validation/messages';
import { admissionProblem, emergencyAnswer, EMERGENCY_KINDS } from '$lib/rules/emergency';
import { BANGKOK_OFFSET_MS, isoDateInBangkok } from '$lib/format/date';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'hospital');
	return {};
};

const Schema = v.object({
	nationalId: NationalIdField,
	kind: v.picklist(EMERGENCY_KINDS, messageKey('err_em_kind')),
	reason: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' ')),
		v.check((s) => [...s].length >= 10 && [...s].length <= 300 && isPlainText(s), messageKey('err_em_reason'))
	)
});

/** "7/12/2569" and "14:30", Bangkok time, as an instant; or which of the two is wrong. */
function admissionOf(date: string, time: string): { ok: true; at: number } | { ok: false; errors: FieldErrors } {
	const day = parseBeDay(date);
	const t = /^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$/.exec(time);
	const errors: FieldErrors = {};
	if (!day) errors.admittedDate = 'err_em_date';
	if (!t) errors.admittedTime = 'err_em_time';
	if (!day || !t) return { ok: false, errors };
	return { ok: true, at: Date.parse(`${day}T${t[1]!.padStart(2, '0')}:${t[2]}:00Z`) - BANGKOK_OFFSET_MS };
}

export const actions: Actions = {
	/**
	 * Seed 003's emergency check: a hospital that is not the person's registered one checks the rights on the day of
	 * admission and is told what the emergency rules allow; the check is recorded with its reason and admission time.
	 */
	default: async (event) => {
		const { staff } = requireStaff(event, 'hospital');
		const form = await event.request.formData();
		const get = (k: string, max = 40) => String(form.get(k) ?? '').slice(0, max);
		const values = {
			nationalId: get('nationalId'),
			admittedDate: get('admittedDate'),
			admittedTime: get('admittedTime'),
			kind: get('kind'),
			reason: get('reason', 2000)
		};
		const parsed = parseForm(Schema, values);
		const when = admissionOf(values.admittedDate, values.admittedTime);
		const t = now();
		const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(when.ok ? {} : when.errors) };
		if (when.ok) {
			const p = admissionProblem(when.at, t);
			if (p) errors.admittedDate = p === 'future' ? 'err_em_future' : 'err_em_too_old';
		}
		if (!parsed.ok || !when.ok || Object.keys(errors).length) return fail(400, { values, errors });
		const taken = await take('staff_lookup', { userId: staff.id });
		if (!taken.ok) return fail(429, { values, formError: tryAgainAt(taken.retryAt, event.locals.locale) });
		const d = parsed.data;
		// the rights of the day the person arrived, not of today
		const answer = await rightsCheck(d.nationalId, staff.hospitalCode!, isoDateInBangkok(when.at));
		await recordLookup(
			staff,
			{
				nationalId: d.nationalId,
				method: 'typed',
				reason: `${d.kind === 'critical' ? 'วิกฤต' : 'ไม่วิกฤต'}: ${d.reason}`,
				view: 'emergency',
				found: answer.found,
				admittedAt: when.at
			},
			event.locals.ip
		);
		if (!answer.found) return fail(404, { values, formError: 'err_staff_not_found' });
		const ours = await one(db().select({ type: schema.hospitals.type }).from(schema.hospitals).where(eq(schema.hospitals.code, staff.hospitalCode!)));
		const emergency = emergencyAnswer({
			kind: d.kind,
			admittedAt: when.at,
			now: t,
			rights: answer.rights,
			relation: answer.relation,
			hospitalType: ours?.type ?? 'public'
		});
		return { values, answer, emergency, checkedId: d.nationalId };
	}
};
