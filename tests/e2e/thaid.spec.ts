/**
 * Logging in with ThaID, and proving an account with it, against the worker's local ThaID-shaped provider
 * (scripts/lib/thaid-provider.ts; the fixture configures the worker's server with it): its sign-in page lists the
 * persons it can sign in as, and a switch for each failure a relying party must handle.
 */
import { test, expect } from './fixtures';
import { PASSWORD, expectNoAxeViolations, freshPerson, hydrated, latestCode, login, nextPhone, query, registerThroughUi, screenshots } from './helpers';
import { accountFor, signIn } from './accounts';
import { atThaid, knownToThaid, numberIsMine } from './thaid-helpers';
import { workerApp } from './worker-app';
import type { Failure } from '../../scripts/lib/thaid-provider';

test.describe('ThaID', () => {
	test('log in with ThaID: an account opened by SMS is proved, goes where it was going, and the profile says so', async ({ page }) => {
		const p = knownToThaid(freshPerson());
		await accountFor(p);
		await page.goto('/login?redirectTo=%2Fcontributions');
		await hydrated(page);
		const button = page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' });
		await expect(button).toBeVisible();
		await expectNoAxeViolations(page);
		await screenshots(page, 'thaid-1-login');
		await button.click();
		await screenshots(page, 'thaid-2-provider');
		await atThaid(page, p);
		// the first proof of an account opened by SMS asks whether its number is the citizen's; it is: on where it was going
		await expect(page).toHaveURL(/\/profile\/phone\/check\?then=%2Fcontributions$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('เบอร์มือถือนี้เป็นของท่านหรือไม่?');
		await expectNoAxeViolations(page);
		await screenshots(page, 'thaid-2b-phone-check');
		await numberIsMine(page);
		await expect(page).toHaveURL(/\/contributions$/);

		await page.goto('/profile');
		await expect(page.getByTestId('assurance')).toContainText('ยืนยันตัวตนด้วย ThaID (ระดับสูง)');
		await expect(page.getByRole('link', { name: 'ยืนยันตัวตนด้วย ThaID' })).toHaveCount(0);
		const events = page.getByTestId('event');
		// a first sign-in from this browser: a new device, by ThaID
		await expect(events.filter({ hasText: 'มีการเข้าสู่ระบบด้วย ThaID จากอุปกรณ์ใหม่' })).toHaveCount(1);
		await expect(events.filter({ hasText: 'ยืนยันตัวตนด้วย ThaID' })).toHaveCount(1);
	});

	test('log-out ends the ThaID session too (without JavaScript); a password sign-in’s log-out does not go to ThaID', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const p = knownToThaid(freshPerson());
		await accountFor(p);
		const thaid = workerApp().thaid!;
		await page.goto('/login');
		await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
		await atThaid(page, p);
		await numberIsMine(page);
		const open = thaid.sessions();
		const visited: string[] = [];
		page.on('request', (r) => visited.push(new URL(r.url()).pathname));
		await page.goto('/dashboard');
		await page.getByRole('button', { name: 'ออกจากระบบ' }).first().click();
		// on through ThaID's end-session endpoint, and back to the log-in page
		await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
		expect(visited).toEqual(expect.arrayContaining(['/logout', '/logout/thaid', '/api/v2/oauth2/logout/', '/login']));
		expect(thaid.sessions()).toBe(open - 1);
		await expect(page.getByText('ออกจากระบบแล้ว').first()).toBeVisible();
		// ThaID does not know the browser any more; the page on the way cannot be used again to send it there
		await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
		await expect(page.getByTestId('thaid-session')).toHaveCount(0);
		await page.goto('/logout/thaid');
		await expect(page).toHaveURL(/\/login\?loggedOut=1$/);

		// signed in with the password: log-out stays here
		await login(page, p.id);
		await expect(page).toHaveURL(/\/dashboard/);
		visited.length = 0;
		await page.getByRole('button', { name: 'ออกจากระบบ' }).first().click();
		await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
		expect(visited.filter((v) => v.startsWith('/api/v2/') || v === '/logout/thaid')).toEqual([]);
		await context.close();
	});

	test('what went wrong at ThaID is said on the log-in page, and nobody is signed in (without JavaScript)', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const p = knownToThaid(freshPerson());
		await accountFor(p);
		const cases: [Failure | '', string][] = [
			['cancel', 'ยกเลิกการยืนยันตัวตนใน ThaID แล้ว'],
			['down', 'ThaID ไม่ตอบสนอง ลองใหม่ หรือใช้รหัสผ่าน'],
			['no_pid', 'ThaID ไม่ได้ส่งเลขประจำตัวประชาชนมาให้ระบบ'],
			['wrong_state', 'การยืนยันตัวตนด้วย ThaID ไม่สำเร็จ'],
			['expired_code', 'การยืนยันตัวตนด้วย ThaID ไม่สำเร็จ'],
			['bad_signature', 'การยืนยันตัวตนด้วย ThaID ไม่สำเร็จ'],
			['sub_mismatch', 'การยืนยันตัวตนด้วย ThaID ไม่สำเร็จ'],
			['low_ial', 'ยืนยันตัวตนในแอป ThaID ให้ครบ (สแกนบัตรประชาชนและใบหน้า)']
		];
		for (const [failure, said] of cases) {
			await page.goto('/login');
			await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
			await atThaid(page, p, failure);
			await expect(page, failure).toHaveURL(/\/login\?thaid=/);
			await expect(page.locator('.error-summary'), failure).toContainText(said);
			if (failure === 'cancel') await screenshots(page, 'thaid-3-cancelled');
		}
		// the answer for an attempt that is over (a reload of the callback, a replayed address) signs nobody in
		const callbacks: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/login/thaid/callback/')) callbacks.push(r.url());
		});
		await page.goto('/login');
		await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
		await atThaid(page, p);
		await expect(page).toHaveURL(/\/profile\/phone\/check\?then=%2Fdashboard$/);
		await context.clearCookies();
		await page.goto(callbacks.at(-1)!);
		await expect(page.locator('.error-summary')).toContainText('หมดเวลายืนยันตัวตนด้วย ThaID แล้ว');
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/login/);

		// a person without an account whose name at ThaID is not the registry's: registering with ThaID is refused
		const other = freshPerson();
		knownToThaid({ ...other, last: `${other.last}ก` });
		await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
		await atThaid(page, other);
		await expect(page.locator('.error-summary')).toContainText('ชื่อหรือวันเกิดจาก ThaID ไม่ตรงกับทะเบียนผู้ประกันตน');
		expect(query('SELECT 1 FROM users WHERE national_id = ?', other.id)).toHaveLength(0);
		await context.close();
	});

	test('a signed-in citizen proves the account from the profile page; another person’s ThaID proves nothing', async ({ page }) => {
		const p = knownToThaid(freshPerson());
		const other = knownToThaid(freshPerson());
		await signIn(page, p);
		await page.goto('/profile');
		await expect(page.getByTestId('assurance')).toContainText('ยืนยันด้วยข้อมูลบัตรและรหัส SMS');
		await screenshots(page, 'thaid-4-profile-sms');
		const prove = page.getByRole('link', { name: 'ยืนยันตัวตนด้วย ThaID' });

		await prove.click();
		await atThaid(page, other);
		await expect(page).toHaveURL(/\/profile\?thaid=other_person/);
		await expect(page.getByRole('alert')).toContainText('ThaID ยืนยันตัวตนของบุคคลอื่น');
		await expect(page.getByTestId('assurance')).toContainText('ยืนยันด้วยข้อมูลบัตรและรหัส SMS');
		await expect(page.getByTestId('event').filter({ hasText: 'ThaID ของบุคคลอื่นถูกใช้ยืนยันบัญชีนี้' })).toHaveCount(1);

		await prove.click();
		await atThaid(page, p);
		await numberIsMine(page);
		await expect(page).toHaveURL(/\/profile\?thaid=proved/);
		await expect(page.getByRole('status').first()).toContainText('ยืนยันตัวตนด้วย ThaID แล้ว');
		await expect(page.getByTestId('assurance')).toContainText('ยืนยันตัวตนด้วย ThaID (ระดับสูง)');
		await expect(prove).toHaveCount(0);
		await screenshots(page, 'thaid-5-profile-proved');
	});

	test('a new number without the old one needs the higher level: an account opened by SMS is proved first, then changes it', async ({ page }) => {
		const p = knownToThaid(freshPerson());
		const old = await signIn(page, p);
		const own = nextPhone();
		await page.goto('/profile/phone');
		await page.getByRole('link', { name: 'ไม่มีเบอร์เดิมแล้ว หรือบัญชีนี้ไม่ได้เปิดโดยคุณ?' }).click();
		// step-up: sent to prove it, and back here after
		await expect(page).toHaveURL(/\/profile\/prove\?for=phone_without_old&then=%2Fprofile%2Fphone%2Freplace$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ยืนยันตัวตนด้วย ThaID หรือที่สำนักงาน');
		await page.getByRole('link', { name: 'ยืนยันตัวตนด้วย ThaID' }).click();
		await atThaid(page, p);
		await numberIsMine(page);
		await expect(page).toHaveURL(/\/profile\/phone\/replace$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('เปลี่ยนเบอร์มือถือโดยไม่ใช้เบอร์เดิม');
		await page.getByLabel('เบอร์มือถือใหม่').fill(own);
		await page.getByRole('button', { name: 'ส่งรหัส OTP ไปที่เบอร์ใหม่' }).click();
		await expect(page).toHaveURL(/\/profile\/phone\/verify/);
		// one code, to the new number only: the old one is not asked
		await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, own));
		await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
		await expect(page).toHaveURL(/\/profile\?done=phone/);
		expect(query<{ phone: string }>('SELECT phone FROM users WHERE national_id = ?', p.id)).toEqual([{ phone: own }]);
		expect(query<{ n: number }>("SELECT count(*) n FROM sms_outbox WHERE to_phone = ? AND purpose = 'notice:phone'", old)[0]!.n).toBe(1);
	});

	test('in English: the button and what went wrong', async ({ page }) => {
		const p = knownToThaid(freshPerson());
		await accountFor(p);
		await page.goto('/login');
		await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
		await page.goto('/login');
		await page.getByRole('link', { name: 'Log in with ThaID' }).click();
		await atThaid(page, p, 'cancel');
		await expect(page.locator('.error-summary')).toContainText('You cancelled in ThaID. Press the ThaID button again, or log in with your password.');
		await screenshots(page, 'thaid-6-cancelled-en');
	});

	test('a person without an account registers with ThaID: the terms, a mobile number and its code; the account is proved from the start', async ({ page }) => {
		const p = knownToThaid(freshPerson());
		const phone = nextPhone();
		await page.goto('/login');
		await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
		await atThaid(page, p);
		// no account yet: the wizard's terms, then only a mobile number (ThaID proved the rest)
		await expect(page).toHaveURL(/\/register\/terms$/);
		await hydrated(page);
		await page.getByLabel(/ข้าพเจ้าได้อ่าน/).check();
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/phone$/);
		await expect(page.getByTestId('thaid-proved')).toContainText(`${p.first} ${p.last}`);
		await hydrated(page);
		await page.getByRole('button', { name: 'ส่งรหัส OTP' }).click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expectNoAxeViolations(page);
		await screenshots(page, 'thaid-7-register-phone');
		await page.getByLabel('หมายเลขโทรศัพท์มือถือ').fill(phone);
		await page.getByRole('button', { name: 'ส่งรหัส OTP' }).click();
		await expect(page).toHaveURL(/\/register\/verify/);
		await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, phone));
		await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
		await expect(page).toHaveURL(/\/dashboard/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(p.first);
		expect(
			query<{ assurance: string; phone: string; password_hash: string }>('SELECT assurance, phone, password_hash FROM users WHERE national_id = ?', p.id)
		).toEqual([{ assurance: 'thaid', phone, password_hash: '' }]);
		// no password: a password never signs in to it (until one is set)
		await page.context().clearCookies();
		await login(page, p.id);
		await expect(page.locator('.error-summary')).toBeVisible();
		await expect(page).toHaveURL(/\/login/);
		// and ThaID signs in again, straight to the dashboard
		await page.goto('/login');
		await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
		await atThaid(page, p);
		await expect(page).toHaveURL(/\/dashboard$/);

		// no password to give on the ordinary phone change: the page that needs none (the account is proved)
		await page.goto('/profile/phone');
		await expect(page).toHaveURL(/\/profile\/phone\/replace$/);
		// it sets a password from the profile: no current one to ask, so a code to its number stands in
		await page.goto('/profile/password');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ตั้งรหัสผ่าน');
		await expect(page.getByLabel('รหัสผ่านปัจจุบัน')).toHaveCount(0);
		await expectNoAxeViolations(page);
		await screenshots(page, 'thaid-9-set-password');
		await page.getByLabel('ตั้งรหัสผ่าน', { exact: true }).fill(PASSWORD);
		await page.getByLabel('ยืนยันรหัสผ่าน', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'ส่งรหัส OTP ไปที่เบอร์ของบัญชี' }).click();
		await expect(page).toHaveURL(/\/profile\/confirm$/);
		await expect(page.getByText(`${phone.slice(0, 2)}X-XXX-${phone.slice(-4)}`)).toBeVisible();
		await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, phone));
		await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
		await expect(page).toHaveURL(/\/profile\?done=password/);
		await page.context().clearCookies();
		await login(page, p.id);
		await expect(page).toHaveURL(/\/dashboard/);
	});

	test('an account someone else opened with their own phone is repaired when ThaID proves its person', { tag: '@postgres' }, async ({ browser }) => {
		const p = knownToThaid(freshPerson());
		// the impostor: the person's ID, name and birth date, and the impostor's phone and password
		const impostor = await (await browser.newContext()).newPage();
		const impostorPhone = await registerThroughUi(impostor, p);
		const ownPhone = nextPhone();

		const page = await (await browser.newContext()).newPage();
		await page.goto('/login');
		await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaID' }).click();
		await atThaid(page, p);
		await expect(page.getByText(`${impostorPhone.slice(0, 2)}X-XXX-${impostorPhone.slice(-4)}`)).toBeVisible();
		await page.getByRole('link', { name: 'ไม่ใช่ เปลี่ยนเป็นเบอร์ของฉัน' }).click();
		await expect(page).toHaveURL(/\/profile\/phone\/replace\?takeover=1$/);
		await expect(page.getByLabel(/บัญชีนี้ไม่ได้เปิดโดยฉัน/)).toBeChecked();
		await expectNoAxeViolations(page);
		await screenshots(page, 'thaid-8-repair');
		await hydrated(page);
		await page.getByLabel('เบอร์มือถือใหม่').fill(ownPhone);
		await page.getByRole('button', { name: 'ส่งรหัส OTP ไปที่เบอร์ใหม่' }).click();
		await expect(page).toHaveURL(/\/profile\/phone\/verify/);
		await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, ownPhone));
		await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
		await expect(page).toHaveURL(/\/profile\?done=phone/);
		await expect(page.getByTestId('event').filter({ hasText: 'เปลี่ยนเบอร์และยกเลิกรหัสผ่านที่ผู้อื่นตั้งไว้' })).toHaveCount(1);
		// taken back, the account is the person's: raised now
		await expect(page.getByTestId('assurance')).toContainText('ยืนยันตัวตนด้วย ThaID (ระดับสูง)');

		// the account is the person's: their number, no password of the impostor's, the impostor signed out and told
		expect(query<{ phone: string; password_hash: string }>('SELECT phone, password_hash FROM users WHERE national_id = ?', p.id)).toEqual([
			{ phone: ownPhone, password_hash: '' }
		]);
		await impostor.goto('/dashboard');
		await expect(impostor).toHaveURL(/\/login/);
		await login(impostor, p.id);
		await expect(impostor.locator('.error-summary')).toBeVisible();
		await expect
			.poll(() => query<{ body: string }>("SELECT body FROM sms_outbox WHERE to_phone = ? AND purpose = 'notice:phone'", impostorPhone).map((r) => r.body))
			.toEqual([expect.stringContaining('เจ้าของบัตรประชาชนได้ยืนยันตัวตนและเปลี่ยนเบอร์มือถือ')]);
		await impostor.context().close();
		await page.context().close();
	});
});
