import { test, expect } from './fixtures';
import {
	NEW_PASSWORD,
	PASSWORD,
	expectNoAxeViolations,
	freshPerson,
	hydrated,
	latestCode,
	login,
	moveClock,
	nextPhone,
	registerThroughUi,
	screenshots,
	chooseLanguage
} from './helpers';
import { accountFor, signIn } from './accounts';

test.describe('log in, forgot password, sessions, language', () => {
	test('forgot password: ID + birth date → code → new password; every session of the account ends', async ({ browser }) => {
		// someone with an account, signed in on a first browser (by the fixtures: registration has tests of its own)
		const p = freshPerson();
		const first = await browser.newContext();
		const a = await first.newPage();
		const phone = await signIn(a, p);

		const second = await browser.newContext();
		const b = await second.newPage();
		await b.goto('/login');
		await b.getByRole('link', { name: 'ลืมรหัสผ่าน?' }).click();
		await expect(b).toHaveURL(/\/forgot-password/);
		await expectNoAxeViolations(b);
		await screenshots(b, 'forgot-1-identify');
		// wrong birth date: a generic message, nothing sent
		await b.getByLabel('เลขบัตรประชาชน').fill(p.id);
		await b.getByLabel('วัน', { exact: true }).fill(p.day);
		await b.getByLabel('เดือน', { exact: true }).fill(p.month);
		await b.getByLabel('ปี (พ.ศ.)').fill(String(Number(p.year) + 1));
		await b.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(b.locator('.error-summary')).toContainText('ไม่พบบัญชีที่ตรงกับข้อมูลนี้');
		await b.getByLabel('ปี (พ.ศ.)').fill(p.year);
		await b.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(b).toHaveURL(/\/forgot-password\/verify/);
		await expect(b.getByText(`${phone.slice(0, 2)}X-XXX-${phone.slice(-4)}`)).toBeVisible();
		await expectNoAxeViolations(b);
		await screenshots(b, 'forgot-2-verify');
		await b.getByLabel('รหัสยืนยัน (OTP)').fill(await latestCode(b.request, phone));
		await b.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
		await expect(b).toHaveURL(/\/forgot-password\/new-password/);
		await b.getByLabel('ตั้งรหัสผ่าน').fill(p.id);
		await b.getByLabel('ยืนยันรหัสผ่าน').fill(p.id);
		await b.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
		await expect(b.locator('.error-summary')).toContainText('ต้องไม่มีเลขบัตรประชาชน');
		await expectNoAxeViolations(b);
		await screenshots(b, 'forgot-3-new-password');
		const newPassword = NEW_PASSWORD;
		await b.getByLabel('ตั้งรหัสผ่าน').fill(newPassword);
		await b.getByLabel('ยืนยันรหัสผ่าน').fill(newPassword);
		await b.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
		await expect(b).toHaveURL(/\/login\?reset=1/);
		await expect(b.getByRole('status')).toContainText('เปลี่ยนรหัสผ่านแล้ว');

		// the first browser's session has ended
		await a.goto('/dashboard');
		await expect(a).toHaveURL(/\/login/);
		// the old password no longer works; the new one does
		await login(b, p.id);
		await expect(b.locator('.error-summary')).toContainText('เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง');
		await login(b, p.id, newPassword);
		await expect(b).toHaveURL(/\/dashboard/);
		await first.close();
		await second.close();
	});

	test('after log-in the enhanced form follows the redirect only on this site', async ({ page, baseURL }) => {
		// what the server answers for every spelling of an off-site target is tests/http/hostile.test.ts; here the page's
		// own scripts follow the answer (the form is enhanced), in Chromium
		const p = freshPerson();
		await accountFor(p);
		const offsite: string[] = [];
		page.on('request', (req) => {
			if (new URL(req.url()).hostname.endsWith('evil.example')) offsite.push(req.url());
		});
		await page.goto(`/login?redirectTo=${encodeURIComponent('/.//evil.example/phish')}`);
		await hydrated(page);
		await page.getByLabel(/เลขบัตรประชาชน|National ID number/).fill(p.id);
		await page.getByLabel(/^รหัสผ่าน$|^Password$/).fill(PASSWORD);
		await page.getByRole('button', { name: /^เข้าสู่ระบบ$|^Log in$/ }).click();
		await expect(page).toHaveURL(`${baseURL}/dashboard`);
		expect(offsite).toEqual([]);
	});

	test('five wrong passwords lock the account for 15 minutes', async ({ page }) => {
		const p = freshPerson();
		await accountFor(p);
		try {
			for (let i = 0; i < 4; i++) {
				await login(page, p.id, `wrong-password-${i}`);
				await expect(page.locator('.error-summary')).toContainText('เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง');
			}
			await login(page, p.id, 'wrong-password-5');
			await expect(page.locator('.error-summary')).toContainText('ใส่รหัสผ่านผิดหลายครั้ง');
			// even the right password waits
			await login(page, p.id);
			await expect(page.locator('.error-summary')).toContainText('ใส่รหัสผ่านผิดหลายครั้ง');
			await screenshots(page, 'login-locked');
			await moveClock(page.request, 15 * 60_000 + 1_000);
			await login(page, p.id);
			await expect(page).toHaveURL(/\/dashboard/);
		} finally {
			await moveClock(page.request, 0);
		}
	});

	test('wrong passwords from another browser lock that browser out, not the browser the citizen signed in with before', async ({ page, browser }) => {
		const p = freshPerson();
		await accountFor(p);
		await login(page, p.id);
		await expect(page).toHaveURL(/\/dashboard/);
		// the device cookie: signed, HttpOnly, Lax, for the whole site (staff pages too), a year
		const device = (await page.context().cookies()).find((c) => c.name === 'device')!;
		expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
		expect(device.value).toMatch(/^[a-z2-7]{32}\.[A-Za-z0-9_-]{43}$/);
		expect(device.expires * 1000 - Date.now()).toBeGreaterThan(364 * 86_400_000);
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();

		const elsewhere = await browser.newContext();
		const attacker = await elsewhere.newPage();
		for (let i = 0; i < 4; i++) {
			await login(attacker, p.id, `wrong-password-${i}`);
			await expect(attacker.locator('.error-summary')).toContainText('เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง');
		}
		await login(attacker, p.id, 'wrong-password-5');
		await expect(attacker.locator('.error-summary')).toContainText('ใส่รหัสผ่านผิดหลายครั้ง');
		// that browser is held, even with the right password
		await login(attacker, p.id);
		await expect(attacker.locator('.error-summary')).toContainText('ใส่รหัสผ่านผิดหลายครั้ง');
		await elsewhere.close();

		// the citizen's own browser signs in
		await login(page, p.id);
		await expect(page).toHaveURL(/\/dashboard/);
	});

	test('a session ends after 30 idle minutes', async ({ page }) => {
		const p = freshPerson();
		await signIn(page, p);
		try {
			await moveClock(page.request, 31 * 60_000);
			await page.goto('/dashboard');
			await expect(page).toHaveURL(/\/login/);
		} finally {
			await moveClock(page.request, 0);
		}
	});

	test('English is complete and the choice persists', async ({ page }) => {
		await page.goto('/');
		await chooseLanguage(page, 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your social security and apply online');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await screenshots(page, 'landing-en');
		await page.goto('/register/terms');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal data protection policy');
		await page.getByLabel('I have read and accept the policy and terms above').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page).toHaveURL(/\/register\/details/);
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.locator('.error-summary')).toContainText('Enter a valid national ID number to use as your username');
		await expect(page).toHaveTitle(/^Error: /);
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-2-details-en');
		await chooseLanguage(page, 'th');
		await expect(page.locator('html')).toHaveAttribute('lang', 'th');
	});

	test('the dev outbox lists the texts, each with the code, its lifetime and a warning, and no link', async ({ page }) => {
		const p = freshPerson();
		const phone = nextPhone();
		await registerThroughUi(page, p, phone);
		await page.goto('/dev/sms');
		const entry = page.locator(`li[data-to="${phone}"]`).first();
		await expect(entry).toContainText('ใช้ได้ 5 นาที');
		await expect(entry).toContainText('รหัสสำหรับสมัครใช้งาน');
		await expect(entry).toContainText('อย่าบอกรหัสนี้กับผู้ใดแม้เป็นเจ้าหน้าที่');
		await expect(entry).not.toContainText('http');
		await expectNoAxeViolations(page);
		await screenshots(page, 'dev-sms');
	});
});

test('two minutes before the idle timeout a dialog lets the citizen stay signed in', async ({ page }) => {
	const p = freshPerson();
	await page.clock.install();
	await signIn(page, p);
	await page.clock.fastForward('27:00');
	await expect(page.getByRole('dialog')).toBeHidden();
	await page.clock.fastForward('01:30');
	const dialog = page.getByRole('dialog', { name: 'คุณยังใช้งานอยู่หรือไม่?' });
	await expect(dialog).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'idle-warning');
	await dialog.getByRole('button', { name: 'ใช้งานต่อ' }).click();
	await expect(dialog).toBeHidden();
	// with nobody there, the page goes to the login page when the time is up (on the server too)
	try {
		await moveClock(page.request, 31 * 60_000);
		await page.clock.fastForward('31:00');
		await expect(page).toHaveURL(/\/login\?expired=1/);
		await expect(page.getByRole('status')).toContainText('ไม่มีการใช้งานนานเกินไป');
	} finally {
		await moveClock(page.request, 0);
	}
});
