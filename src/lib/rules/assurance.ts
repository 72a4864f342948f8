/**
 * How sure we are that an account is its national ID's person, and what that allows (in the spirit of ETDA's digital
 * identity standard ขมธอ. 19-2561 and NIST SP 800-63-3's identity assurance levels):
 *
 * - `sms`: opened by the three-step wizard. It proves that someone knows a person's ID, name and birth date (facts that
 *   others may know) and holds a phone: enough to see one's own records and to apply.
 * - `thaid`: proved by ThaID, where DOPA has checked the ID card and the face; `in_person`: proved by an officer with
 *   the ID card in hand. Either is the higher level, which actions that move money or identity need.
 */
export const ASSURANCE_LEVELS = ['sms', 'thaid', 'in_person'] as const;
export type Assurance = (typeof ASSURANCE_LEVELS)[number];

/** What needs the higher level: the bank account benefits are paid to, a new mobile number without the old one, the PDPA copy of everything. */
export const PROVED_ACTIONS = ['bank_account', 'phone_without_old', 'data_copy'] as const;
export type ProvedAction = (typeof PROVED_ACTIONS)[number];

/** Whether the account holds the higher level. */
export function isProved(level: Assurance): boolean {
	return level === 'thaid' || level === 'in_person';
}

/** The level after a proof: a proof only ever raises it (ThaID does not lower an officer's proof in person). */
export function raisedBy(level: Assurance, proof: 'thaid' | 'in_person'): Assurance {
	return isProved(level) ? level : proof;
}
