/**
 * Old-age savings shown to the citizen (ไม่รวมดอกผล: returns excluded), per ../shared/domain/sso-rules.md.
 * Section 33: 3/5 of each side's contribution (the 3 % child-allowance + old-age part of 5 %) (assumed).
 * Section 39: 288 of each 432 baht (6 % of 9 %), scaled in reduced months (assumed).
 * Section 40: option 2 → 50 baht a month, option 3 → 150 baht, option 1 → none (assumed).
 */

export interface ContributionRow {
	period: string;
	section: number;
	wageBaseSatang: number;
	insuredSatang: number;
	employerSatang: number;
	governmentSatang: number;
	/** section 40 option for section 40 rows */
	s40Option?: number | null;
}

export interface OldAgeShare {
	insuredSatang: number;
	employerSatang: number;
}

/** Round a fraction of satang half up (amounts here are non-negative). */
const roundSatang = (numerator: number, denominator: number) => Math.floor((2 * numerator + denominator) / (2 * denominator));

export function oldAgeShare(c: ContributionRow): OldAgeShare {
	if (c.section === 33) return { insuredSatang: roundSatang(c.insuredSatang * 3, 5), employerSatang: roundSatang(c.employerSatang * 3, 5) };
	if (c.section === 39) return { insuredSatang: roundSatang(c.insuredSatang * 288, 432), employerSatang: 0 };
	if (c.section === 40) return { insuredSatang: c.s40Option === 3 ? 15_000 : c.s40Option === 2 ? 5_000 : 0, employerSatang: 0 };
	return { insuredSatang: 0, employerSatang: 0 };
}

export function totalOldAgeSavings(rows: readonly ContributionRow[]): OldAgeShare & { totalSatang: number } {
	let insured = 0;
	let employer = 0;
	for (const r of rows) {
		const s = oldAgeShare(r);
		insured += s.insuredSatang;
		employer += s.employerSatang;
	}
	return { insuredSatang: insured, employerSatang: employer, totalSatang: insured + employer };
}
