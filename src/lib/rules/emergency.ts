/**
 * An insured person (section 33 or 39) treated in an emergency at a hospital that is not their registered one, and what
 * the rules allow (seed 003: "ระบบตรวจสอบการใช้สิทธิรักษาพยาบาลกรณีฉุกเฉิน"). Sources and what is not confirmed:
 * docs/EMERGENCY.md.
 *
 * - A critical emergency (life-threatening, triage level 1 / red) falls under UCEP ("เจ็บป่วยฉุกเฉินวิกฤต มีสิทธิทุกที่",
 *   in force 1 April 2017): any hospital treats without charging the patient until the crisis has passed or for at most
 *   72 hours from arrival, holidays counted, and bills the person's fund — here the SSO — at the UCEP fee schedule;
 *   then the person is moved to the registered hospital [E2–E8].
 * - An ordinary emergency (acute, possibly dangerous, needs urgent care): the SSO pays on the Medical Committee's
 *   emergency schedule (announcement of 31 August 2017) — at a public hospital the actual cost as needed; at a private
 *   one at most 1,000 baht an outpatient visit, as an inpatient 2,000 baht a day of treatment plus 700 a day of room and
 *   food, 4,500 a day all in in intensive care, 8,000–16,000 baht for major surgery by its length [E14–E18]. The person
 *   pays first and claims at an SSO office within 2 years [E21]; the registered hospital is told at once, within 72
 *   hours when the person must be moved, and bears the costs after it is told [E22].
 * - Either way the person must have medical rights on the day of admission (3 months paid in the 15 before it, or the
 *   six months after coverage ended); an injury at work is the Workmen's Compensation Fund's, not this.
 * Amounts are satang.
 */

export const EMERGENCY_KINDS = ['critical', 'urgent'] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** UCEP's free period, and the registered hospital's notice for a transfer: 72 hours from arrival, holidays counted. */
export const EMERGENCY_HOURS = 72;
const HOUR = 3_600_000;

/** The private-hospital ceilings of an ordinary emergency (the Medical Committee's schedule, as reported [E16][E18]). */
export const PRIVATE_CEILINGS = {
	outpatientVisitSatang: 100_000,
	inpatientTreatmentPerDaySatang: 200_000,
	roomAndFoodPerDaySatang: 70_000,
	intensiveCarePerDaySatang: 450_000,
	majorSurgeryMinSatang: 800_000,
	majorSurgeryMaxSatang: 1_600_000
} as const;

/** How long after treatment a person who paid may claim from the SSO. */
export const CLAIM_YEARS = 2;

export interface EmergencyInput {
	kind: EmergencyKind;
	/** when the person arrived (ms since the epoch) */
	admittedAt: number;
	/** when the check is made */
	now: number;
	/** medical rights on the day of admission, and the registered hospital's relation to the one checking */
	rights: boolean;
	relation: 'ours' | 'network' | 'other' | null;
	/** the checking hospital's ownership */
	hospitalType: 'public' | 'private';
}

export type EmergencyAnswer =
	| { holds: false; why: 'no_rights' }
	/** the registered hospital or its network: the ordinary rights apply, nothing of the emergency rules is needed */
	| { holds: true; own: true }
	| {
			holds: true;
			own: false;
			kind: EmergencyKind;
			/** the end of the 72 hours from arrival */
			until: number;
			/** whether that end is still ahead */
			within: boolean;
			/** critical: UCEP, nothing charged to the person, the hospital bills the SSO */
			ucep: boolean;
			/** urgent: who pays and how much the SSO gives back */
			pay: 'ucep' | 'actual_cost' | 'ceilings';
	  };

export function emergencyAnswer(i: EmergencyInput): EmergencyAnswer {
	if (!i.rights) return { holds: false, why: 'no_rights' };
	if (i.relation === 'ours' || i.relation === 'network') return { holds: true, own: true };
	const until = i.admittedAt + EMERGENCY_HOURS * HOUR;
	const ucep = i.kind === 'critical';
	return {
		holds: true,
		own: false,
		kind: i.kind,
		until,
		within: i.now < until,
		ucep,
		pay: ucep ? 'ucep' : i.hospitalType === 'public' ? 'actual_cost' : 'ceilings'
	};
}

/** The admission time a clerk may give: not in the future (five minutes of clock drift allowed), at most 30 days back. */
export function admissionProblem(admittedAt: number, now: number): 'future' | 'too_old' | null {
	if (admittedAt > now + 5 * 60_000) return 'future';
	if (admittedAt < now - 30 * 24 * HOUR) return 'too_old';
	return null;
}
