import type { PageServerLoad } from './$types';
import { staffById } from '$server/staff/accounts';
import { config } from '$server/config';
import { version } from '$app/environment';
import { requireStaff } from '$server/guard';

/** Seed 000 §4: the system and the signed-in account. */
export const load: PageServerLoad = async (event) => {
	const { staff: s, session } = requireStaff(event);
	const url = event.url;
	const row = (await staffById(s.id))!;
	return {
		done: url.searchParams.get('done') === 'password',
		info: {
			username: s.username,
			activatedAt: row.activatedAt,
			lastLoginAt: row.lastLoginAt,
			sessionStarted: session.createdAt,
			sessionIp: session.ip,
			idleMinutes: config().STAFF_IDLE_MINUTES,
			dormantDays: config().STAFF_DORMANT_DAYS,
			version
		}
	};
};
