import type { PageServerLoad } from './$types';
import { eq } from 'drizzle-orm';
import { loadRecords, whatsNew } from '$server/registry/records';
import { today } from '$server/registry/today';
import { db, schema } from '$server/db';
import { offlineSummary } from '$server/registry/offline';
import { now } from '$server/clock';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = locals.user!;
	const session = locals.session!;
	const t = now();
	const r = loadRecords(user.nationalId, today());
	const seen = db().select({ seenPeriod: schema.users.seenPeriod }).from(schema.users).where(eq(schema.users.id, user.id)).get();
	return {
		welcome: url.searchParams.has('welcome'),
		newPeriod: whatsNew(user.id, r.latestPeriod, seen?.seenPeriod ?? null),
		status: { open: r.status.open, lastEnded: r.status.lastEnded },
		hospital: r.hospital ? { nameTh: r.hospital.nameTh, nameEn: r.hospital.nameEn } : null,
		medicalKind: r.medical.kind,
		totals: r.totals,
		entitledCount: r.entitlements.filter((e) => e.qualifies).length,
		// the same records, kept on the device for reading offline (issue 6); read from this one load, no second query
		offline: { summary: offlineSummary(user.id, r, t), idleExpiresAt: session.idleExpiresAt, expiresAt: session.expiresAt, serverNow: t }
	};
};
