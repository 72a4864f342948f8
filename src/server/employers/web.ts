/**
 * What the employer pages share: the signed-in employer, the wage months on offer, and a checker problem
 * made ready for the page (money in baht, in the page's language).
 */
import { error } from '@sveltejs/kit';
import type { StaffMember } from '../staff/session';
import { formatBaht } from '$lib/money';
import { addMonths, periodOf } from '$lib/rules/periods';
import type { Problem } from '$lib/employers/validate';
import type { MessageKey } from '$lib/validation/messages';
import { say } from '../i18n';
import { employerById, submissionOf, type Employer, type Submission } from './submissions';

/** The establishment an employer account is bound to (requireStaff(event, 'employer') gives the account). */
export async function employerOf(staff: StaffMember): Promise<Employer> {
	const e = staff.employerId ? await employerById(staff.employerId) : undefined;
	if (!e) error(403, 'Forbidden');
	return e;
}

/** A submission of the signed-in employer from the route's [id], or 404 (another employer's is as good as none). */
export async function ownSubmission(staff: StaffMember, params: { id?: string }): Promise<{ employer: Employer; submission: Submission }> {
	const employer = await employerOf(staff);
	const id = Number(params.id);
	const submission = Number.isSafeInteger(id) ? await submissionOf(employer.id, id) : undefined;
	if (!submission) error(404, 'Not Found');
	return { employer, submission };
}

/** The wage months an employer may pick for a spreadsheet: this month and the 23 before it, newest first. */
export function wageMonths(today: string): string[] {
	const now = periodOf(today);
	return Array.from({ length: 24 }, (_, i) => addMonths(now, -i));
}

const MONEY_FIELDS = new Set(['totalWagesSatang', 'totalContributionSatang', 'employeeSatang', 'employerSatang']);

/** A problem as the page shows it, in the employer's language: money parameters (satang) in baht. */
export function forPage(p: Problem): { line: number; code: MessageKey; field: string; message: string } {
	const params: Record<string, string | number> = { ...(p.params ?? {}) };
	const money = p.code === 'emp_err_contribution' || (p.code === 'emp_err_header_total' && MONEY_FIELDS.has(p.field));
	if (money) for (const k of ['expected', 'got', 'header', 'sum']) if (typeof params[k] === 'number') params[k] = formatBaht(params[k]);
	return { line: p.line, code: p.code, field: say(`emp_field_${p.field}`), message: say({ key: p.code, params }) };
}
