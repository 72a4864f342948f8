/**
 * What the profile page shows, read together (one snapshot; on PostgreSQL one statement besides the session's): the
 * account, its signed-in devices, the devices that receive its notifications, its recent security events and every look
 * staff took at the person's records. Each
 * part is the one its own module reads alone (accounts/account.ts, auth/devices.ts, staff/lookups.ts).
 */
import { readTogether } from '../db';
import { accountOverviewPart, overviewOf, securityEventOf, securityEventsPart } from './account';
import { deviceOf, devicesOf, liveSessionsPart, liveSince } from '../auth/devices';
import { lookupsOfPart } from '../staff/lookups';
import { pushDevicesPart } from '../notify/notices';

const readProfile = readTogether('profile', {
	account: accountOverviewPart,
	sessions: liveSessionsPart,
	pushDevices: pushDevicesPart,
	events: securityEventsPart,
	lookups: lookupsOfPart
});

/** The profile of the signed-in citizen on `sessionId`, or null if the account is closed or gone. */
export async function profileRecords(user: { id: string; nationalId: string }, sessionId: string, limits = { events: 15, lookups: 20 }) {
	const r = await readProfile({ userId: user.id, nationalId: user.nationalId, ...liveSince(), eventsLimit: limits.events, lookupsLimit: limits.lookups });
	const account = overviewOf(r.account[0]);
	if (!account) return null;
	return {
		account,
		devices: devicesOf(r.sessions, sessionId),
		pushDevices: r.pushDevices.map((p) => ({ ...deviceOf(p.userAgent), id: p.id, createdAt: p.createdAt, lastSentAt: p.lastSentAt })),
		events: r.events.map(securityEventOf),
		lookups: r.lookups
	};
}
