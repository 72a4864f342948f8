import type { LayoutServerLoad } from './$types';
import { homeOf } from '$server/staff/access';
import { hospitalOf } from '$server/staff/lookups';
import { now } from '$server/clock';
import { employerById } from '$server/employers/submissions';
import { requireStaff } from '$server/guard';

export const load: LayoutServerLoad = async (event) => {
	const { staff: s, session } = requireStaff(event);
	const { locals, url } = event;
	const h = await hospitalOf(s.hospitalCode);
	const e = s.employerId ? await employerById(s.employerId) : undefined;
	return {
		path: url.pathname,
		staff: {
			name: `${s.firstName} ${s.lastName}`,
			username: s.username,
			position: s.position,
			role: s.role,
			place:
				s.role === 'officer'
					? (s.centre ?? '')
					: h
						? locals.locale !== 'th'
							? h.nameEn
							: h.nameTh
						: e
							? `${locals.locale !== 'th' ? e.nameEn : e.nameTh} (${e.accountNo}/${e.branch})`
							: '',
			home: homeOf(s.role)
		},
		ip: locals.ip,
		serverNow: now(),
		idleExpiresAt: session.idleExpiresAt
	};
};
