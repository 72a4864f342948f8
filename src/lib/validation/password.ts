/**
 * Password rule (NIST SP 800-63B, stricter than the old SSO rule of 6 alphanumerics on purpose):
 * at least 8 characters of any kind, at most 128, not a common password, and not built from
 * the citizen's own national ID, phone number or birth date.
 * The common-password list lives on the server; this module holds the parts the browser can check too.
 */
import { toBE } from '../format/date';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'short' | 'long' | 'common' | 'personal';

export interface PersonalFacts {
	nationalId?: string;
	phone?: string;
	birthDateIso?: string;
}

/** Length in Unicode code points after NFC, as NIST SP 800-63B counts (a Thai vowel or tone mark counts as one). */
export function passwordLength(pw: string): number {
	return [...pw.normalize('NFC')].length;
}

function birthDateForms(iso: string): string[] {
	const [y, m, d] = iso.split('-');
	if (!y || !m || !d) return [];
	const be = String(toBE(Number(y)));
	return [d + m + be, d + m + y, be + m + d, y + m + d, d + m + be.slice(2), d + m + y.slice(2)];
}

export function personalTokens(f: PersonalFacts): string[] {
	const t: string[] = [];
	if (f.nationalId) t.push(f.nationalId);
	if (f.phone) t.push(f.phone, f.phone.slice(1));
	if (f.birthDateIso) t.push(...birthDateForms(f.birthDateIso));
	return t.filter((x) => x.length >= 6);
}

export function checkPassword(pw: string, facts: PersonalFacts, isCommon: (pw: string) => boolean = () => false): PasswordProblem | null {
	const len = passwordLength(pw);
	if (len < PASSWORD_MIN) return 'short';
	if (len > PASSWORD_MAX) return 'long';
	const digits = pw.replace(/[\s\-/.]/g, '');
	if (personalTokens(facts).some((tok) => digits.includes(tok))) return 'personal';
	if (isCommon(pw)) return 'common';
	return null;
}
