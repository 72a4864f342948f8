import { beforeEach, describe, expect, it } from 'vitest';
import { codeSentTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { letterPdf } from '../../../tests/support/pdf';
import { awaitingEndorsement, decideRequest, endorseRequest, letterOf, requestsForAdmin, submitRequest, waitingCount } from './requests';
import { activationHashOf, beginActivation, completeActivation, createStaff, disableDormant, findStaff } from '../staff/accounts';
import { setClockOffset } from '../clock';

const engines = await testEngines('hospital request tests on PostgreSQL');
let db: TestDb;
const PW = 'เจ้าหน้าที่ ศูนย์ 2569';
const DAY = 86_400_000;

/** The form as a hospital fills it in: a user for สมศรี at Lerdsin (10667), in 10660's network. */
const form = (over: Record<string, string> = {}): Record<string, string> => ({
	purpose: 'new',
	hospitalCode: '10667',
	hospitalCode7: '1234567',
	province: 'กรุงเทพมหานคร',
	nationalId: '1103700123458',
	titleTh: 'นางสาว',
	firstNameTh: 'สมศรี',
	lastNameTh: 'ตรวจสิทธิ',
	firstNameEn: 'Somsri',
	lastNameEn: 'Truatsit',
	position: 'นักวิชาการเงินและบัญชี',
	phone: '081-234-5678',
	email: 'somsri@lerdsin.go.th',
	username: '',
	...over
});

const admin = { id: 'a1', username: 'admin.one', role: 'admin' as const };
const ctx = { ip: '10.0.0.1', origin: 'https://prakan.example' };
const audits = (action: string) => db.count('SELECT count(*) FROM audit_log WHERE action = ?', action);

async function staffRow(username: string, hospitalCode: string | null, role: 'hospital' | 'admin' = 'hospital') {
	const { id } = await createStaff({ role, username, firstName: 'ทดสอบ', lastName: 'ระบบ', hospitalCode: hospitalCode ?? undefined });
	return { id, username, role, hospitalCode };
}

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		setClockOffset(0);
		const ins = (...values: string[]) => db.run('INSERT INTO hospitals (code,name_th,name_en,province) VALUES (?,?,?,?)', ...values);
		await ins('10660', 'โรงพยาบาลราชวิถี', 'Rajavithi Hospital', 'กรุงเทพมหานคร');
		await ins('10667', 'โรงพยาบาลเลิดสิน', 'Lerdsin Hospital', 'กรุงเทพมหานคร');
		await ins('10681', 'โรงพยาบาลชลบุรี', 'Chon Buri Hospital', 'ชลบุรี');
		await db.run("INSERT INTO hospital_networks VALUES ('10660','10667')");
		await db.run("INSERT INTO staff_users (id,username,role,first_name,last_name,created_at) VALUES ('a1','admin.one','admin','ผู้ดูแล','ระบบ',0)");
	});

	it('checks each field: the seed’s no-Yahoo rule, the hospital and its province, a user name for reuse and cancel, the letter', async () => {
		const pdf = await letterPdf();
		const bad = async (over: Record<string, string>, letter: Uint8Array | null | 'too_large' = pdf) => {
			const r = await submitRequest(form(over), letter, null);
			return r.ok ? r : r.reason === 'invalid' ? r.errors : r;
		};
		for (const email of ['x@yahoo.com', 'X@Yahoo.co.th', 'x@mail.yahoo.com']) expect(await bad({ email }), email).toEqual({ email: 'err_hreq_yahoo' });
		expect(await bad({ email: 'not-an-address' })).toEqual({ email: 'err_staff_email' });
		expect(await bad({ hospitalCode: '99999' })).toEqual({ hospitalCode: 'err_hreq_hospital' });
		expect(await bad({ province: 'ชลบุรี' })).toEqual({ province: { key: 'err_hreq_hospital_province', params: { province: 'กรุงเทพมหานคร' } } });
		expect(await bad({ hospitalCode7: '123', firstNameTh: 'Somsri', firstNameEn: 'สมศรี', nationalId: '1103700123457', purpose: 'other' })).toEqual({
			hospitalCode7: 'err_hreq_code7',
			firstNameTh: 'err_hreq_name_th',
			firstNameEn: 'err_hreq_name_en',
			nationalId: 'err_national_id',
			purpose: 'err_hreq_purpose'
		});
		expect(await bad({ purpose: 'reuse' })).toEqual({ username: 'err_hreq_username_required' });
		expect(await bad({}, null)).toEqual({ file: 'err_hreq_file_missing' });
		expect(await bad({}, 'too_large')).toEqual({ file: 'err_hreq_file_large' });
		expect(await bad({}, new TextEncoder().encode('%PDF-1.7 not really'))).toEqual({ file: 'err_hreq_file_not_pdf' });
		expect(await db.count('SELECT count(*) FROM hospital_requests')).toBe(0);
	});

	it('a network hospital’s request waits for its main contractor’s endorsement; only that main contractor’s user gives it', async () => {
		const r = await submitRequest(form(), await letterPdf(2), '10.0.0.9');
		expect(r).toMatchObject({ ok: true, state: 'endorsement' });
		if (!r.ok) return;
		// the administrator does not see it to decide yet, and cannot approve it
		expect((await requestsForAdmin()).review).toHaveLength(0);
		expect(await decideRequest(admin, r.id, 'approve', '', ctx)).toEqual({ ok: false, reason: 'gone' });
		const own = await staffRow('lerdsin.clerk', '10667');
		const other = await staffRow('chonburi.clerk', '10681');
		const main = await staffRow('rajavithi.clerk', '10660');
		expect(await endorseRequest(own, r.id, 'endorse', '', null)).toEqual({ ok: false, reason: 'not_yours' });
		expect(await endorseRequest(other, r.id, 'endorse', '', null)).toEqual({ ok: false, reason: 'not_yours' });
		expect((await awaitingEndorsement('10660')).map((x) => [x.id, x.hospitalTh, x.letterPages])).toEqual([[r.id, 'โรงพยาบาลเลิดสิน', 2]]);
		expect(await endorseRequest(main, r.id, 'endorse', '', null)).toEqual({ ok: true });
		expect(await endorseRequest(main, r.id, 'endorse', '', null)).toEqual({ ok: false, reason: 'gone' }); // once
		expect((await requestsForAdmin()).review.map((x) => [x.id, x.mainCode, x.endorsedBy])).toEqual([[r.id, '10660', main.id]]);
		// a main contractor's own request goes straight to the administrator
		expect(await submitRequest(form({ hospitalCode: '10660', phone: '0812345679' }), await letterPdf(), null)).toMatchObject({ state: 'review' });
		// a decline needs its reason
		const n = await submitRequest(form({ phone: '0812345670' }), await letterPdf(), null);
		if (!n.ok) return;
		expect(await endorseRequest(main, n.id, 'decline', '', null)).toEqual({ ok: false, reason: 'note' });
		expect(await endorseRequest(main, n.id, 'decline', 'ไม่ใช่เจ้าหน้าที่ของเครือข่าย', null)).toEqual({ ok: true });
		expect(await db.get('SELECT state, decision_note FROM hospital_requests WHERE id = ?', n.id)).toEqual({
			state: 'declined',
			decision_note: 'ไม่ใช่เจ้าหน้าที่ของเครือข่าย'
		});
		expect([await audits('hospital_request.submitted'), await audits('hospital_request.endorsed'), await audits('hospital_request.declined')]).toEqual([
			3, 1, 1
		]);
	});

	it('approval makes the account once and texts its activation link, which works; the letter is kept and read back by the administrator only', async () => {
		const letter = await letterPdf();
		const r = await submitRequest(form({ hospitalCode: '10660' }), letter, null);
		if (!r.ok) throw new Error(JSON.stringify(r));
		expect(await decideRequest({ ...admin, role: 'hospital' as never }, r.id, 'approve', '', ctx)).toEqual({ ok: false, reason: 'gone' });
		const [a, b] = await Promise.all([decideRequest(admin, r.id, 'approve', '', ctx), decideRequest(admin, r.id, 'approve', '', ctx)]);
		// two administrators at once: one acts
		expect([a, b].filter((x) => x.ok)).toHaveLength(1);
		const done = (a.ok ? a : b) as { ok: true; username: string; texted: boolean };
		expect(done).toEqual({ ok: true, username: 'somsri.t.10660', texted: true });
		const row = await findStaff('somsri.t.10660');
		expect(row).toMatchObject({ role: 'hospital', hospitalCode: '10660', firstName: 'สมศรี', lastName: 'ตรวจสิทธิ', activatedAt: null });
		expect(await db.get('SELECT state, staff_id FROM hospital_requests WHERE id = ?', r.id)).toEqual({ state: 'approved', staff_id: row!.id });
		// the text carries the link; the new user activates with it, a password and a code to their phone
		const text = (await db.get<{ body: string; purpose: string }>("SELECT body, purpose FROM sms_outbox WHERE to_phone = '0812345678'"))!;
		expect(text.purpose).toBe('link:hospital_request');
		const link = /https:\/\/prakan\.example\/staff\/activate\/(\S+)/.exec(text.body)!;
		const hash = activationHashOf(link[1]!)!;
		const begun = await beginActivation(hash, { password: PW, passwordConfirm: PW, phone: '0812345678' }, '10.0.0.1', 'th');
		if (!begun.ok) throw new Error('activation');
		expect(await completeActivation(hash, begun.challengeId, await codeSentTo(db, '0812345678'), '10.0.0.1')).toEqual({ ok: true });
		expect(await audits('hospital_request.approved')).toBe(1);
		expect(await db.get("SELECT actor FROM audit_log WHERE action = 'staff.created'")).toEqual({ actor: 'staff:admin.one' });
		const kept = await letterOf(r.id, admin, '10.0.0.2');
		expect(Buffer.from(kept!.bytes).equals(Buffer.from(letter))).toBe(true);
		expect(await audits('hospital_request.letter_read')).toBe(1);
	});

	it('a reuse or cancel is checked against the account when decided, never told to the public form', async () => {
		await staffRow('somsri.t', '10660');
		const letter = await letterPdf();
		// the form says nothing of whether the user name exists, nor of its state
		const unknown = await submitRequest(form({ hospitalCode: '10660', purpose: 'cancel', username: 'nobody.x' }), letter, null);
		const other = await submitRequest(
			form({ hospitalCode: '10681', province: 'ชลบุรี', purpose: 'cancel', username: 'somsri.t', phone: '0812345679' }),
			letter,
			null
		);
		const active = await submitRequest(form({ hospitalCode: '10660', purpose: 'reuse', username: 'somsri.t', phone: '0812345670' }), letter, null);
		if (!unknown.ok || !other.ok || !active.ok) throw new Error('refused');
		expect(await decideRequest(admin, unknown.id, 'approve', '', ctx)).toEqual({ ok: false, reason: 'account', problem: 'unknown' });
		expect(await decideRequest(admin, other.id, 'approve', '', ctx)).toEqual({ ok: false, reason: 'account', problem: 'unknown' });
		// an active user is not "disabled after 6 months"; nor is one an administrator disabled after the form was sent
		expect(await decideRequest(admin, active.id, 'approve', '', ctx)).toEqual({ ok: false, reason: 'account', problem: 'not_dormant' });
		await db.run("UPDATE staff_users SET disabled_at = 1, disabled_reason = 'admin' WHERE username = 'somsri.t'");
		expect(await decideRequest(admin, active.id, 'approve', '', ctx)).toEqual({ ok: false, reason: 'account', problem: 'not_dormant' });
		expect((await findStaff('somsri.t'))!.disabledReason).toBe('admin');
		// each stays to decide (to refuse, with the reason)
		expect((await requestsForAdmin()).review).toHaveLength(3);
		expect(await waitingCount()).toBe(3);
	});

	it('reuse enables a user disabled after six months unused; cancel disables one; a refusal needs its reason', async () => {
		await staffRow('somsri.t', '10660');
		await db.run("UPDATE staff_users SET activated_at = 1, last_login_at = 1 WHERE username = 'somsri.t'");
		setClockOffset(200 * DAY);
		await disableDormant();
		expect((await findStaff('somsri.t'))!.disabledReason).toBe('dormant');
		const reuse = await submitRequest(form({ hospitalCode: '10660', purpose: 'reuse', username: 'Somsri.T' }), await letterPdf(), null);
		if (!reuse.ok) throw new Error(JSON.stringify(reuse));
		expect(await decideRequest(admin, reuse.id, 'approve', '', ctx)).toEqual({ ok: true, username: 'somsri.t', texted: true });
		expect((await findStaff('somsri.t'))!.disabledAt).toBeNull();
		const cancel = await submitRequest(form({ hospitalCode: '10660', purpose: 'cancel', username: 'somsri.t', phone: '0812345679' }), await letterPdf(), null);
		if (!cancel.ok) throw new Error(JSON.stringify(cancel));
		expect(await decideRequest(admin, cancel.id, 'refuse', '', ctx)).toEqual({ ok: false, reason: 'note' });
		expect(await decideRequest(admin, cancel.id, 'approve', '', ctx)).toMatchObject({ ok: true });
		expect((await findStaff('somsri.t'))!.disabledReason).toBe('admin');
		const again = await submitRequest(form({ hospitalCode: '10660', phone: '0812345670' }), await letterPdf(), null);
		if (!again.ok) throw new Error(JSON.stringify(again));
		expect(await decideRequest(admin, again.id, 'refuse', 'หนังสือไม่ได้ลงนามโดยผู้อำนวยการ', ctx)).toEqual({ ok: true, username: null, texted: false });
		expect(await db.get('SELECT state, decision_note FROM hospital_requests WHERE id = ?', again.id)).toEqual({
			state: 'refused',
			decision_note: 'หนังสือไม่ได้ลงนามโดยผู้อำนวยการ'
		});
		expect(await decideRequest(admin, again.id, 'approve', '', ctx)).toEqual({ ok: false, reason: 'gone' });
		setClockOffset(0);
	});
});
