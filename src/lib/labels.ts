/**
 * What each word of src/lib/vocabulary.ts is called on a page, in the citizen's language. Each table is checked by the
 * compiler against its list (`satisfies Record<…>`): a new word without a label, or a label of a word that is not in
 * the list, does not compile. A page ships only the tables it uses.
 */
import { m } from '$lib/i18n';
import type { BenefitKind, ClaimStatus, EndReason, LookupMethod, LookupView, NoticeKind, StaffState } from '$lib/vocabulary';

type Label = () => string;

export const BENEFIT_KIND_LABEL = {
	sickness: m.kind_sickness,
	maternity: m.kind_maternity,
	disability: m.kind_disability,
	death: m.kind_death,
	child: m.kind_child,
	old_age: m.kind_old_age,
	unemployment: m.kind_unemployment
} satisfies Record<BenefitKind, Label>;

export const CLAIM_STATUS_LABEL = {
	submitted: m.claim_submitted,
	approved: m.claim_approved,
	rejected: m.claim_rejected,
	paid: m.claim_paid
} satisfies Record<ClaimStatus, Label>;

export const END_REASON_LABEL = {
	resigned: m.reason_resigned,
	contract_ended: m.reason_contract_ended,
	dismissed: m.reason_dismissed,
	dismissed_misconduct: m.reason_dismissed_misconduct,
	force_majeure: m.reason_force_majeure,
	business_closed: m.reason_business_closed,
	retired: m.reason_retired,
	died: m.reason_died,
	lapsed: m.reason_lapsed,
	moved_section: m.reason_moved_section
} satisfies Record<EndReason, Label>;

export const LOOKUP_VIEW_LABEL = {
	summary: m.staff_v_summary,
	hospital: m.staff_v_hospital,
	contributions: m.staff_v_contributions,
	claims: m.staff_v_claims,
	savings: m.staff_v_savings,
	rights: m.staff_v_rights,
	emergency: m.staff_v_emergency
} satisfies Record<LookupView, Label>;

/** How staff had the identity, in the administrator's list */
export const LOOKUP_METHOD_LABEL = {
	card: m.staff_m_card,
	typed: m.staff_m_typed,
	passport: m.staff_m_passport
} satisfies Record<LookupMethod, Label>;

/** The same, as the citizen reads it of a look at their records */
export const MY_LOOKUP_METHOD_LABEL = {
	card: m.profile_lookup_card,
	typed: m.profile_lookup_typed,
	passport: m.profile_lookup_passport
} satisfies Record<LookupMethod, Label>;

export const STAFF_STATE_LABEL = {
	active: m.staff_state_active,
	pending: m.staff_state_pending,
	dormant: m.staff_state_dormant,
	dormant_due: m.staff_state_dormant_due,
	disabled: m.staff_state_disabled
} satisfies Record<StaffState, Label>;

export const NOTICE_KIND_LABEL = {
	unemployment: m.notices_kind_unemployment,
	contribution: m.notices_kind_contribution,
	employer: m.notices_kind_employer,
	hospital: m.notices_kind_hospital,
	application: m.notices_kind_application
} satisfies Record<NoticeKind, Label>;
