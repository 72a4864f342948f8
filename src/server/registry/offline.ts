import type { OfflineSummary } from '$lib/offline/types';
import type { Records } from './records';

/** How many recorded months the offline copy keeps. */
export const OFFLINE_MONTHS = 24;

/** The lines of the last OFFLINE_MONTHS recorded months (a month paid by two employers has two lines), oldest first. */
function lastMonths<T extends { period: string }>(lines: readonly T[]): T[] {
	const keep = new Set([...new Set(lines.map((l) => l.period))].sort().slice(-OFFLINE_MONTHS));
	return lines.filter((l) => keep.has(l.period));
}

/** The offline copy of one citizen's records: only their own, only what the record pages show. */
export function offlineSummary(userId: string, r: Records, fetchedAt: number): OfflineSummary {
	const p = r.person;
	return {
		user: userId,
		fetchedAt,
		person: { firstNameTh: p.firstNameTh, lastNameTh: p.lastNameTh, firstNameEn: p.firstNameEn, lastNameEn: p.lastNameEn },
		status: {
			open: r.status.open ? { section: r.status.open.section, s40Option: r.status.s40Option, startDate: r.status.open.startDate } : null,
			lastEnded: r.status.lastEnded?.endDate != null ? { section: r.status.lastEnded.section, endDate: r.status.lastEnded.endDate } : null,
			history: [...r.coverages].reverse().map((c) => ({ section: c.section, startDate: c.startDate, endDate: c.endDate }))
		},
		medicalKind: r.medical.kind,
		hospital: r.hospital ? { nameTh: r.hospital.nameTh, nameEn: r.hospital.nameEn, validFrom: r.hospital.validFrom, validTo: r.hospital.validTo } : null,
		contributions: {
			months: r.totals.months,
			insuredSatang: r.totals.insuredSatang,
			recent: lastMonths(r.lines)
				.reverse()
				.map((l) => ({ period: l.period, section: l.section, employer: l.employer, employerEn: l.employerEn, insuredSatang: l.insuredSatang }))
		},
		claims: {
			totalSatang: r.totals.claimsSatang,
			count: r.totals.claimsCount,
			list: r.claims.map((c) => ({
				kind: c.kind,
				claimDate: c.claimDate,
				amountSatang: c.amountSatang,
				status: c.status
			}))
		},
		savings: { insuredSatang: r.totals.savings.insuredSatang, employerSatang: r.totals.savings.employerSatang, totalSatang: r.totals.savings.totalSatang }
	};
}
