import { beforeEach, describe, expect, it } from 'vitest';
import { addPersonTo, codeSentTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { setClockOffset } from '../clock';
import { housekeeping } from '../housekeeping';
import { staffAccess, homeOf } from './access';
import {
	accountForActivation,
	activationHashOf,
	beginActivation,
	changeStaffPassword,
	completeActivation,
	createStaff,
	disableDormant,
	enableStaff,
	reissueActivation,
	staffCodeStep,
	staffPasswordStep,
	StaffError
} from './accounts';
import { validateStaffSessionToken, setCitizen, CITIZEN_IDLE_MS } from './session';
import { allLookups, lookupsOf, recordLookup, rightsCheck, listLookups } from './lookups';
import { take } from '../limits';
import { newDeviceId } from '../auth/device-cookie';
import { hashPassword } from '../auth/password';
import { startPhoneChange } from '../accounts/account';
import { csvField, csvLine, CSV_HEADER, readFilter } from './admin';
import { personByPassport } from '../registry/persons';
import { nationalIdCheckDigit } from '$lib/validation/national-id';
import { parseBeDay } from '$lib/validation/be-date';
import { STAFF_ROLES, type StaffRole } from '../db/schema';

const engines = await testEngines('staff tests on PostgreSQL');
let db: TestDb;
const PW = 'เจ้าหน้าที่ ศูนย์ 2569';
const ID = '1103700123458';
const MIN = 60_000;
const DAY = 86_400_000;
const count = (sql: string, ...args: unknown[]) => db.count(sql, ...args);
/** A valid pink-card number (00…) */
const validPink = (n: number) => {
	const first12 = `00${String(n).padStart(10, '0')}`;
	return first12 + nationalIdCheckDigit(first12);
};

async function hospitals() {
	const ins = (...values: string[]) => db.run('INSERT INTO hospitals (code,name_th,name_en,province) VALUES (?,?,?,?)', ...values);
	await ins('10660', 'โรงพยาบาลราชวิถี', 'Rajavithi Hospital', 'กรุงเทพมหานคร');
	await ins('10667', 'โรงพยาบาลเลิดสิน', 'Lerdsin Hospital', 'กรุงเทพมหานคร');
	await ins('10674', 'โรงพยาบาลนพรัตนราชธานี', 'Nopparat Hospital', 'กรุงเทพมหานคร');
	await ins('10681', 'โรงพยาบาลชลบุรี', 'Chon Buri Hospital', 'ชลบุรี');
	// 10660 is the main contractor of 10667 and 10674
	await db.run("INSERT INTO hospital_networks VALUES ('10660','10667'), ('10660','10674')");
}

/** A section 33 member with contributions in the last months and a registered hospital. */
async function insured(nationalId: string, hospital: string, months = 6) {
	await addPersonTo(db, nationalId);
	await db.run("INSERT INTO coverages (person_id,section,start_date) VALUES (?,33,'2020-01-01')", nationalId);
	const emp = Number(
		(
			await db.returning<{ id: number }>(
				"INSERT INTO employers (account_no,branch,name_th,name_en,province) VALUES (?, '000000','บริษัท ทดสอบ จำกัด','Test Co.','กรุงเทพมหานคร') RETURNING id",
				String(1000000000 + Number(nationalId.slice(-6)))
			)
		)[0]!.id
	);
	const today = new Date();
	for (let i = 1; i <= months; i++) {
		const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
		const period = d.toISOString().slice(0, 7);
		await db.run(
			'INSERT INTO contributions (person_id,period,section,payer,employer_id,wage_base_satang,insured_satang,employer_satang,government_satang,paid_date) VALUES (?,?,33,?,?,1500000,75000,75000,0,?)',
			nationalId,
			period,
			`employer:${emp}`,
			emp,
			`${period}-15`
		);
	}
	await db.run("INSERT INTO hospital_assignments (person_id,hospital_code,valid_from,as_of) VALUES (?,?,'2021-01-01','2026-01-01')", nationalId, hospital);
}

/** Create, activate and return a staff account's username and phone. */
async function activated(role: 'officer' | 'hospital' | 'admin', extra: { centre?: string; hospitalCode?: string } = {}, username = `${role}.one`) {
	const { token: link } = await createStaff({ role, username, firstName: 'สมศรี', lastName: 'ทดสอบ', ...extra });
	const phone = `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	const token = activationHashOf(link)!;
	const b = await beginActivation(token, { password: PW, passwordConfirm: PW, phone }, '10.0.0.1', 'th');
	if (!b.ok) throw new Error('activation failed');
	expect(await completeActivation(token, b.challengeId, await codeSentTo(db, phone), '10.0.0.1')).toEqual({ ok: true });
	return { username, phone };
}

async function signIn(s: { username: string; phone: string }, ip = '10.0.0.1') {
	const p = await staffPasswordStep(s.username, PW, ip, 'th');
	if (!p.ok) throw new Error(`password step: ${p.reason}`);
	const c = await staffCodeStep(p.challengeId, await codeSentTo(db, s.phone), ip, 'test');
	if (!c.ok) throw new Error('code step');
	return c;
}

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		await hospitals();
	});

	describe('role scoping', () => {
		it('each role reaches its own area and the shared pages only; no role reaches anything but sign-in', () => {
			const employer = ['/staff/(in)/employer', '/staff/(in)/employer/review/[id]', '/staff/(in)/employer/submissions/[id]/form'];
			const areas = [
				'/staff/(in)/officer',
				'/staff/(in)/officer/[view]',
				'/staff/(in)/hospital',
				'/staff/(in)/admin',
				'/staff/(in)/admin/lookups.csv',
				...employer
			];
			const allowed = (role: StaffRole) => areas.filter((a) => staffAccess(a, role) === 'allowed');
			expect(allowed('officer')).toEqual(['/staff/(in)/officer', '/staff/(in)/officer/[view]']);
			expect(allowed('hospital')).toEqual(['/staff/(in)/hospital']);
			expect(allowed('admin')).toEqual(['/staff/(in)/admin', '/staff/(in)/admin/lookups.csv']);
			expect(allowed('employer')).toEqual(employer);
			for (const role of STAFF_ROLES) {
				for (const shared of ['/staff/(in)/info', '/staff/(in)/password', '/staff/(in)/profile', '/staff/(in)/logout'])
					expect(staffAccess(shared, role)).toBe('allowed');
				expect(staffAccess(homeOf(role).replace('/staff/', '/staff/(in)/'), role)).toBe('allowed');
			}
			for (const a of [...areas, '/staff/(in)/info']) expect(staffAccess(a, null)).toBe('sign_in');
			for (const pub of ['/staff', '/staff/verify', '/staff/activate', '/staff/activate/[token]', '/staff/activate/verify', '/staff/request'])
				expect(staffAccess(pub, null)).toBe('public');
		});

		it('an employer account belongs to one existing account and branch', async () => {
			await db.run("INSERT INTO employers (account_no,branch,name_th,name_en,province) VALUES ('1090004451','000000','ก','A','นครสวรรค์')");
			const base = { role: 'employer' as const, firstName: 'เกศสุดา', lastName: 'สีสุก' };
			await expect(createStaff({ ...base, username: 'hr.1' })).rejects.toThrow(/--account/);
			await expect(createStaff({ ...base, username: 'hr.1', account: '1090004451', branch: '000001' })).rejects.toThrow(/no employer/);
			const { id } = await createStaff({ ...base, username: 'hr.1', account: '1090004451', branch: '000000' });
			expect(await db.count('SELECT employer_id FROM staff_users WHERE id = ?', id)).toBe(1);
		});

		it('the hospital answer holds no money, wages, employers, claims or savings', async () => {
			await insured(ID, '10667');
			const a = await rightsCheck(ID, '10660', new Date().toISOString().slice(0, 10));
			expect(a).toMatchObject({ found: true, rights: true, relation: 'network', hospital: { code: '10667' } });
			const json = JSON.stringify(a);
			for (const word of ['atang', 'wage', 'employer', 'บริษัท', 'claim', 'saving', 'contribution']) expect(json.toLowerCase()).not.toContain(word.toLowerCase());
			expect(Object.keys(a).sort()).toEqual(['asOf', 'found', 'hospital', 'medicalKind', 'name', 'relation', 'rights', 'validFrom', 'validTo']);
		});

		it('tells the clerk whether the registered hospital is theirs, in their network, or elsewhere; and who has no rights', async () => {
			const today = new Date().toISOString().slice(0, 10);
			await insured(ID, '10660');
			expect(await rightsCheck(ID, '10660', today)).toMatchObject({ rights: true, relation: 'ours' });
			expect(await rightsCheck(ID, '10667', today)).toMatchObject({ rights: true, relation: 'network' }); // their main contractor
			expect(await rightsCheck(ID, '10681', today)).toMatchObject({ rights: true, relation: 'other' });
			await insured('3100600456785', '10674');
			expect(await rightsCheck('3100600456785', '10667', today)).toMatchObject({ relation: 'network' }); // two members of one network
			// two months paid: not yet the three of the last fifteen
			await insured('3501100789014', '10660', 2);
			expect(await rightsCheck('3501100789014', '10660', today)).toMatchObject({ found: true, rights: false, medicalKind: 'not_enough' });
			expect(await rightsCheck('1100500567899', '10660', today)).toEqual({ found: false });
		});
	});

	describe('accounts', () => {
		it('creation checks the role’s place and the username', async () => {
			await expect(createStaff({ role: 'officer', username: 'a.b', firstName: 'ก', lastName: 'ข' })).rejects.toThrow(StaffError);
			await expect(createStaff({ role: 'hospital', username: 'a.b', firstName: 'ก', lastName: 'ข', hospitalCode: '99999' })).rejects.toThrow(/no hospital/);
			await expect(createStaff({ role: 'admin', username: 'A B!', firstName: 'ก', lastName: 'ข' })).rejects.toThrow(/username/);
			await createStaff({ role: 'admin', username: 'Admin.One', firstName: 'ก', lastName: 'ข' });
			await expect(createStaff({ role: 'admin', username: 'admin.one', firstName: 'ก', lastName: 'ข' })).rejects.toThrow(/taken/);
		});

		it('the activation link works once, within 72 hours, and needs a strong password and the phone’s code', async () => {
			const { token: link } = await createStaff({ role: 'officer', username: 'somsri', firstName: 'สมศรี', lastName: 'ทดสอบ', centre: 'ดินแดง' });
			const token = activationHashOf(link)!;
			expect(await beginActivation(token, { password: '12345678', passwordConfirm: '12345678', phone: '0812345678' }, null, 'th')).toMatchObject({
				ok: false,
				reason: 'invalid'
			});
			expect(await beginActivation(token, { password: 'somsri ใจดี 2569', passwordConfirm: 'somsri ใจดี 2569', phone: '0812345678' }, null, 'th')).toMatchObject({
				errors: { password: 'err_staff_password_username' }
			});
			const b = await beginActivation(token, { password: PW, passwordConfirm: PW, phone: '0812345678' }, null, 'th');
			expect(b.ok).toBe(true);
			if (!b.ok) return;
			expect(await completeActivation(token, b.challengeId, '000000', null)).toMatchObject({ ok: false, reason: 'invalid' });
			expect(await completeActivation(token, b.challengeId, await codeSentTo(db, '0812345678'), null)).toEqual({ ok: true });
			expect(await accountForActivation(token)).toBeNull();
			expect(await count("SELECT count(*) n FROM staff_users WHERE username = 'somsri' AND password_hash IS NOT NULL AND phone = '0812345678'")).toBe(1);
			const late = await createStaff({ role: 'admin', username: 'late', firstName: 'ก', lastName: 'ข' });
			setClockOffset(72 * 3_600_000);
			expect(await accountForActivation(activationHashOf(late.token))).toBeNull();
		});

		it('sign-in takes the password and then the SMS code; one answer for a wrong password and an unknown user; five wrong lock', async () => {
			const s = await activated('officer', { centre: 'ดินแดง' });
			expect(await staffPasswordStep(s.username, 'wrong password', null, 'th')).toEqual({ ok: false, reason: 'invalid' });
			expect(await staffPasswordStep('nobody', 'wrong password', null, 'th')).toEqual({ ok: false, reason: 'invalid' });
			const c = await signIn(s);
			expect((await validateStaffSessionToken(c.token)).staff).toMatchObject({ username: s.username, role: 'officer', centre: 'ดินแดง' });
			for (let i = 0; i < 4; i++) await staffPasswordStep(s.username, `wrong ${i}`, null, 'th');
			expect(await staffPasswordStep(s.username, 'wrong 5', null, 'th')).toMatchObject({ ok: false, reason: 'limited' });
			expect(await staffPasswordStep(s.username, PW, null, 'th')).toMatchObject({ ok: false, reason: 'limited' });
		});

		it('wrong passwords from elsewhere do not lock out a browser that signed in before; the other clients are locked', async () => {
			const s = await activated('officer', { centre: 'ดินแดง' });
			const desk = newDeviceId();
			const p = await staffPasswordStep(s.username, PW, '10.0.0.1', 'th', undefined, desk);
			if (!p.ok) throw new Error('password step');
			expect((await staffCodeStep(p.challengeId, await codeSentTo(db, s.phone), '10.0.0.1', 'test', desk)).ok).toBe(true);
			for (let i = 0; i < 4; i++) expect(await staffPasswordStep(s.username, `wrong ${i}`, '6.6.6.6', 'th')).toEqual({ ok: false, reason: 'invalid' });
			expect(await staffPasswordStep(s.username, 'wrong 5', '6.6.6.6', 'th', undefined, newDeviceId())).toMatchObject({ ok: false, reason: 'limited' });
			expect(await staffPasswordStep(s.username, PW, '6.6.6.6', 'th')).toMatchObject({ ok: false, reason: 'limited' });
			// the desk's browser signs in as usual
			const again = await staffPasswordStep(s.username, PW, '10.0.0.1', 'th', undefined, desk);
			expect(again).toMatchObject({ ok: true, smsFailed: false });
			// the administrator's reset (a new activation link) ends the lock of the other clients too
			await reissueActivation(s.username);
			expect(await count('SELECT count(*) n FROM login_throttle WHERE national_id = ? AND locked_until IS NOT NULL', `staff:${s.username}`)).toBe(0);
		});

		it('codes asked for a staff member’s number by someone else (a citizen’s phone change) do not stop their sign-in codes', async () => {
			const s = await activated('officer', { centre: 'ดินแดง' });
			await addPersonTo(db, ID);
			await db.run(
				"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1',?,'0812345678',?,0,'v',0,0,0)",
				ID,
				await hashPassword(PW)
			);
			// proved, so its change texts the new number at once (at the lower level the current number answers first)
			await db.run("UPDATE users SET assurance = 'in_person' WHERE id = 'u1'");
			const who = { userId: 'u1', nationalId: ID, ip: '10.6.6.6' };
			for (let i = 0; i < 5; i++) expect((await startPhoneChange(who, { current: PW, phone: s.phone }, 'th')).ok, `request ${i + 1}`).toBe(true);
			expect(await startPhoneChange(who, { current: PW, phone: s.phone }, 'th')).toMatchObject({ ok: false, reason: 'rate_limited' });
			expect((await signIn(s)).ok).toBe(true);
		});

		it('changing the password needs the current one and keeps one session', async () => {
			const s = await activated('admin');
			const c = await signIn(s);
			expect(
				await changeStaffPassword(c.staffId, { current: 'nope', password: 'ใหม่ ทั้งหมด 2570', passwordConfirm: 'ใหม่ ทั้งหมด 2570' }, null, 'th')
			).toMatchObject({
				ok: false,
				errors: { current: 'err_current_password' }
			});
			const r = await changeStaffPassword(c.staffId, { current: PW, password: 'ใหม่ ทั้งหมด 2570', passwordConfirm: 'ใหม่ ทั้งหมด 2570' }, null, 'th');
			expect(r.ok).toBe(true);
			expect((await validateStaffSessionToken(c.token)).session).toBeNull();
			expect(await count('SELECT count(*) n FROM staff_sessions')).toBe(1);
		});
	});

	describe('sessions', () => {
		it('one session per account: a new sign-in ends the old one and is recorded', async () => {
			const s = await activated('officer', { centre: 'ดินแดง' });
			const first = await signIn(s, '10.0.0.1');
			const second = await signIn(s, '10.0.0.2');
			expect((await validateStaffSessionToken(first.token)).session).toBeNull();
			expect((await validateStaffSessionToken(second.token)).session).not.toBeNull();
			expect(await count('SELECT count(*) n FROM staff_sessions')).toBe(1);
			expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'staff.session.replaced' AND ip = '10.0.0.2'")).toBe(1);
			// the device signed out is told why
			expect(await validateStaffSessionToken(first.token)).toMatchObject({ session: null, ended: 'replaced' });
		});

		it('ends after 15 minutes idle (activity keeps it), and after 12 hours in any case', async () => {
			const s = await activated('hospital', { hospitalCode: '10660' });
			const c = await signIn(s);
			setClockOffset(14 * MIN);
			expect((await validateStaffSessionToken(c.token)).session).not.toBeNull();
			setClockOffset(28 * MIN);
			expect((await validateStaffSessionToken(c.token)).session).not.toBeNull();
			setClockOffset(43 * MIN + 1);
			expect(await validateStaffSessionToken(c.token)).toMatchObject({ session: null, ended: 'idle' });
			const c2 = await signIn(s);
			for (let m = 10; m < 12 * 60; m += 10) {
				setClockOffset(43 * MIN + 1 + m * MIN);
				await validateStaffSessionToken(c2.token);
			}
			setClockOffset(43 * MIN + 1 + 12 * 60 * MIN + 1);
			expect(await validateStaffSessionToken(c2.token)).toMatchObject({ session: null, ended: 'expired' });
		});

		it('the citizen on an officer’s screen is forgotten after two minutes without activity', async () => {
			await insured(ID, '10660');
			const s = await activated('officer', { centre: 'ดินแดง' });
			const c = await signIn(s);
			const v = await validateStaffSessionToken(c.token);
			await setCitizen(v.session!.id, { nationalId: ID, method: 'card', reason: null });
			expect((await validateStaffSessionToken(c.token)).session!.citizen).toMatchObject({ nationalId: ID, method: 'card' });
			setClockOffset(CITIZEN_IDLE_MS - 1000);
			expect((await validateStaffSessionToken(c.token)).session!.citizen).not.toBeNull();
			setClockOffset(CITIZEN_IDLE_MS);
			expect((await validateStaffSessionToken(c.token)).session!.citizen).toBeNull();
			expect(await count('SELECT count(*) n FROM staff_sessions WHERE citizen_id IS NOT NULL')).toBe(0);
		});
	});

	describe('dormant hospital accounts (seed 003 note 5)', () => {
		it('six months unused: disabled at sign-in and by housekeeping; only the CLI enables again; officers are not affected', async () => {
			const h = await activated('hospital', { hospitalCode: '10660' });
			const h2 = await activated('hospital', { hospitalCode: '10667' }, 'hospital.two');
			const o = await activated('officer', { centre: 'ดินแดง' });
			setClockOffset(182 * DAY);
			expect((await staffPasswordStep(h.username, PW, null, 'th')).ok).toBe(true);
			await signIn(h2); // used: its six months start again
			setClockOffset(183 * DAY);
			expect(await staffPasswordStep(h.username, PW, null, 'th')).toEqual({ ok: false, reason: 'disabled' });
			expect(await count("SELECT count(*) n FROM staff_users WHERE username = ? AND disabled_reason = 'dormant'", h.username)).toBe(1);
			expect((await staffPasswordStep(o.username, PW, null, 'th')).ok).toBe(true);
			setClockOffset(182 * DAY + 183 * DAY);
			await housekeeping();
			expect(await count("SELECT count(*) n FROM staff_users WHERE username = 'hospital.two' AND disabled_reason = 'dormant'")).toBe(1);
			expect(await disableDormant()).toBe(0);
			const before = await count('SELECT last_login_at n FROM staff_users WHERE username = ?', h.username);
			await enableStaff(h.username);
			// re-enabling starts the six months again without pretending to be a sign-in
			expect(await count('SELECT last_login_at n FROM staff_users WHERE username = ?', h.username)).toBe(before);
			expect(await disableDormant()).toBe(0);
			expect((await staffPasswordStep(h.username, PW, null, 'th')).ok).toBe(true);
			expect(await count("SELECT count(*) n FROM audit_log WHERE action IN ('staff.disabled', 'staff.enabled')")).toBe(3);
		});

		it('a new activation link ends the old password and the session', async () => {
			const s = await activated('officer', { centre: 'ดินแดง' });
			const c = await signIn(s);
			await reissueActivation(s.username);
			expect((await validateStaffSessionToken(c.token)).session).toBeNull();
			expect(await staffPasswordStep(s.username, PW, null, 'th')).toEqual({ ok: false, reason: 'invalid' });
		});
	});

	describe('lookups', () => {
		it('are recorded with who, where, how and what; the citizen sees theirs, the administrator filters them', async () => {
			await insured(ID, '10660');
			const o = await activated('officer', { centre: 'ศูนย์ดินแดง' });
			const h = await activated('hospital', { hospitalCode: '10660' });
			const oc = (await validateStaffSessionToken((await signIn(o)).token)).staff!;
			const hc = (await validateStaffSessionToken((await signIn(h)).token)).staff!;
			await recordLookup(oc, { nationalId: ID, method: 'typed', reason: 'บัตรชำรุด อ่านไม่ได้', view: 'summary', found: true }, '10.0.0.9');
			await recordLookup(hc, { nationalId: ID, method: 'card', reason: null, view: 'rights', found: true }, '10.0.0.8');
			await recordLookup(hc, { nationalId: '3100600456785', method: 'typed', reason: null, view: 'rights', found: false }, '10.0.0.8');
			const mine = await lookupsOf(ID);
			expect(mine.map((l) => [l.role, l.place, l.view, l.method, l.hospitalTh])).toEqual([
				['hospital', '10660', 'rights', 'card', 'โรงพยาบาลราชวิถี'],
				['officer', 'ศูนย์ดินแดง', 'summary', 'typed', null]
			]);
			expect(JSON.stringify(mine)).not.toContain(o.username); // the staff member's name stays with the administrator
			expect((await listLookups(readFilter(new URLSearchParams({ role: 'hospital' })).filter)).total).toBe(2);
			expect((await listLookups(readFilter(new URLSearchParams({ method: 'typed', nationalId: ID })).filter)).rows).toHaveLength(1);
			const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
			const [y, m, d] = today.split('-');
			expect((await listLookups(readFilter(new URLSearchParams({ from: `${d}/${m}/${Number(y) + 543}` })).filter)).total).toBe(3);
			expect(readFilter(new URLSearchParams({ from: '31/02/2569', nationalId: '123' })).errors).toEqual({
				from: 'err_staff_filter_date',
				nationalId: 'err_national_id'
			});
		});

		it('by passport: the holder is found by number, state and birth date only; the look keeps what was typed, found or not', async () => {
			await insured('0011990012345', '10660');
			await db.run("UPDATE persons SET nationality = 'MM', passport_no = 'MH482931', passport_expiry = '2029-03-31' WHERE national_id = '0011990012345'");
			// another state's passport may carry the same number
			await addPersonTo(db, validPink(7), '1990-01-01');
			await db.run("UPDATE persons SET nationality = 'KH', passport_no = 'MH482931' WHERE national_id = ?", validPink(7));
			expect((await personByPassport('MH482931', 'MM', '1985-03-27'))?.nationalId).toBe('0011990012345');
			expect((await personByPassport('MH482931', 'KH', '1990-01-01'))?.nationalId).toBe(validPink(7));
			expect(await personByPassport('MH482931', 'MM', '1985-03-28')).toBeUndefined();
			expect(await personByPassport('MH482931', 'LA', '1985-03-27')).toBeUndefined();
			const h = await activated('hospital', { hospitalCode: '10660' });
			const hc = (await validateStaffSessionToken((await signIn(h)).token)).staff!;
			const passport = { passportNo: 'MH482931', nationality: 'MM' };
			await recordLookup(hc, { nationalId: '0011990012345', method: 'passport', reason: null, view: 'rights', found: true, passport }, null);
			await recordLookup(
				hc,
				{ nationalId: '', method: 'passport', reason: null, view: 'rights', found: false, passport: { ...passport, passportNo: 'MH000000' } },
				null
			);
			// the holder sees the look on their profile, as by passport
			expect((await lookupsOf('0011990012345')).map((l) => l.method)).toEqual(['passport']);
			const rows = (await listLookups(readFilter(new URLSearchParams({ method: 'passport' })).filter)).rows;
			expect(rows.map((r) => [r.nationalId, r.passportNo, r.nationality, r.found])).toEqual([
				['', 'MH000000', 'MM', false],
				['0011990012345', 'MH482931', 'MM', true]
			]);
			expect(CSV_HEADER.at(-1)).toBe('passport');
			expect(csvLine(rows[0]!).endsWith(',MM MH000000')).toBe(true);
		});

		it('the CSV reads every row once, a thousand at a time, even when many share an instant', async () => {
			const o = await activated('officer', { centre: 'ดินแดง' });
			const staff = (await validateStaffSessionToken((await signIn(o)).token)).staff!;
			for (let i = 0; i < 2500; i++)
				await recordLookup(staff, { nationalId: i % 2 ? ID : '3100600456785', method: 'card', reason: null, view: 'summary', found: true }, null);
			const all = async (rows: AsyncIterable<{ id: number }>) => {
				const out: { id: number }[] = [];
				for await (const r of rows) out.push(r);
				return out;
			};
			const ids = (await all(allLookups({}))).map((r) => r.id);
			expect(ids).toHaveLength(2500);
			expect(new Set(ids).size).toBe(2500);
			expect(await all(allLookups({ nationalId: ID }))).toHaveLength(1250);
		});

		it('a staff member may look up at most STAFF_LOOKUPS_PER_HOUR persons an hour', async () => {
			for (let i = 0; i < 120; i++) expect((await take('staff_lookup', { userId: 'staff-1' })).ok).toBe(true);
			expect((await take('staff_lookup', { userId: 'staff-1' })).ok).toBe(false);
			expect((await take('staff_lookup', { userId: 'staff-2' })).ok).toBe(true);
		});

		it('CSV fields are quoted and never start a formula', () => {
			expect(csvField('a,b')).toBe('"a,b"');
			expect(csvField('say "hi"')).toBe('"say ""hi"""');
			expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
			expect(csvField('+66')).toBe("'+66");
			expect(csvField(null)).toBe('');
		});

		it('reads Buddhist Era days', () => {
			expect(parseBeDay('26/11/2569')).toBe('2026-11-26');
			expect(parseBeDay('1-1-2569')).toBe('2026-01-01');
			expect(parseBeDay('29/02/2567')).toBe('2024-02-29');
			expect(parseBeDay('29/02/2569')).toBeNull();
			expect(parseBeDay('2026-11-26')).toBeNull();
		});
	});
});
