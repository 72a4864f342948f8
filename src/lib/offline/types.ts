/**
 * The signed-in citizen's own summary kept on the device for offline reading (issue 6): what the dashboard and the
 * record pages show, cut to what is worth having without a network. Built by the server (GET /api/me/offline), stored by
 * $lib/offline/store, shown by the /offline page.
 */
/** The IndexedDB database that holds the copy. */
export const OFFLINE_DB = 'prakan-offline';

export interface OfflineSummary {
	/** The account the copy belongs to (opaque id, not the national ID). */
	user: string;
	/** Server time the data was read, ms. */
	fetchedAt: number;
	person: { titleTh: string; firstNameTh: string; lastNameTh: string; titleEn: string; firstNameEn: string; lastNameEn: string };
	status: {
		open: { section: number; s40Option: number | null; startDate: string } | null;
		lastEnded: { section: number; endDate: string; endReason: string | null } | null;
		history: { section: number; startDate: string; endDate: string | null }[];
	};
	medicalKind: string;
	hospital: { nameTh: string; nameEn: string; province: string; validFrom: string; validTo: string | null } | null;
	contributions: {
		months: number;
		insuredSatang: number;
		/** The last 24 recorded months, newest first. */
		recent: {
			period: string;
			section: number;
			employer: string | null;
			employerEn: string | null;
			wageBaseSatang: number;
			insuredSatang: number;
			employerSatang: number;
			governmentSatang: number;
		}[];
	};
	claims: {
		totalSatang: number;
		count: number;
		list: { kind: string; claimDate: string; startDate: string | null; endDate: string | null; amountSatang: number; status: string }[];
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
