import { test, expect } from './fixtures';
import {
	DEMO,
	PASSWORD,
	expectNoAxeViolations,
	fillAddress,
	fillDetails,
	freshPerson,
	hydrated,
	latestCode,
	login,
	moveClock,
	nextPhone,
	registerThroughUi,
	screenshots,
	submitRegistration,
	yearsAgo
} from './helpers';
import { signIn } from './accounts';

test.describe('registration wizard', () => {
	test('a person in the registry registers in three steps, logs out and logs in again', { tag: '@postgres' }, async ({ page }) => {
		const p = freshPerson();
		const phone = nextPhone();

		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
		await screenshots(page, 'landing');
		await page.getByRole('link', { name: 'ลงทะเบียนใช้งาน' }).click();

		// step 1: a plain summary first, the terms in full one tap away, must be accepted
		await expect(page).toHaveURL(/\/register\/terms/);
		await expect(page.getByRole('heading', { name: 'สรุปสั้นๆ' })).toBeVisible();
		// where to correct a name or birth date: the hotline one tap away, as everywhere a number is shown
		await expect(page.locator('main li').getByRole('link', { name: '1506' })).toHaveAttribute('href', 'tel:1506');
		await page.getByText('อ่านนโยบายและข้อตกลงฉบับเต็ม').click();
		await expect(page.getByText('ผู้เข้าร่วมพึงต้องปฏิบัติดังต่อไปนี้')).toBeVisible();
		await expect(page.locator('[aria-current="step"]')).toContainText('ข้อตกลง');
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-1-terms');
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page.locator('.error-summary')).toContainText('โปรดยอมรับข้อตกลง');
		await expect(page.locator('.error-summary')).toBeFocused();
		await expect(page).toHaveTitle(/^ข้อผิดพลาด: /);
		await page.getByLabel('ข้าพเจ้าได้อ่านและยอมรับนโยบายและข้อตกลงข้างต้น').check();
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();

		// step 2: every error at once, with the seed's wording, then the right details
		await expect(page).toHaveURL(/\/register\/details/);
		await expect(page.locator('[aria-current="step"]')).toContainText('ข้อมูลส่วนตัว');
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-2-details');
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		const summary = page.locator('.error-summary');
		await expect(summary).toBeFocused();
		for (const text of [
			'โปรดป้อนหมายเลขบัตรประชาชนที่ถูกต้องเพื่อใช้เป็นชื่อผู้ใช้งาน',
			'โปรดป้อนชื่อ',
			'โปรดป้อนนามสกุล',
			'โปรดป้อนปีเกิดที่ถูกต้อง',
			'โปรดป้อนเบอร์ที่ถูกต้องเพื่อใช้ในการยืนยันตัว'
		]) {
			await expect(summary).toContainText(text);
		}
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-2-details-errors');
		await summary.getByRole('link', { name: 'โปรดป้อนชื่อ' }).click();
		await expect(page.locator('#firstName')).toBeFocused();

		await fillDetails(page, p, phone, PASSWORD, 'something else');
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(summary).toContainText('ยืนยันรหัสผ่านไม่ถูกต้อง/ไม่ตรงกับรหัสผ่านที่ตั้งไว้');
		// what was typed is kept (passwords excepted)
		await expect(page.locator('#nationalId')).toHaveValue(p.id);
		await expect(page.locator('#birthYear')).toHaveValue(p.year);
		await expect(page.locator('#password')).toHaveValue('');

		await fillDetails(page, p, phone, '12345678');
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(summary).toContainText('เดาง่ายเกินไป');

		await fillDetails(page, p, phone);
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();

		// step 3: the code from the outbox
		await expect(page).toHaveURL(/\/register\/verify/);
		await expect(page.locator('[aria-current="step"]')).toContainText('ยืนยันตัวตน');
		await expect(page.getByText(`${phone.slice(0, 2)}X-XXX-${phone.slice(-4)}`)).toBeVisible();
		await expect(page.getByText('หากไม่ได้รับรหัสยืนยัน (OTP) ภายใน 5 นาที กรุณาติดต่อ(โทรศัพท์) หมายเลข 02-956-2400')).toBeVisible();
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-3-verify');

		// reload and Back keep the answers
		await page.reload();
		await page.goBack();
		await page.goto('/register/details');
		await expect(page.locator('#firstName')).toHaveValue(p.first);
		await page.goto('/register/verify');

		const code = await latestCode(page.request, phone);
		await page.getByLabel('รหัสยืนยัน (OTP)').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
		await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();

		await expect(page).toHaveURL(/\/dashboard/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`สวัสดี คุณ${p.first} ${p.last}`);
		await expectNoAxeViolations(page);
		await screenshots(page, 'dashboard');

		// log out (POST) and in again
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
		await expect(page).toHaveURL(/\/login/);
		await expect(page.getByRole('status')).toContainText('ออกจากระบบแล้ว');
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard/);
		await expectNoAxeViolations(page);
		await screenshots(page, 'login');
		await login(page, p.id, 'wrong password!');
		await expect(page.locator('.error-summary')).toContainText('เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง');
		await screenshots(page, 'login-error');
		await login(page, p.id);
		await expect(page).toHaveURL(/\/dashboard/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(p.first);
	});

	test('a registered ID gets the seed message with the forgot-password link and 1506', async ({ page }) => {
		const p = freshPerson();
		await registerThroughUi(page, p);
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();

		await submitRegistration(page, p, nextPhone());
		await expect(page.locator('.error-summary')).toContainText('เลขที่บัตรประชาชนมีการลงทะเบียนแล้ว');
		await expect(page.getByText('เลขที่บัตรประชาชนมีการลงทะเบียนแล้ว').first()).toBeVisible();
		await expect(page.getByRole('link', { name: /คลิกที่นี่/ })).toHaveAttribute('href', '/forgot-password');
		await expect(page.getByText('หากไม่สามารถกู้คืนรหัสผ่านกรุณาติดต่อเจ้าหน้าที่ 1506')).toBeVisible();
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-already-registered');
	});

	test('details that do not match the registry get one generic message', async ({ page }) => {
		const p = freshPerson();
		// right ID and name, wrong birth year
		await submitRegistration(page, { ...p, year: String(Number(p.year) - 1) }, nextPhone());
		await expect(page.locator('.error-summary')).toContainText('ข้อมูลไม่ตรงกับทะเบียนผู้ประกันตน');
		await expect(page).toHaveURL(/\/register\/details/);
		// a valid ID that is not in the registry gets the very same message
		await fillDetails(page, { ...p, id: '1234567890121' }, nextPhone());
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page.locator('.error-summary')).toContainText('ข้อมูลไม่ตรงกับทะเบียนผู้ประกันตน');
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-mismatch');
	});

	test('a wrong code says how many tries are left; five wrong codes end the challenge', async ({ page }) => {
		const p = freshPerson();
		const phone = nextPhone();
		await submitRegistration(page, p, phone);
		await expect(page).toHaveURL(/\/register\/verify/);
		const right = await latestCode(page.request, phone);
		const wrong = right === '000000' ? '111111' : '000000';
		await page.getByLabel('รหัสยืนยัน (OTP)').fill('12ab');
		await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
		await expect(page.locator('.error-summary')).toContainText('โปรดป้อนรหัส 6 หลัก');
		for (let left = 4; left >= 1; left--) {
			await page.getByLabel('รหัสยืนยัน (OTP)').fill(wrong);
			await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
			await expect(page.locator('.error-summary')).toContainText(`รหัสไม่ถูกต้อง ลองได้อีก ${left} ครั้ง`);
		}
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-wrong-code');
		await page.getByLabel('รหัสยืนยัน (OTP)').fill(wrong);
		await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
		await expect(page.locator('.error-summary')).toContainText('ใส่รหัสผิดเกิน 5 ครั้ง');
		// even the right code is refused now, and no account was made
		await page.getByLabel('รหัสยืนยัน (OTP)').fill(right);
		await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
		await expect(page.locator('.error-summary')).toContainText('ใส่รหัสผิดเกิน 5 ครั้ง');
		await login(page, p.id);
		await expect(page.locator('.error-summary')).toContainText('เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง');
	});

	test('an expired code is refused; a new code works, and so does a resend', async ({ page }) => {
		const p = freshPerson();
		const phone = nextPhone();
		await submitRegistration(page, p, phone);
		await expect(page).toHaveURL(/\/register\/verify/);
		const first = await latestCode(page.request, phone);

		// too early to resend: the button waits, its countdown beside it, and nothing is said as an error
		await expect(page.getByRole('button', { name: 'ส่งรหัสอีกครั้ง' })).toBeDisabled();
		await expect(page.locator('#resend-wait')).toContainText(/ส่งรหัสใหม่ได้อีกครั้งหลัง \d+ วินาที/);
		await expect(page.locator('.error-summary')).toHaveCount(0);

		try {
			await moveClock(page.request, 5 * 60_000 + 1_000);
			await page.getByLabel('รหัสยืนยัน (OTP)').fill(first);
			await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
			await expect(page.locator('.error-summary')).toContainText('รหัสหมดอายุแล้ว');
			await screenshots(page, 'register-expired-code');

			await page.getByRole('button', { name: 'ส่งรหัสอีกครั้ง' }).click();
			await expect(page.getByRole('status')).toContainText('ส่งรหัสใหม่แล้ว');
			const second = await latestCode(page.request, phone);
			expect(second).not.toBe('');
			await page.getByLabel('รหัสยืนยัน (OTP)').fill(second);
			await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
			await expect(page).toHaveURL(/\/dashboard/);
		} finally {
			await moveClock(page.request, 0);
		}
	});

	test('the whole wizard works with JavaScript turned off', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const p = freshPerson();
		const phone = nextPhone();
		await page.goto('/register');
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page.locator('.error-summary')).toContainText('โปรดยอมรับข้อตกลง');
		await expect(page).toHaveTitle(/^ข้อผิดพลาด: /);
		await page.getByLabel('ข้าพเจ้าได้อ่านและยอมรับนโยบายและข้อตกลงข้างต้น').check();
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/details/);
		await fillDetails(page, { ...p, day: '31', month: '2' }, phone);
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page.locator('.error-summary')).toContainText('โปรดป้อนวันเกิดที่ถูกต้อง');
		await expect(page.locator('#firstName')).toHaveValue(p.first);
		// (axe runs inside the page, so it cannot run here; the same pages pass it in the tests with JavaScript)
		await screenshots(page, 'register-nojs-errors');
		await fillDetails(page, p, phone);
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/verify/);
		await page.getByLabel('รหัสยืนยัน (OTP)').fill(await latestCode(page.request, phone));
		await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
		await expect(page).toHaveURL(/\/dashboard/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(p.first);
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
		await expect(page).toHaveURL(/\/login/);
		await login(page, p.id);
		await expect(page).toHaveURL(/\/dashboard/);
		await context.close();
	});
});

/** How many texts the outbox holds for a number. */
async function textsTo(page: import('@playwright/test').Page, phone: string): Promise<number> {
	const html = await (await page.request.get('/dev/sms')).text();
	return html.split('<li').filter((chunk) => chunk.includes(`data-to="${phone}"`)).length;
}

test.describe('registration: the code step, the year, the terms', () => {
	test('the code box holds six digits with room, at 360 px and at larger text sizes', async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await submitRegistration(page, freshPerson(), nextPhone());
		await expect(page).toHaveURL(/\/register\/verify/);
		const box = page.getByLabel('รหัสยืนยัน (OTP)');
		for (const size of ['', '150%', '200%']) {
			await page.evaluate((s) => (document.documentElement.style.fontSize = s), size);
			for (const typed of ['123456', '123 456']) {
				await box.fill(typed);
				const m = await box.evaluate((el: HTMLInputElement) => {
					el.scrollLeft = 0;
					const r = el.getBoundingClientRect();
					return { scroll: el.scrollWidth, client: el.clientWidth, right: r.right, vw: document.documentElement.clientWidth };
				});
				// nothing scrolled out of sight (the last digit was cut off), and the box stays on the screen
				expect(m.scroll, `${typed} at ${size || 'the normal size'}`).toBeLessThanOrEqual(m.client);
				expect(m.right).toBeLessThanOrEqual(m.vw);
			}
		}
	});

	test('back to step 2 and on with the same details: no new text, and the first code still works', async ({ page }) => {
		const p = freshPerson();
		const phone = nextPhone();
		await submitRegistration(page, p, phone);
		await expect(page).toHaveURL(/\/register\/verify/);
		const first = await latestCode(page.request, phone);
		expect(await textsTo(page, phone)).toBe(1);

		await page.getByRole('link', { name: 'ย้อนกลับ' }).click();
		await expect(page).toHaveURL(/\/register\/details/);
		await expect(page.locator('#firstName')).toHaveValue(p.first);
		await fillDetails(page, p, phone);
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/verify/);
		await expect(page.getByRole('status').filter({ hasText: 'ไม่ได้ส่งรหัสใหม่' })).toBeVisible();
		expect(await textsTo(page, phone)).toBe(1);
		// the resend still waits for the first text's 60 seconds
		await expect(page.getByRole('button', { name: 'ส่งรหัสอีกครั้ง' })).toBeDisabled();
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-3-code-kept');

		await page.getByLabel('รหัสยืนยัน (OTP)').fill(first);
		await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
		await expect(page).toHaveURL(/\/dashboard/);
	});

	test('changed details send a new code, and the page says to use the latest one', async ({ page }) => {
		const p = freshPerson();
		const phone = nextPhone();
		await submitRegistration(page, p, phone);
		await expect(page).toHaveURL(/\/register\/verify/);
		const first = await latestCode(page.request, phone);

		await page.getByRole('link', { name: 'ย้อนกลับ' }).click();
		const other = nextPhone();
		await fillDetails(page, p, other);
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/verify/);
		await expect(page.getByRole('status').filter({ hasText: 'ใช้รหัสล่าสุดใน SMS' })).toBeVisible();
		expect(await textsTo(page, other)).toBe(1);
		await screenshots(page, 'register-3-new-code');
		const latest = await latestCode(page.request, other);
		if (latest !== first) {
			await page.getByLabel('รหัสยืนยัน (OTP)').fill(first);
			await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
			await expect(page.locator('.error-summary')).toContainText('รหัสไม่ถูกต้อง');
		}
		await page.getByLabel('รหัสยืนยัน (OTP)').fill(latest);
		await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
		await expect(page).toHaveURL(/\/dashboard/);
	});

	test('resend: a waiting button with its countdown; without JavaScript the server refuses politely, next to the button', async ({ page, browser }) => {
		await submitRegistration(page, freshPerson(), nextPhone());
		await expect(page).toHaveURL(/\/register\/verify/);
		const resend = page.getByRole('button', { name: 'ส่งรหัสอีกครั้ง' });
		await expect(resend).toBeDisabled();
		const wait = page.locator('#resend-wait');
		await expect(wait).toContainText(/ส่งรหัสใหม่ได้อีกครั้งหลัง \d+ วินาที/);
		await expect(resend).toHaveAttribute('aria-describedby', 'resend-wait');
		// beside the button, not under the code field
		const [b, w] = [await resend.boundingBox(), await wait.boundingBox()];
		expect(Math.abs(b!.y + b!.height / 2 - (w!.y + w!.height / 2))).toBeLessThan(80);
		await expect(page.locator('.error-summary')).toHaveCount(0);

		const context = await browser.newContext({ javaScriptEnabled: false });
		const nojs = await context.newPage();
		await submitRegistration(nojs, freshPerson(), nextPhone());
		await expect(nojs).toHaveURL(/\/register\/verify/);
		await nojs.getByRole('button', { name: 'ส่งรหัสอีกครั้ง' }).click();
		const panel = nojs.locator('section[aria-labelledby="not-received"]');
		await expect(panel.getByRole('status')).toContainText(/โปรดรอ \d+ วินาทีก่อนขอรหัสใหม่/);
		await expect(nojs.locator('.error-summary')).toHaveCount(0);
		await expect(nojs.locator('#code-error')).toHaveCount(0);
		await expect(nojs).not.toHaveTitle(/^ข้อผิดพลาด/);
		await context.close();
	});

	test('a birth year typed in ค.ศ. is named as such, with the year in พ.ศ.; the same on the password reset', async ({ page }) => {
		const p = freshPerson();
		const ce = String(Number(p.year) - 543);
		await submitRegistration(page, { ...p, year: ce }, nextPhone());
		const summary = page.locator('.error-summary');
		await expect(summary).toContainText(`ปีต้องเป็น พ.ศ. ไม่ใช่ ค.ศ. ปี ค.ศ. ${ce} คือ พ.ศ. ${p.year}`);
		await expect(page.locator('#birth-error')).toContainText(`พ.ศ. ${p.year}`);
		await expect(page.locator('#birthYear')).toHaveValue(ce);
		await expectNoAxeViolations(page);
		await screenshots(page, 'register-2-year-ce');

		await page.goto('/forgot-password');
		await hydrated(page);
		await page.getByLabel(/เลขบัตรประชาชน/).fill(DEMO.s33Active.id);
		await page.getByLabel(/^วัน$/).fill('27');
		await page.getByLabel(/^เดือน$/).fill('3');
		await page.getByLabel(/^ปี/).fill('1985');
		await page.getByRole('button', { name: /ดำเนินการต่อ/ }).click();
		await expect(summary).toContainText('ปี ค.ศ. 1985 คือ พ.ศ. 2528');

		// and in English
		await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
		await submitRegistration(page, { ...p, year: ce }, nextPhone());
		await expect(summary).toContainText(`Enter the year in the Buddhist Era (พ.ศ.), not CE: ${ce} CE is ${p.year} BE, so enter ${p.year}`);
		await screenshots(page, 'register-2-year-ce-en');
	});

	test('the terms lead with a short summary; the full text is folded away but one tap opens it; the page is short at 360 px', async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/register/terms');
		await expect(page.getByRole('heading', { name: 'สรุปสั้นๆ' })).toBeVisible();
		for (const text of ['ขอดูและรับสำเนาข้อมูล', 'แก้ไข', 'ถอนความยินยอม', 'ปิดบัญชี']) await expect(page.locator('.summary')).toContainText(text);
		const full = page.locator('details.terms');
		await expect(full).not.toHaveAttribute('open');
		await expect(page.getByText('ผู้เข้าร่วมพึงต้องปฏิบัติดังต่อไปนี้')).toBeHidden();
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		expect(height).toBeLessThan(2000);
		const button = await page.getByRole('button', { name: 'ดำเนินการต่อ' }).boundingBox();
		expect(button!.y + button!.height).toBeLessThan(1700);
		await expectNoAxeViolations(page);
		await page.getByText('อ่านนโยบายและข้อตกลงฉบับเต็ม').click();
		await expect(full).toHaveAttribute('open', '');
		await expect(page.getByText('ผู้เข้าร่วมพึงต้องปฏิบัติดังต่อไปนี้')).toBeVisible();
		await expect(page.getByText(/ขอสงวนสิทธิในการปฏิเสธความรับผิด/)).toBeVisible();
	});

	test('one error style on registration and the applications: the summary links, and each field message says what to do', async ({ page }) => {
		await submitRegistration(page, { ...freshPerson(), id: '123', first: '' }, 'x');
		for (const id of ['nationalId-error', 'firstName-error', 'phone-error']) {
			const msg = page.locator(`#${id}`);
			// one component: the hidden "Error:" for screen readers, then the message, with no "*" marker
			await expect(msg.locator('.visually-hidden')).toHaveText('ข้อผิดพลาด:');
			expect(await msg.evaluate((el) => el.lastChild?.textContent ?? '')).not.toMatch(/^\*/);
		}
		await expect(page.locator('#nationalId-error')).toContainText('ตัวเลข 13 หลักตามบัตร');
		await expect(page.locator('#phone-error')).toContainText('ขึ้นต้นด้วย 06 08 หรือ 09');
	});
});

test.describe('a slow phone', () => {
	// page.route cannot hold back what a service worker answers from its cache: none here
	test.use({ serviceWorkers: 'block' });

	test('what a citizen types or ticks while the page is still loading is kept once it has loaded (log-in, registration, an application question)', async ({
		page
	}) => {
		const p = freshPerson();
		const phone = nextPhone();
		/** Load `path` with its scripts held back, so the citizen types into the page as the server sent it. */
		const loadSlowly = async (path: string) => {
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			await page.route('**/_app/immutable/**/*.js', async (route) => {
				await held;
				await route.continue();
			});
			await page.goto(path, { waitUntil: 'domcontentloaded' });
			expect(await page.locator('html[data-hydrated]').count()).toBe(0);
			return async () => {
				release();
				await hydrated(page);
				await page.unrouteAll({ behavior: 'wait' });
			};
		};

		let loaded = await loadSlowly('/login');
		await page.getByLabel('เลขบัตรประชาชน').fill(DEMO.s33Active.id);
		await loaded();
		await expect(page.getByLabel('เลขบัตรประชาชน')).toHaveValue(DEMO.s33Active.id);

		loaded = await loadSlowly('/register/terms');
		await page.getByLabel('ข้าพเจ้าได้อ่านและยอมรับ').check();
		await loaded();
		await expect(page.getByLabel('ข้าพเจ้าได้อ่านและยอมรับ')).toBeChecked();
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/details/);
		loaded = await loadSlowly('/register/details');
		await fillDetails(page, p, phone);
		await loaded();
		await expect(page.getByLabel('เลขบัตรประชาชน')).toHaveValue(p.id);
		await expect(page.getByLabel(/^ชื่อ/)).toHaveValue(p.first);
		await expect(page.getByLabel(/^นามสกุล/)).toHaveValue(p.last);
		await expect(page.getByLabel(/^วัน$/)).toHaveValue(p.day);
		await expect(page.getByLabel(/^เดือน$/)).toHaveValue(p.month);
		await expect(page.getByLabel(/^ปี/)).toHaveValue(p.year);
		await expect(page.getByLabel('หมายเลขโทรศัพท์มือถือ')).toHaveValue(phone);
		// and it is what the server gets: the code step comes next
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/verify/);

		// a choice on an application's question page
		const s40 = freshPerson(
			`national_id NOT IN (SELECT person_id FROM employments) AND national_id NOT IN (SELECT person_id FROM coverages) AND birth_date BETWEEN '${yearsAgo(60)}' AND '${yearsAgo(20)}'`
		);
		await signIn(page, s40);
		await page.goto('/apply/section40');
		await page.getByRole('button', { name: 'เริ่มยื่นคำขอ' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('คุณเป็นข้าราชการบำเหน็จบำนาญหรือไม่');
		/** This question page again, its scripts held back; `label` ticked meanwhile is still ticked once it has loaded. */
		const tickWhileLoading = async (label: string) => {
			const done = await loadSlowly(new URL(page.url()).pathname);
			await page.getByLabel(label, { exact: true }).check();
			await done();
			await expect(page.getByLabel(label, { exact: true })).toBeChecked();
		};
		await tickWhileLoading('ไม่ใช่');
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ที่อยู่ปัจจุบันของคุณ');
		await fillAddress(page);
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('คุณประกอบอาชีพอะไร');
		// a choice with a follow-up question, made while the page loads: the follow-up is shown once it has loaded
		await tickWhileLoading('อื่น ๆ');
		await expect(page.getByLabel('ระบุอาชีพ')).toBeVisible();
	});
});
