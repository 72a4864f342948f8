import type { PageServerLoad } from './$types';
import { loadRecords, unsubmittedMonth, whatsNew } from '$server/registry/records';
import { today, now } from '$server/clock';
import { offlineSummary } from '$server/registry/offline';
import { requireCitizen } from '$server/guard';
import { actionsFor } from '$server/applications/actions';

export const load: PageServerLoad = async (event) => {
	const { user, session } = requireCitizen(event);
	const url = event.url;
	const t = now();
	const day = today();
	const r = await loadRecords(user.nationalId, day, { applications: true });
	return {
		// just registered: the number to log in with next time (a foreign worker who registered by passport learns it here)
		welcome: url.searchParams.has('welcome') ? { username: user.nationalId } : null,
		newPeriod: await whatsNew(user.id, r.latestPeriod, user.seenPeriod),
		unsubmitted: unsubmittedMonth(r, day),
		// what this person should do now, each with its date: first on the page
		actions: await actionsFor(user.nationalId, r, day),
		entitledCount: r.entitlements.filter((e) => e.qualifies).length,
		// the cases of the member's own scheme: 7 for section 33, the option's own for section 40
		entitledTotal: r.entitlements.length,
		// the cards show the summary that is also kept on the device for reading offline: one read, sent once
		offline: { summary: offlineSummary(user.id, r, t), idleExpiresAt: session.idleExpiresAt, expiresAt: session.expiresAt, serverNow: t }
	};
};
