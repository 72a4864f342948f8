import type { PageServerLoad } from './$types';
import { auditExport, exportData } from '$server/accounts/account';
import { kindName, statusName } from '$server/applications/store';
import { now } from '$server/clock';
import { requireProved } from '$server/guard';

/** PDPA right of access (with the higher level of identity proof: others may know an ID and a birth date), readable: the same copy as the JSON file, laid out to read and print. */
export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	const { user } = requireProved(event, 'data_copy');
	const who = { userId: user.id, nationalId: user.nationalId, ip: locals.ip };
	const copy = await exportData(who);
	await auditExport(who, 'html');
	const applications = copy.applications.map((a) => ({ ref: a.ref, kind: kindName(a.kind, locals.locale), status: statusName(a.kind, a.status, locals.locale), submittedOn: a.submittedOn }));
	return { copy: { ...copy, applications }, at: now() };
};
