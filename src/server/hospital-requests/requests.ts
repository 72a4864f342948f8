/**
 * Seed 003: a hospital asks for a user of the rights check — a new one, one disabled after six months unused back, or
 * one cancelled — on the public form, with the director's signed letter as a PDF.
 *
 * - A network hospital asks through its main contractor (seed note 4): its request waits until a user of the main
 *   contractor endorses it (or declines it) in the hospital area. Any other request goes straight to the administrator.
 * - The administrator approves or refuses it. Approval makes the account and texts its one-time activation link to the
 *   mobile number on the form (new), enables the user again (reuse), or disables it (cancel). A decision is taken once:
 *   the state moves by a conditional update, so two administrators pressing together cannot both act.
 * - Every step is in the audit log; the letter is kept in the database (never under the web root) and only the
 *   administrator downloads it.
 */
import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { db, one, returned, schema, transaction } from '../db';
import { now } from '../clock';
import { audit } from '../audit';
import { take } from '../limits';
import { sendSms } from '../sms';
import { log } from '../log';
import { createStaff, disableStaff, enableStaff, findStaff } from '../staff/accounts';
import type { StaffMember } from '../staff/session';
import { HospitalRequestSchema, type HospitalRequestInput } from '$lib/validation/hospital-request';
import { parseForm } from '$lib/validation/forms';
import type { FieldErrors, Msg } from '$lib/validation/messages';
import type { HospitalRequestState } from '$lib/vocabulary';
import { checkPdf, type PdfCheck } from './pdf';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

const sha256Hex = (b: Uint8Array) => encodeHexLowerCase(sha256(b));

export type HospitalRequest = typeof schema.hospitalRequests.$inferSelect;
/** A request as lists show it: everything but the letter's bytes. */
export type RequestSummary = Omit<HospitalRequest, 'letter'> & { hospitalTh: string; mainTh: string | null };

const FILE_ERRORS: Record<Exclude<PdfCheck, { ok: true }>['reason'] | 'busy', Msg> = {
	busy: 'err_hreq_busy',
	not_pdf: 'err_hreq_file_not_pdf',
	encrypted: 'err_hreq_file_encrypted',
	active: 'err_hreq_file_active',
	pages: 'err_hreq_file_pages',
	too_large: 'err_hreq_file_large'
};

export type SubmitResult =
	| { ok: true; id: number; state: HospitalRequestState }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	| { ok: false; reason: 'limited'; retryAt: number };

/**
 * The form and its letter (null when none was attached; 'too_large' when it was cut at the limit). Fields are checked
 * first, then what the registry knows, then the letter; nothing is written unless all of it holds.
 */
export async function submitRequest(fields: Record<string, string>, letter: Uint8Array | null | 'too_large', ip: string | null): Promise<SubmitResult> {
	// every attempt counts, before the registry is read: the form is public
	const taken = await take('hospital_request', { ip });
	if (!taken.ok) return { ok: false, reason: 'limited', retryAt: taken.retryAt };
	const parsed = parseForm(HospitalRequestSchema, fields);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	if (parsed.ok) Object.assign(errors, await registryErrors(parsed.data));
	if (letter === null) errors.file = 'err_hreq_file_missing';
	else if (letter === 'too_large') errors.file = 'err_hreq_file_large';
	if (!parsed.ok || Object.keys(errors).length || letter === null || letter === 'too_large') return { ok: false, reason: 'invalid', errors };

	const pdf = await checkPdf(letter);
	if (!pdf.ok) return { ok: false, reason: 'invalid', errors: { file: FILE_ERRORS[pdf.reason] } };

	const d = parsed.data;
	const main = await mainContractorOf(d.hospitalCode);
	const state: HospitalRequestState = main ? 'endorsement' : 'review';
	const row = await transaction((tx) =>
		returned(
			tx
				.insert(schema.hospitalRequests)
				.values({
					createdAt: now(),
					purpose: d.purpose,
					hospitalCode: d.hospitalCode,
					hospitalCode7: d.hospitalCode7,
					mainCode: main,
					nationalId: d.nationalId,
					titleTh: d.titleTh,
					firstNameTh: d.firstNameTh,
					lastNameTh: d.lastNameTh,
					firstNameEn: d.firstNameEn,
					lastNameEn: d.lastNameEn,
					position: d.position,
					phone: d.phone,
					email: d.email,
					username: d.purpose === 'new' ? null : d.username,
					letter: Buffer.from(letter),
					letterSha256: sha256Hex(letter),
					letterBytes: letter.length,
					letterPages: pdf.pages,
					state
				})
				.returning({ id: schema.hospitalRequests.id })
		)
	);
	await audit({
		actor: 'anonymous',
		action: 'hospital_request.submitted',
		subject: `hospital_request:${row.id}`,
		ip,
		detail: { purpose: d.purpose, hospital: d.hospitalCode, main, state, letterSha256: sha256Hex(letter) }
	});
	return { ok: true, id: row.id, state };
}

/**
 * What the form says that the registry contradicts: the hospital (public knowledge) and its province. Whether a user
 * name exists, and its state, is not said to the public: the administrator's decision checks it.
 */
async function registryErrors(d: HospitalRequestInput): Promise<FieldErrors> {
	const errors: FieldErrors = {};
	const h = await one(db().select().from(schema.hospitals).where(eq(schema.hospitals.code, d.hospitalCode)));
	if (!h) errors.hospitalCode = 'err_hreq_hospital';
	else if (h.province.replace(/\s+/g, '') !== d.province.replace(/^จังหวัด/, '').replace(/\s+/g, ''))
		errors.province = { key: 'err_hreq_hospital_province', params: { province: h.province } };
	if (d.purpose !== 'new' && !d.username) errors.username = 'err_hreq_username_required';
	return errors;
}

/** Why the account a reuse or cancel names cannot be acted on now: not this hospital's user, or not in the state asked. */
async function accountProblem(r: Pick<HospitalRequest, 'purpose' | 'username' | 'hospitalCode'>): Promise<AccountProblem | null> {
	const u = r.username ? await findStaff(r.username) : undefined;
	if (!u || u.role !== 'hospital' || u.hospitalCode !== r.hospitalCode) return 'unknown';
	if (r.purpose === 'reuse' && u.disabledReason !== 'dormant') return 'not_dormant';
	if (r.purpose === 'cancel' && u.disabledAt) return 'disabled';
	return null;
}

/** The main contractor whose network the hospital is in, or null (a main contractor itself, or a hospital on its own). */
async function mainContractorOf(code: string): Promise<string | null> {
	const n = await one(
		db().select({ main: schema.hospitalNetworks.mainCode }).from(schema.hospitalNetworks).where(eq(schema.hospitalNetworks.memberCode, code))
	);
	return n?.main ?? null;
}

/** Every column but the letter's bytes (of the engine in use: read when asked). */
function summaryColumns() {
	const { letter, ...cols } = getTableColumns(schema.hospitalRequests);
	void letter;
	return cols;
}

async function summaries(where: ReturnType<typeof eq> | undefined, limit = 100): Promise<RequestSummary[]> {
	const hospital = sql<string>`(SELECT name_th FROM hospitals WHERE code = ${schema.hospitalRequests.hospitalCode})`;
	const main = sql<string | null>`(SELECT name_th FROM hospitals WHERE code = ${schema.hospitalRequests.mainCode})`;
	return await db()
		.select({ ...summaryColumns(), hospitalTh: hospital, mainTh: main })
		.from(schema.hospitalRequests)
		.where(where)
		.orderBy(desc(schema.hospitalRequests.createdAt), desc(schema.hospitalRequests.id))
		.limit(limit);
}

/** The network's requests waiting for this main contractor's endorsement, oldest first. */
export async function awaitingEndorsement(mainCode: string): Promise<RequestSummary[]> {
	return (
		await summaries(and(eq(schema.hospitalRequests.mainCode, mainCode), eq(schema.hospitalRequests.state, 'endorsement')) as ReturnType<typeof eq>)
	).reverse();
}

/** The administrator's list: those to decide first (oldest first), then the latest decided and waiting ones. */
export async function requestsForAdmin(): Promise<{ review: RequestSummary[]; others: RequestSummary[] }> {
	const review = (await summaries(eq(schema.hospitalRequests.state, 'review'))).reverse();
	const others = await summaries(inArray(schema.hospitalRequests.state, ['endorsement', 'approved', 'refused', 'declined']) as ReturnType<typeof eq>, 50);
	return { review, others };
}

export async function requestById(id: number): Promise<RequestSummary | undefined> {
	return (await summaries(eq(schema.hospitalRequests.id, id), 1))[0];
}

/** The letter's bytes, for the administrator's download (audited). */
export async function letterOf(
	id: number,
	admin: Pick<StaffMember, 'username'>,
	ip: string | null
): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: string } | null> {
	const r = await one(
		db()
			.select({ letter: schema.hospitalRequests.letter, sha: schema.hospitalRequests.letterSha256 })
			.from(schema.hospitalRequests)
			.where(eq(schema.hospitalRequests.id, id))
	);
	if (!r) return null;
	await audit({ actor: `staff:${admin.username}`, action: 'hospital_request.letter_read', subject: `hospital_request:${id}`, ip });
	return { bytes: new Uint8Array(r.letter) as Uint8Array<ArrayBuffer>, sha256: r.sha };
}

/** A note with a decision: plain text, at most 300 characters. */
function cleanNote(note: string): string {
	return note.normalize('NFC').trim().replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * The main contractor's user endorses or declines a network hospital's request: only a user of that main contractor,
 * only while it waits for endorsement. A decline needs a reason, which the administrator and the records keep.
 */
export async function endorseRequest(
	staff: Pick<StaffMember, 'id' | 'username' | 'role' | 'hospitalCode'>,
	id: number,
	decision: 'endorse' | 'decline',
	note: string,
	ip: string | null
): Promise<{ ok: true } | { ok: false; reason: 'not_yours' | 'gone' | 'note' }> {
	const r = await one(db().select(summaryColumns()).from(schema.hospitalRequests).where(eq(schema.hospitalRequests.id, id)));
	if (!r || staff.role !== 'hospital' || !staff.hospitalCode || r.mainCode !== staff.hospitalCode) return { ok: false, reason: 'not_yours' };
	const why = cleanNote(note);
	if (decision === 'decline' && why.length < 5) return { ok: false, reason: 'note' };
	const t = now();
	const moved = await transaction((tx) =>
		tx
			.update(schema.hospitalRequests)
			.set(
				decision === 'endorse'
					? { state: 'review', endorsedBy: staff.id, endorsedAt: t }
					: { state: 'declined', endorsedBy: staff.id, endorsedAt: t, decisionNote: why }
			)
			.where(and(eq(schema.hospitalRequests.id, id), eq(schema.hospitalRequests.state, 'endorsement')))
			.returning({ id: schema.hospitalRequests.id })
	);
	if (!moved.length) return { ok: false, reason: 'gone' };
	await audit({
		actor: `staff:${staff.username}`,
		action: decision === 'endorse' ? 'hospital_request.endorsed' : 'hospital_request.declined',
		subject: `hospital_request:${id}`,
		ip,
		detail: decision === 'decline' ? { note: why } : undefined
	});
	return { ok: true };
}

export type AccountProblem = 'unknown' | 'not_dormant' | 'disabled' | 'failed';
export type DecideResult =
	{ ok: true; username: string | null; texted: boolean } | { ok: false; reason: 'gone' | 'note' } | { ok: false; reason: 'account'; problem: AccountProblem };

/** A user name for a new account from the English name and the hospital: somsri.t.10667, then …-2 if it is taken. */
async function freeUsername(r: Pick<HospitalRequest, 'firstNameEn' | 'lastNameEn' | 'hospitalCode'>): Promise<string> {
	const first =
		r.firstNameEn
			.toLowerCase()
			.replace(/[^a-z]/g, '')
			.slice(0, 16) || 'user';
	const base = `${first}.${(r.lastNameEn.toLowerCase().replace(/[^a-z]/g, '') || 'x')[0]}.${r.hospitalCode}`;
	for (let i = 1; ; i++) {
		const name = i === 1 ? base : `${base}-${i}`;
		if (!(await findStaff(name))) return name;
	}
}

/**
 * The administrator's decision, taken once. Approval acts on the account (see the module's comment) and texts the
 * mobile number on the form; refusal needs a reason. If the account cannot be made or changed, the request goes back to
 * review and the administrator is told why.
 */
export async function decideRequest(
	admin: Pick<StaffMember, 'id' | 'username' | 'role'>,
	id: number,
	decision: 'approve' | 'refuse',
	note: string,
	ctx: { ip: string | null; origin: string }
): Promise<DecideResult> {
	if (admin.role !== 'admin') return { ok: false, reason: 'gone' };
	const why = cleanNote(note);
	if (decision === 'refuse' && why.length < 5) return { ok: false, reason: 'note' };
	const t = now();
	const claimed = await transaction((tx) =>
		tx
			.update(schema.hospitalRequests)
			.set({ state: decision === 'approve' ? 'approved' : 'refused', decidedBy: admin.id, decidedAt: t, decisionNote: why || null })
			.where(and(eq(schema.hospitalRequests.id, id), eq(schema.hospitalRequests.state, 'review')))
			.returning({ id: schema.hospitalRequests.id })
	);
	if (!claimed.length) return { ok: false, reason: 'gone' };
	const r = (await one(db().select(summaryColumns()).from(schema.hospitalRequests).where(eq(schema.hospitalRequests.id, id))))!;
	const actor = `staff:${admin.username}`;
	if (decision === 'refuse') {
		await audit({ actor, action: 'hospital_request.refused', subject: `hospital_request:${id}`, ip: ctx.ip, detail: { note: why } });
		return { ok: true, username: null, texted: false };
	}
	const backToReview = () =>
		transaction((tx) =>
			tx
				.update(schema.hospitalRequests)
				.set({ state: 'review', decidedBy: null, decidedAt: null, decisionNote: null })
				.where(eq(schema.hospitalRequests.id, id))
		);
	// a reuse or cancel acts on the account as it is now, not as it was when the form was sent
	const problem = r.purpose === 'new' ? null : await accountProblem(r);
	if (problem) {
		await backToReview();
		return { ok: false, reason: 'account', problem };
	}
	let username: string;
	let body: string;
	let acted = false;
	try {
		if (r.purpose === 'new') {
			username = await freeUsername(r);
			const made = await createStaff(
				{ role: 'hospital', username, firstName: r.firstNameTh, lastName: r.lastNameTh, position: r.position, hospitalCode: r.hospitalCode },
				now(),
				actor
			);
			acted = true;
			await transaction((tx) => tx.update(schema.hospitalRequests).set({ staffId: made.id }).where(eq(schema.hospitalRequests.id, id)));
			body = `ประกันสังคม: อนุมัติผู้ใช้ตรวจสอบสิทธิแล้ว ชื่อผู้ใช้ ${username} ตั้งรหัสผ่านภายใน 72 ชม. ที่ ${ctx.origin}/staff/activate/${made.token}`;
		} else {
			username = r.username!;
			const u = r.purpose === 'reuse' ? await enableStaff(username, now(), actor) : (await findStaff(username))!;
			if (r.purpose === 'cancel') await disableStaff(username, now(), actor);
			acted = true;
			await transaction((tx) => tx.update(schema.hospitalRequests).set({ staffId: u.id }).where(eq(schema.hospitalRequests.id, id)));
			body =
				r.purpose === 'reuse'
					? `ประกันสังคม: เปิดใช้ผู้ใช้ตรวจสอบสิทธิ ${username} อีกครั้งแล้ว เข้าสู่ระบบที่ ${ctx.origin}/staff`
					: `ประกันสังคม: ยกเลิกผู้ใช้ตรวจสอบสิทธิ ${username} ตามคำขอแล้ว`;
		}
	} catch (e) {
		log.error({ err: e, request: id, acted }, 'A hospital request could not be carried out');
		// nothing was done: back to review, for the administrator to try again or refuse; once the account was made or
		// changed the request stays approved (approving again would make a second account), and the log says so
		if (!acted) await backToReview();
		return { ok: false, reason: 'account', problem: 'failed' };
	}
	await audit({ actor, action: 'hospital_request.approved', subject: `hospital_request:${id}`, ip: ctx.ip, detail: { purpose: r.purpose, username } });
	let texted = true;
	try {
		await sendSms('link:hospital_request', { to: r.phone, body });
	} catch (e) {
		// the account is made: the administrator can send a new link (npm run staff:reset) if the text did not go
		texted = false;
		log.warn({ err: e, request: id }, 'The text of an approved hospital request was not sent');
	}
	return { ok: true, username, texted };
}

/** How many requests wait for the administrator, for the admin page. */
export async function waitingCount(): Promise<number> {
	const r = await one(
		db()
			.select({ n: sql<number>`count(*)` })
			.from(schema.hospitalRequests)
			.where(eq(schema.hospitalRequests.state, 'review'))
	);
	// PostgreSQL gives a count as text
	return Number(r?.n ?? 0);
}
