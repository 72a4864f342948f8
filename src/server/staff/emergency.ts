/**
 * Seed 003's emergency check: a hospital that is not the person's registered one checks the rights on the day of
 * admission and is told what the emergency rules allow (src/lib/rules/emergency.ts); the check is recorded with its
 * reason and admission time, as a look the person sees.
 */
import type { Locale } from '$lib/i18n';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { db, one, schema } from '../db';
import { now } from '../clock';
import { take, tryAgainAt } from '../limits';
import { recordLookup, rightsCheck, type RightsAnswer } from './lookups';
import type { StaffMember } from './session';
import { NationalIdField, parseForm } from '$lib/validation/forms';
import { parseBeDay } from '$lib/validation/be-date';
import { isPlainText } from '$lib/validation/text';
import { messageKey, type FieldErrors, type Msg } from '$lib/validation/messages';
import { admissionProblem, emergencyAnswer, EMERGENCY_KINDS, type EmergencyAnswer } from '$lib/rules/emergency';
import { BANGKOK_OFFSET_MS, isoDateInBangkok } from '$lib/format/date';

/** The form's fields (named apart from the page's other forms). */
export const EMERGENCY_FIELDS = ['emNationalId', 'admittedDate', 'admittedTime', 'kind', 'emReason'] as const;
export type EmergencyValues = Record<(typeof EMERGENCY_FIELDS)[number], string>;

const Schema = v.object({
	emNationalId: NationalIdField,
	kind: v.picklist(EMERGENCY_KINDS, messageKey('err_em_kind')),
	emReason: v.pipe(
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

export type EmergencyResult =
	| { ok: true; answer: Extract<RightsAnswer, { found: true }>; emergency: EmergencyAnswer; checkedId: string }
	| { ok: false; status: 400 | 404 | 429; errors?: FieldErrors; formError?: Msg };

export async function emergencyCheck(
	staff: Pick<StaffMember, 'id' | 'username' | 'role' | 'centre' | 'hospitalCode'>,
	values: EmergencyValues,
	ip: string | null,
	locale: Locale
): Promise<EmergencyResult> {
	const parsed = parseForm(Schema, values);
	const when = admissionOf(values.admittedDate, values.admittedTime);
	const t = now();
	const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(when.ok ? {} : when.errors) };
	if (when.ok) {
		const p = admissionProblem(when.at, t);
		if (p) errors.admittedDate = p === 'future' ? 'err_em_future' : 'err_em_too_old';
	}
	if (!parsed.ok || !when.ok || Object.keys(errors).length) return { ok: false, status: 400, errors };
	const taken = await take('staff_lookup', { userId: staff.id });
	if (!taken.ok) return { ok: false, status: 429, formError: tryAgainAt(taken.retryAt, locale) };
	const d = parsed.data;
	// the rights of the day the person arrived, not of today
	const answer = await rightsCheck(d.emNationalId, staff.hospitalCode!, isoDateInBangkok(when.at));
	await recordLookup(
		staff,
		{
			nationalId: d.emNationalId,
			method: 'typed',
			reason: `${d.kind === 'critical' ? 'วิกฤต' : 'ไม่วิกฤต'}: ${d.emReason}`,
			view: 'emergency',
			found: answer.found,
			admittedAt: when.at
		},
		ip
	);
	if (!answer.found) return { ok: false, status: 404, formError: 'err_staff_not_found' };
	const ours = await one(db().select({ type: schema.hospitals.type }).from(schema.hospitals).where(eq(schema.hospitals.code, staff.hospitalCode!)));
	const emergency = emergencyAnswer({
		kind: d.kind,
		admittedAt: when.at,
		now: t,
		rights: answer.rights,
		relation: answer.relation,
		hospitalType: ours?.type ?? 'public'
	});
	return { ok: true, answer, emergency, checkedId: d.emNationalId };
}
