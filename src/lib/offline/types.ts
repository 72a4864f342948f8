/**
 * The signed-in citizen's own summary kept on the device for offline reading: exactly what the /offline page
 * shows, nothing more (no national ID, no wages, no employer account numbers). Built by the server with the dashboard's
 * data (src/server/registry/offline.ts), stored by $lib/offline/store.
 */
import type { BenefitKind, ClaimStatus } from '$lib/vocabulary';

export interface OfflineSummary {
	/** The account the copy belongs to (opaque id, not the national ID). */
	user: string;
	/** Server time the data was read, ms. */
	fetchedAt: number;
	person: { firstNameTh: string; lastNameTh: string; firstNameEn: string; lastNameEn: string };
	status: {
		open: { section: number; s40Option: number | null; startDate: string } | null;
		lastEnded: { section: number; endDate: string } | null;
		history: { section: number; startDate: string; endDate: string | null }[];
	};
	medicalKind: string;
	hospital: { nameTh: string; nameEn: string; validFrom: string; validTo: string | null } | null;
	contributions: {
		months: number;
		insuredSatang: number;
		/** The last 24 recorded months, newest first. */
		recent: { period: string; section: number; employer: string | null; employerEn: string | null; insuredSatang: number }[];
	};
	claims: {
		totalSatang: number;
		count: number;
		list: { kind: BenefitKind; claimDate: string; amountSatang: number; status: ClaimStatus }[];
	};
	savings: { insuredSatang: number; employerSatang: number; totalSatang: number };
}

/** What the device keeps: the summary plus when the session that fetched it ends (this browser's clock, ms). */
export interface OfflineCopy {
	v: 1;
	summary: OfflineSummary;
	/** The session's idle and absolute ends; the copy is erased once either has passed (a session expiry erases it). */
	idleExpiresAt: number;
	expiresAt: number;
}
