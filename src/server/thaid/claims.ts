/**
 * What ThaID tells us about a person, from the claims of its id_token and of its token response (several
 * integrations find them in either; the id_token's win, since only they are signed). shared/domain/thaid.md lists the
 * claims: `pid` (the 13-digit national ID; some integrations see it as `sub`), `name`/`name_en` (whole names, the title
 * first), `given_name`/`family_name` (and `_en`), `title`/`title_en`, `birthdate`.
 */
import { isValidNationalId, normaliseNationalId } from '$lib/validation/national-id';

export interface ThaidPerson {
	nationalId: string;
	titleTh: string | null;
	firstNameTh: string;
	lastNameTh: string;
	titleEn: string | null;
	firstNameEn: string | null;
	lastNameEn: string | null;
	/**
	 * YYYY-MM-DD in the Gregorian calendar; MM and DD are 00 where the card itself has none (older people registered
	 * with a birth year only, printed as "-" on the card)
	 */
	birthDate: string;
}

export type ClaimProblem = 'no_pid' | 'bad_pid' | 'pid_mismatch' | 'low_ial' | 'no_name' | 'bad_birthdate';

/**
 * The identity assurance level a ThaID answer must carry, when it says (`ial`): 2.3, what DOPA gives a ThaID identity
 * proved against the ID card and the holder's face (DGA's digital ID standard, after NIST SP 800-63-3). An answer
 * without `ial` is ThaID's own, which is that level.
 */
export const MIN_IAL: readonly [number, number] = [2, 3];

/** `ial` as ThaID may send it ("2.3", 2.3, "IAL2.3", "IAL 3"): [major, minor], or null when it cannot be read. */
export function ialOf(v: unknown): [number, number] | null {
	const m = (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '').trim().match(/^(?:IAL\s*)?([1-3])(?:\.([0-9]))?$/i);
	return m ? [Number(m[1]), Number(m[2] ?? 0)] : null;
}

const atLeast = (a: readonly [number, number], b: readonly [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);

/** Titles a Thai name may start with (as on the ID card), longest first so that นางสาว is not read as นาง. */
const TITLES_TH = ['เด็กหญิง', 'เด็กชาย', 'นางสาว', 'ด.ญ.', 'ด.ช.', 'น.ส.', 'นาง', 'นาย'];
const TITLES_EN = ['Master', 'Miss', 'Mrs.', 'Mrs', 'Ms.', 'Ms', 'Mr.', 'Mr'];

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : null);

/** A whole name split into title, first and last: "นาย สมชาย ใจดี", "นายสมชาย ใจดี", "Mr. Somchai Jaidee". */
export function splitName(whole: string, titles: readonly string[]): { title: string | null; first: string; last: string } | null {
	let rest = whole.trim().replace(/\s+/g, ' ');
	let title: string | null = null;
	for (const t of titles) {
		if (rest.startsWith(t) && rest.length > t.length) {
			const after = rest.slice(t.length);
			// an English title is a word of its own; a Thai one may be written against the first name
			if (/^[A-Za-z]/.test(t) && !/^[\s.]/.test(after)) continue;
			title = t;
			rest = after.replace(/^[\s.]+/, '');
			break;
		}
	}
	const words = rest.split(' ').filter(Boolean);
	if (words.length < 2) return null;
	return { title, first: words[0]!, last: words.slice(1).join(' ') };
}

/**
 * A birth date as ThaID may send it: ISO (`1980-01-31`), the same with a Buddhist-era year (`2523-01-31`), day first
 * (`31/01/2523`) or eight digits (`25230131`, `19800131`); the year is Buddhist-era when it is past 2400.
 */
export function birthDateOf(v: unknown): string | null {
	const s = text(typeof v === 'number' ? String(v) : v);
	if (!s) return null;
	const m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
	const dmy = s.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
	const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : dmy ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])] : [NaN, NaN, NaN];
	if (!Number.isInteger(y)) return null;
	const year = y > 2400 ? y - 543 : y;
	if (year < 1880 || year > 2100 || mo > 12 || d > 31 || (mo === 0 && d !== 0)) return null;
	if (mo > 0 && d > 0) {
		const date = new Date(Date.UTC(year, mo - 1, d));
		if (date.getUTCMonth() !== mo - 1) return null;
	}
	return `${String(year).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The person the claims describe, or what is missing or wrong in them. */
export function thaidPerson(
	idToken: Record<string, unknown>,
	tokenResponse: Record<string, unknown> = {}
): { person: ThaidPerson } | { problem: ClaimProblem } {
	const claim = (k: string) => idToken[k] ?? tokenResponse[k];
	// a subject that is a valid national ID is one (one integrator found sub equal to pid); any other is opaque
	const subId = normaliseNationalId(String(idToken.sub ?? ''));
	const sub = /^\d[\d-]{12,16}$/.test(String(idToken.sub ?? '')) && isValidNationalId(subId) ? subId : null;
	const pidText = text(claim('pid')) ?? sub;
	if (!pidText) return { problem: 'no_pid' };
	const nationalId = normaliseNationalId(pidText);
	if (!isValidNationalId(nationalId)) return { problem: 'bad_pid' };
	// a subject that is a national ID names the same person as pid, or the answer is not believed
	if (sub && sub !== nationalId) return { problem: 'pid_mismatch' };
	const ial = claim('ial');
	if (ial !== undefined && ial !== null) {
		const level = ialOf(ial);
		if (!level || !atLeast(level, MIN_IAL)) return { problem: 'low_ial' };
	}

	const wholeTh = text(claim('name'));
	const splitTh = wholeTh ? splitName(wholeTh, TITLES_TH) : null;
	const firstNameTh = text(claim('given_name')) ?? splitTh?.first ?? null;
	const lastNameTh = text(claim('family_name')) ?? splitTh?.last ?? null;
	if (!firstNameTh || !lastNameTh) return { problem: 'no_name' };

	const wholeEn = text(claim('name_en'));
	const splitEn = wholeEn ? splitName(wholeEn, TITLES_EN) : null;
	const birthDate = birthDateOf(claim('birthdate'));
	if (!birthDate) return { problem: 'bad_birthdate' };
	return {
		person: {
			nationalId,
			titleTh: text(claim('title')) ?? splitTh?.title ?? null,
			firstNameTh,
			lastNameTh,
			titleEn: text(claim('title_en')) ?? splitEn?.title ?? null,
			firstNameEn: text(claim('given_name_en')) ?? splitEn?.first ?? null,
			lastNameEn: text(claim('family_name_en')) ?? splitEn?.last ?? null,
			birthDate
		}
	};
}
