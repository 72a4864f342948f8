/**
 * The people who serve citizens. Staff accounts made by the CLI and activated by their one-time link; two-factor
 * sign-in; the service-centre officer reading a (simulated) card, the summary matching the citizen's own dashboard, the
 * screen clearing when the card comes out or after two idle minutes, typed IDs only with a reason; the hospital rights
 * check; the administrator's list and CSV; and the citizen seeing every lookup on their profile.
 */
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import fs from 'node:fs';
import {
	DEMO,
	expectNoAxeViolations,
	freshPerson,
	hydrated,
	latestCode,
	login,
	nextPhone,
	query,
	screenshots,
	utcToday,
	type Person,
	chooseLanguage
} from './helpers';
import { signIn, staffSignedIn } from './accounts';
import { CENTRE, staffAccount, staffSignIn } from './staff-helpers';

const FAKE = fs.readFileSync('tests/card/fake-card.mjs', 'utf8').replace(/^export /gm, '');
/** A simulated CCID reader holding this person's card (tests/card/fake-card.mjs in place of navigator.usb). */
async function insertCard(page: Page, p: Person, extra: { photo?: number[] } = {}): Promise<void> {
	const be = `${p.year}${p.month.padStart(2, '0')}${p.day.padStart(2, '0')}`;
	const fields = {
		cid: p.id,
		th: `นาย#${p.first}##${p.last}`,
		en: 'Mr.#Test##Person',
		birth: be,
		gender: '1',
		issuer: 'ที่ว่าการอำเภอ',
		issue: '25650110',
		expiry: '99999999',
		address: '1#####แขวงดินแดง#เขตดินแดง#กรุงเทพมหานคร',
		...extra
	};
	await page.addInitScript({
		content: `${FAKE}
;(() => {
	const devs = [new FakeCcidReader(READERS.acr39u, new FakeThaiCard(${JSON.stringify(fields)}))];
	window.__fakeReaders = devs;
	const usb = fakeUsb(devs);
	Object.defineProperty(Navigator.prototype, 'usb', { get: () => usb, configurable: true });
})();`
	});
}

/** The citizen, signed in on a browser of their own (by the fixtures: registration has tests of its own). */
async function citizen(browser: Browser, p: Person): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, p);
	return page;
}

test(
	'an officer: activation link, two-factor sign-in, a card read, the summary the citizen sees, the screen cleared when the card comes out',
	{ tag: '@postgres' },
	async ({ page, browser }) => {
		const p = freshPerson(
			'national_id IN (SELECT person_id FROM benefit_claims) AND national_id IN (SELECT person_id FROM coverages WHERE end_date IS NULL AND section = 33)'
		);
		// the citizen registers while the officer's account is made and activated
		const [me, officer] = await Promise.all([citizen(browser, p), staffAccount(page, 'officer', ['--centre', CENTRE, '--position', 'นักวิชาการแรงงาน'])]);
		// the citizen's own dashboard figures
		const card = (title: string) =>
			me
				.locator('.cards > li')
				.filter({ has: me.getByRole('heading', { name: title, exact: true }) })
				.locator('.figure');
		const dash = {
			contributions: await card('เงินสมทบ').innerText(),
			claims: await card('การเบิกสิทธิประโยชน์').innerText(),
			savings: await card('เงินสะสมกรณีชราภาพ').innerText(),
			hospital: await card('สถานพยาบาล').innerText(),
			entitled: await card('สิทธิของฉันตอนนี้').innerText()
		};

		await expectNoAxeViolations(page);
		await screenshots(page, 'staff-signin');
		await staffSignIn(page, officer, /\/staff\/officer$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('โปรดเสียบบัตรประชาชน');
		await expectNoAxeViolations(page);
		await screenshots(page, 'staff-officer-waiting');

		await insertCard(page, p);
		await page.reload();
		await hydrated(page);
		await page.getByRole('button', { name: 'เสียบบัตรแล้วกดปุ่มนี้' }).click();
		const summary = page.getByTestId('officer-summary');
		await expect(summary).toBeVisible();
		await expect(page.getByTestId('officer-name')).toContainText(`${p.first} ${p.last}`);
		await expect(page.getByTestId('officer-id')).toContainText(`${p.id[0]}-${p.id.slice(1, 5)}-${p.id.slice(5, 10)}-${p.id.slice(10, 12)}-${p.id[12]}`);
		await expect(page.getByTestId('officer-method')).toHaveText('อ่านจากบัตรประชาชน');
		await expect(page.getByTestId('officer-status')).toContainText('มาตรา 33');
		// the same figures as the citizen's own dashboard
		await expect(page.getByTestId('officer-contributions')).toHaveText(dash.contributions);
		await expect(page.getByTestId('officer-claims')).toHaveText(dash.claims);
		await expect(page.getByTestId('officer-savings')).toHaveText(dash.savings);
		await expect(page.getByTestId('officer-hospital')).toHaveText(dash.hospital);
		await expect(page.getByTestId('officer-entitled')).toHaveText(dash.entitled);
		await expectNoAxeViolations(page);
		await screenshots(page, 'staff-officer-summary');

		// a detail screen (seed 000 §3.9), one click away
		await page.getByRole('link', { name: 'ข้อมูลการส่งเงินสมทบ' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ข้อมูลการส่งเงินสมทบ');
		await expect(page.locator('table tbody tr').first()).toBeVisible();
		await expectNoAxeViolations(page);
		await screenshots(page, 'staff-officer-contributions');
		await page.goBack();
		await expect(summary).toBeVisible();

		// the card comes out: the screen clears by itself
		await page.evaluate(() => ((window as unknown as { __fakeReaders: { present: boolean }[] }).__fakeReaders[0]!.present = false));
		await expect(page.getByTestId('officer-cleared')).toHaveText('ดึงบัตรออกแล้ว ล้างข้อมูลบนหน้าจอแล้ว', { timeout: 10_000 });
		await expect(summary).toHaveCount(0);
		// and it stays cleared: the server forgot the person too
		await page.goto('/staff/officer/savings');
		await expect(page).toHaveURL(/\/staff\/officer\?cleared=idle/);

		const rows = query<{ view: string; method: string; role: string; place: string }>(
			'SELECT view, method, role, place FROM staff_lookups WHERE national_id = ? ORDER BY id',
			p.id
		);
		expect(rows.map((r) => r.view)).toEqual(['summary', 'contributions']);
		expect(rows.every((r) => r.method === 'card' && r.role === 'officer' && r.place === CENTRE)).toBe(true);

		// the citizen sees who looked, where and how
		await me.goto('/profile');
		const seen = me.getByTestId('lookup');
		await expect(seen).toHaveCount(2);
		await expect(seen.first()).toContainText(`ข้อมูลของคุณถูกเรียกดูโดยเจ้าหน้าที่ ${CENTRE}`);
		await expect(seen.first()).toContainText('อ่านจากบัตรประชาชน');
		await expectNoAxeViolations(me);
		await me.context().close();
	}
);

test('an officer types an ID only with a written reason; two idle minutes clear the screen; one session per account', async ({ page, browser }) => {
	const p = DEMO.s39;
	await page.clock.install();
	const officer = await staffAccount(page, 'officer', ['--centre', CENTRE]);
	await staffSignIn(page, officer, /\/staff\/officer$/);

	const id = page.getByLabel('เลขบัตรประชาชน');
	const submit = page.getByRole('button', { name: 'ค้นหาด้วยเลขบัตรที่พิมพ์' });
	await id.fill(p.id);
	await submit.click();
	await expect(page.locator('.error-summary')).toContainText('โปรดระบุเหตุผลที่พิมพ์เลขบัตรแทนการอ่านบัตร');
	await expectNoAxeViolations(page);
	await screenshots(page, 'staff-officer-typed-error');
	await page.getByLabel('เหตุผลที่พิมพ์เลขบัตร').fill('สั้นไป');
	await submit.click();
	await expect(page.locator('.error-summary')).toContainText('เหตุผลสั้นเกินไป');
	expect(query('SELECT 1 FROM staff_lookups WHERE national_id = ?', p.id)).toHaveLength(0);

	const reason = 'บัตรชำรุด ชิปอ่านไม่ได้ ผู้ประกันตนแสดงบัตรต่อหน้า';
	await page.getByLabel('เหตุผลที่พิมพ์เลขบัตร').fill(reason);
	await submit.click();
	await expect(page.getByTestId('officer-summary')).toBeVisible();
	await expect(page.getByTestId('officer-method')).toHaveText(`พิมพ์เลขบัตร — เหตุผล: ${reason}`);
	expect(query<{ method: string; reason: string }>('SELECT method, reason FROM staff_lookups WHERE national_id = ?', p.id)).toEqual([
		{ method: 'typed', reason }
	]);

	// 30 seconds before the two minutes are up, a warning with more time (WCAG 2.2.1)
	await page.clock.fastForward('01:31');
	await expect(page.getByTestId('officer-warn')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'ยังใช้งานอยู่ (ต่อเวลา)' }).click();
	await expect(page.getByTestId('officer-warn')).toHaveCount(0);
	await page.clock.fastForward('01:00');
	await expect(page.getByTestId('officer-summary')).toBeVisible();
	// two minutes without opening anything: the screen clears
	await page.clock.fastForward('01:01');
	await expect(page.getByTestId('officer-cleared')).toHaveText('ไม่มีการใช้งาน 2 นาที ล้างข้อมูลบนหน้าจอแล้ว');

	// signing in on another computer ends this session (seed 000 §7.3)
	const other = await (await browser.newContext()).newPage();
	await staffSignIn(other, officer, /\/staff\/officer$/);
	await page.goto('/staff/info');
	await expect(page).toHaveURL(/\/staff\?ended=replaced$/);
	await expect(page.getByRole('status')).toContainText('มีการเข้าสู่ระบบด้วยบัญชีนี้ที่เครื่องอื่น');
	expect(
		query<{ n: number }>("SELECT count(*) n FROM audit_log WHERE action = 'staff.session.replaced' AND subject = ?", `staff:${officer.username}`)[0]!.n
	).toBe(1);
	await other.context().close();
});

test('a hospital clerk checks rights: with rights at their own hospital, and without; nothing else is reachable', async ({ page }) => {
	const withRights = DEMO.s33Active;
	const code = query<{ code: string }>(
		`SELECT hospital_code code FROM hospital_assignments WHERE person_id = ? AND valid_from <= '${utcToday()}' AND (valid_to IS NULL OR valid_to >= '${utcToday()}') ORDER BY valid_from DESC`,
		withRights.id
	)[0]!.code;
	// signed in by the fixtures (activation and the two-step sign-in are tested above)
	const clerk = await staffSignedIn(page, 'hospital', ['--hospital', code]);
	await page.goto('/staff/hospital');
	await hydrated(page);
	await expectNoAxeViolations(page);

	const id = page.getByLabel('เลขบัตรประชาชน');
	await id.fill(withRights.id);
	await page.getByRole('button', { name: 'ตรวจสอบสิทธิ' }).click();
	const result = page.getByTestId('rights-result');
	await expect(result).toContainText(`${withRights.first} ${withRights.last}`);
	await expect(page.getByTestId('rights-verdict')).toHaveText('มีสิทธิรักษาพยาบาลประกันสังคม ณ วันนี้');
	// whose rights, with the ID as on the card (the formatter every page uses)
	const w = withRights.id;
	await expect(page.getByTestId('rights-id')).toHaveText(`${w[0]}-${w.slice(1, 5)}-${w.slice(5, 10)}-${w.slice(10, 12)}-${w[12]}`);
	await expect(page.getByTestId('rights-relation')).toHaveText('สถานพยาบาลของท่าน');
	// only what a hospital needs: no money, no employer
	await expect(result).not.toContainText('บาท');
	await expect(result).not.toContainText('บริษัท');
	await expectNoAxeViolations(page);
	await screenshots(page, 'staff-hospital-rights');

	await id.fill(DEMO.s40.id);
	await page.getByRole('button', { name: 'ตรวจสอบสิทธิ' }).click();
	await expect(page.getByTestId('rights-verdict')).toHaveText('ไม่มีสิทธิรักษาพยาบาลประกันสังคม ณ วันนี้');
	await expect(result).toContainText('บัตรทอง');
	await screenshots(page, 'staff-hospital-no-rights');

	await id.fill('1234567890123');
	await page.getByRole('button', { name: 'ตรวจสอบสิทธิ' }).click();
	await expect(page.locator('.error-summary')).toContainText('โปรดป้อนหมายเลขบัตรประชาชนที่ถูกต้อง');

	// the officer's and the administrator's pages are not for a hospital
	for (const path of ['/staff/officer', '/staff/officer/contributions', '/staff/admin', '/staff/admin/lookups.csv']) {
		expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
	}
	expect(
		(await page.request.post('/staff/officer?/typed', { form: { nationalId: withRights.id, reason: 'ลองดูข้อมูลค่าจ้างของคนไข้' }, maxRedirects: 0 })).status()
	).toBe(403);
	expect(query('SELECT view FROM staff_lookups WHERE username = ? ORDER BY id', clerk.username)).toEqual([{ view: 'rights' }, { view: 'rights' }]);
});

test('the administrator lists and filters every lookup and exports CSV; other roles cannot', async ({ page, browser }) => {
	// an officer and the administrator, signed in by the fixtures (activation and the two-step sign-in are tested above);
	// the officer looks up a person by a typed ID, with the reason, for the administrator to find
	const o = await (await browser.newContext()).newPage();
	await staffSignedIn(o, 'officer', ['--centre', CENTRE]);
	await staffSignedIn(page, 'admin');
	const person = freshPerson();
	await o.goto('/staff/officer');
	await hydrated(o);
	await o.getByLabel('เลขบัตรประชาชน').fill(person.id);
	await o.getByLabel('เหตุผลที่พิมพ์เลขบัตร').fill('บัตรชำรุด ชิปอ่านไม่ได้ ผู้ประกันตนแสดงบัตรต่อหน้า');
	await o.getByRole('button', { name: 'ค้นหาด้วยเลขบัตรที่พิมพ์' }).click();
	await expect(o.getByTestId('officer-summary')).toBeVisible();
	await page.goto('/staff/admin');
	await hydrated(page);
	await expect(page.getByTestId('lookups')).toBeVisible();
	await page.getByLabel('เลขบัตรประชาชน').fill(person.id);
	await page.getByLabel('วิธีได้เลขบัตร').selectOption('typed');
	await page.getByRole('button', { name: 'แสดงรายการ' }).click();
	await expect(page).toHaveURL(new RegExp(`nationalId=${person.id}`));
	const rows = page.getByTestId('lookups').locator('tbody tr');
	await expect(rows).toHaveCount(query<{ n: number }>("SELECT count(*) n FROM staff_lookups WHERE national_id = ? AND method = 'typed'", person.id)[0]!.n);
	await expect(rows.first()).toContainText('บัตรชำรุด');
	await expectNoAxeViolations(page);
	await screenshots(page, 'staff-admin');

	const csv = await page.request.get((await page.getByTestId('lookups-csv').getAttribute('href')) ?? '');
	expect(csv.headers()['content-type']).toContain('text/csv');
	const lines = (await csv.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe('date,time,username,role,place,national_id,method,reason,view,found,ip,passport');
	expect(lines.slice(1).every((l) => l.includes(person.id) && l.includes(',typed,'))).toBe(true);

	await page.getByLabel('ตั้งแต่วันที่').fill('31/02/2569');
	await page.getByRole('button', { name: 'แสดงรายการ' }).click();
	await expect(page.locator('.error-summary')).toContainText('วันที่ไม่ถูกต้อง');

	// an officer cannot reach the administrator's pages
	expect((await o.request.get('/staff/admin', { maxRedirects: 0 })).status()).toBe(403);
	expect((await o.request.get('/staff/hospital', { maxRedirects: 0 })).status()).toBe(403);
	await o.context().close();

	await page.goto('/staff/info');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ข้อมูลระบบ');
	await screenshots(page, 'staff-info');
	// in English too, with the same rules
	await chooseLanguage(page, 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('System information');
	await expect(page.getByTestId('staff-bar')).toContainText('Administrator');
	await expectNoAxeViolations(page);
	await page.goto('/staff/admin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Lookups of insured persons' data");
	await screenshots(page, 'staff-admin-en');
	await chooseLanguage(page, 'th');
});

test('without a staff session every staff page goes to the sign-in page; a citizen session does not count', async ({ page, request }) => {
	for (const path of ['/staff/officer', '/staff/hospital', '/staff/admin', '/staff/info', '/staff/admin/lookups.csv']) {
		const r = await request.get(path, { maxRedirects: 0 });
		expect(r.status(), path).toBe(303);
		expect(r.headers().location).toBe('/staff');
	}
	await signIn(page, freshPerson());
	const r = await page.request.get('/staff/officer', { maxRedirects: 0 });
	expect(r.headers().location).toBe('/staff');
	await page.goto('/staff/activate/not-a-real-token');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ลิงก์นี้ใช้ไม่ได้แล้ว');
});

test('an ID the officer has typed stays while the card look-up answers with an error', async ({ page }) => {
	await staffSignedIn(page, 'officer', ['--centre', CENTRE]);
	await page.goto('/staff/officer');
	await hydrated(page);
	await page.getByLabel('เลขบัตรประชาชน').fill(DEMO.s39.id);
	// a card read whose number the server refuses (as a damaged card would give): the card form's error comes back
	await page.evaluate(() => {
		const form = document.querySelector<HTMLFormElement>('form[action="?/card"]')!;
		form.querySelector<HTMLInputElement>('input[name="nationalId"]')!.value = '1234567890123';
		form.requestSubmit();
	});
	await expect(page.locator('.error-summary')).toBeVisible();
	await expect(page.getByLabel('เลขบัตรประชาชน')).toHaveValue(DEMO.s39.id);
});

test('an officer proves a citizen’s account in person from the card read at the counter; a typed ID cannot', async ({ page, browser }) => {
	const p = freshPerson();
	const me = await citizen(browser, p);
	await staffSignedIn(page, 'officer', ['--centre', CENTRE]);
	await page.goto('/staff/officer');
	const account = page.getByTestId('officer-account');

	// a typed ID: the account's level is shown, but nothing proves it
	await page.getByLabel('เลขบัตรประชาชน').fill(p.id);
	await page.getByLabel('เหตุผลที่พิมพ์เลขบัตร').fill('บัตรชำรุด ชิปอ่านไม่ได้ ผู้ประกันตนแสดงบัตรต่อหน้า');
	await page.getByRole('button', { name: 'ค้นหาด้วยเลขบัตรที่พิมพ์' }).click();
	await expect(page.getByTestId('officer-assurance')).toHaveText('ยืนยันด้วยข้อมูลบัตรและรหัส SMS');
	await expect(account).toContainText('ยืนยันตัวตนได้เมื่ออ่านจากบัตรประชาชนที่เคาน์เตอร์เท่านั้น');
	await expect(account.getByRole('button')).toHaveCount(0);
	await page.getByRole('button', { name: 'ผู้รับบริการรายถัดไป (ล้างหน้าจอ)' }).click();
	await expect(page.getByTestId('officer-cleared')).toBeVisible();

	// the card at the counter: the officer checks its photo against the face, then proves the account
	await insertCard(page, p);
	await page.reload();
	await hydrated(page);
	await page.getByRole('button', { name: 'เสียบบัตรแล้วกดปุ่มนี้' }).click();
	await expect(page.getByTestId('officer-method')).toHaveText('อ่านจากบัตรประชาชน');
	// the chip's photo, decoded, beside the name
	await expect(page.getByRole('img', { name: 'รูปจากบัตรประชาชน' })).toBeVisible();
	await expect(page.getByTestId('officer-no-photo')).toHaveCount(0);
	const prove = account.getByRole('button', { name: 'ยืนยันตัวตนผู้ถือบัตร' });
	await prove.click();
	await expect(page.locator('.error-summary')).toContainText('ตรวจรูปถ่ายบนบัตรกับผู้มาติดต่อ');
	await account.getByLabel('ตรวจแล้วว่ารูปถ่ายบนบัตรตรงกับผู้มาติดต่อ').check();
	await prove.click();
	// and the person says the account's number is theirs
	await expect(page.locator('.error-summary')).toContainText('ถามว่าเบอร์มือถือของบัญชีเป็นของเขาหรือไม่');
	await account.getByLabel('ตรวจแล้วว่ารูปถ่ายบนบัตรตรงกับผู้มาติดต่อ').check();
	await account.getByLabel(/ผู้มาติดต่อยืนยันว่าเบอร์มือถือของบัญชี/).check();
	await prove.click();
	await expect(account.getByRole('status')).toHaveText('ยืนยันตัวตนของบัญชีนี้แล้ว ผู้ประกันตนจะเห็นในบัญชีของตน');
	await expect(page.getByTestId('officer-assurance')).toHaveText('ยืนยันตัวตนที่สำนักงานประกันสังคม (ระดับสูง)');
	await expect(prove).toHaveCount(0);
	await expectNoAxeViolations(page);
	await screenshots(page, 'staff-officer-proved');

	// the citizen's sessions from before ended with the proof; signed in again, they see where their account was proved,
	// and may now take the copy of all their data
	await me.goto('/profile');
	await expect(me).toHaveURL(/\/login/);
	await signIn(me, p);
	await me.goto('/profile');
	await expect(me.getByTestId('assurance')).toContainText('ยืนยันตัวตนที่สำนักงานประกันสังคม (ระดับสูง)');
	await expect(me.getByTestId('event').filter({ hasText: `ยืนยันตัวตนที่ ${CENTRE}` })).toHaveCount(1);
	expect((await me.request.get('/profile/data.json')).status()).toBe(200);
	await me.context().close();
});

test(
	'an officer takes an account back for the card holder whose number it is not: a code to their own number, typed at the counter',
	{ tag: '@postgres' },
	async ({ page, browser }) => {
		const p = freshPerson();
		// someone else opened the account with their own phone (the fixture's session stands for that person's)
		const impostor = await citizen(browser, p);
		const own = nextPhone();
		await staffSignedIn(page, 'officer', ['--centre', CENTRE]);
		await insertCard(page, p);
		await page.goto('/staff/officer');
		// the button reads the card by script: pressed before the page is live, it does nothing
		await hydrated(page);
		await page.getByRole('button', { name: 'เสียบบัตรแล้วกดปุ่มนี้' }).click();
		await expect(page.getByTestId('officer-method')).toHaveText('อ่านจากบัตรประชาชน');
		const repair = page.getByTestId('officer-repair');
		const send = repair.getByRole('button', { name: 'ส่งรหัส OTP ไปที่เบอร์ของผู้ถือบัตร' });
		await repair.getByLabel('เบอร์มือถือของผู้ถือบัตร').fill(own);
		await send.click();
		await expect(page.locator('.error-summary')).toContainText('ถามผู้มาติดต่อว่าไม่ได้เปิดบัญชีนี้ใช่หรือไม่');
		await repair.getByLabel('ผู้มาติดต่อแจ้งว่าไม่ได้เปิดบัญชีนี้').check();
		await repair.getByLabel('เบอร์มือถือของผู้ถือบัตร').fill(own);
		await send.click();
		await expect(repair.getByRole('status')).toContainText(`${own.slice(0, 2)}X-XXX-${own.slice(-4)}`);
		await expectNoAxeViolations(page);
		await screenshots(page, 'staff-officer-repair-code');
		// the holder types the code from their own phone
		await repair.getByLabel('รหัสยืนยัน (OTP) ที่ผู้ถือบัตรได้รับ').fill('000000');
		await repair.getByRole('button', { name: 'เปลี่ยนเป็นเบอร์ของผู้ถือบัตร' }).click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await repair.getByLabel('รหัสยืนยัน (OTP) ที่ผู้ถือบัตรได้รับ').fill(await latestCode(page.request, own));
		await repair.getByRole('button', { name: 'เปลี่ยนเป็นเบอร์ของผู้ถือบัตร' }).click();
		await expect(page.getByTestId('officer-repaired')).toContainText('บัญชีเป็นของผู้ถือบัตรแล้ว');
		await expect(page.getByTestId('officer-assurance')).toHaveText('ยืนยันตัวตนที่สำนักงานประกันสังคม (ระดับสูง)');
		await expect(page.getByTestId('officer-repair')).toHaveCount(0);
		await screenshots(page, 'staff-officer-repaired');

		// the account is the holder's: their number, no password of the other person's, who is signed out and cannot sign in
		expect(
			query<{ phone: string; password_hash: string; assurance: string }>('SELECT phone, password_hash, assurance FROM users WHERE national_id = ?', p.id)
		).toEqual([{ phone: own, password_hash: '', assurance: 'in_person' }]);
		expect(query<{ actor: string }>("SELECT actor FROM audit_log WHERE subject = ? AND action = 'account.repaired'", p.id)).toEqual([
			{ actor: expect.stringMatching(/^staff:/) }
		]);
		await impostor.goto('/dashboard');
		await expect(impostor).toHaveURL(/\/login/);
		await login(impostor, p.id);
		await expect(impostor.locator('.error-summary')).toBeVisible();
		await impostor.context().close();
	}
);

test('a card photo the browser cannot decode is not shown broken: the officer is told to compare with the printed photo', async ({ page }) => {
	const p = freshPerson();
	await staffSignedIn(page, 'officer', ['--centre', CENTRE]);
	// a JPEG's start and end markers around damaged data, as a chip read cut short may give
	await insertCard(page, p, { photo: [0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 200 }, (_, i) => (i * 37) % 251), 0xff, 0xd9] });
	await page.goto('/staff/officer');
	await hydrated(page);
	await page.getByRole('button', { name: 'เสียบบัตรแล้วกดปุ่มนี้' }).click();
	await expect(page.getByTestId('officer-method')).toHaveText('อ่านจากบัตรประชาชน');
	await expect(page.getByRole('img', { name: 'รูปจากบัตรประชาชน' })).toHaveCount(0);
	await expect(page.getByTestId('officer-no-photo')).toHaveText('แสดงรูปจากชิปในบัตรไม่ได้ ให้เทียบหน้าผู้มาติดต่อกับรูปที่พิมพ์บนบัตรแทน');
	await expectNoAxeViolations(page);
});
