/** The administrator's view: the lookups filtered from a query string, as a page or as CSV; the staff accounts. */
import { asc, eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { isoDateInBangkok, timeInBangkok } from '$lib/format/date';
import { isValidNationalId, normaliseNationalId } from '$lib/validation/national-id';
import { parseBeDay } from '$lib/validation/be-date';
import { STAFF_ROLES } from '../db/schema';
import { LOOKUP_METHODS, type StaffState } from '$lib/vocabulary';
import type { FieldErrors } from '$lib/validation/messages';
import { isDormant } from './accounts';
import type { LookupFilter } from './lookups';
import { csvRecord, type CsvCell } from '../csv';

export interface FilterForm {
	from: string;
	to: string;
	role: string;
	username: string;
	nationalId: string;
	method: string;
}

/** The filter from the query string; a field that cannot be read is reported and left out (the list stays useful). */
export function readFilter(q: URLSearchParams): { form: FilterForm; filter: LookupFilter; errors: FieldErrors } {
	const get = (k: string) => (q.get(k) ?? '').slice(0, 40).trim();
	const form: FilterForm = {
		from: get('from'),
		to: get('to'),
		role: get('role'),
		username: get('username').toLowerCase(),
		nationalId: get('nationalId'),
		method: get('method')
	};
	const filter: LookupFilter = {};
	const errors: FieldErrors = {};
	for (const k of ['from', 'to'] as const) {
		if (!form[k]) continue;
		const iso = parseBeDay(form[k]);
		if (iso) filter[k] = iso;
		else errors[k] = 'err_staff_filter_date';
	}
	if ((STAFF_ROLES as readonly string[]).includes(form.role)) filter.role = form.role as LookupFilter['role'];
	if (form.username) filter.username = form.username;
	if (form.nationalId) {
		const id = normaliseNationalId(form.nationalId);
		if (isValidNationalId(id)) filter.nationalId = id;
		else errors.nationalId = 'err_national_id';
	}
	if ((LOOKUP_METHODS as readonly string[]).includes(form.method)) filter.method = form.method as LookupFilter['method'];
	return { form, filter, errors };
}

/** One CSV field, quoted and formula-neutralised as every CSV of the portal is (src/server/csv.ts). */
export function csvField(v: CsvCell): string {
	return csvRecord([v]);
}

export const CSV_HEADER = ['date', 'time', 'username', 'role', 'place', 'national_id', 'method', 'reason', 'view', 'found', 'ip', 'passport'];

export function csvLine(r: typeof schema.staffLookups.$inferSelect): string {
	return csvRecord([
		isoDateInBangkok(r.at),
		timeInBangkok(r.at),
		r.username,
		r.role,
		r.place,
		r.nationalId,
		r.method,
		r.reason,
		r.view,
		r.found ? 'yes' : 'no',
		r.ip,
		// a look by passport: the state and number typed
		r.passportNo ? `${r.nationality} ${r.passportNo}` : null
	]);
}

function stateOf(u: typeof schema.staffUsers.$inferSelect, t: number): StaffState {
	if (u.disabledAt) return u.disabledReason === 'dormant' ? 'dormant' : 'disabled';
	if (!u.activatedAt) return 'pending';
	return isDormant(u, t) ? 'dormant_due' : 'active';
}

export async function staffList(t: number) {
	return (
		await db()
			.select({ u: schema.staffUsers, account: schema.employers.accountNo, branch: schema.employers.branch })
			.from(schema.staffUsers)
			.leftJoin(schema.employers, eq(schema.staffUsers.employerId, schema.employers.id))
			.orderBy(asc(schema.staffUsers.role), asc(schema.staffUsers.username))
	).map(({ u, account, branch }) => ({
		username: u.username,
		name: `${u.firstName} ${u.lastName}`,
		role: u.role,
		place: u.centre ?? u.hospitalCode ?? (account ? `${account}/${branch}` : ''),
		lastLoginAt: u.lastLoginAt,
		state: stateOf(u, t)
	}));
}
