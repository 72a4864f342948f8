/**
 * The citizen's own account — devices, security events, password and phone changes that end every
 * other session, the PDPA copy of their data, and closing the account; plus the security headers.
 */
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import {
	freshPerson,
	registerThroughUi,
	login,
	latestCode,
	nextPhone,
	expectNoAxeViolations,
	screenshots,
	query,
	PASSWORD,
	type Person,
	chooseLanguage
} from './helpers';
import { atThaid, knownToThaid, numberIsMine } from './thaid-helpers';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const NEW_PW = 'เปลี่ยนใหม่ อีกครั้ง 77';

/** A second device: another browser context with its own cookies and another User-Agent. */
async function secondDevice(browser: Browser, p: Person, password = PASSWORD): Promise<Page> {
	const ctx = await browser.newContext({ userAgent: FIREFOX_WINDOWS });
	const page = await ctx.newPage();
	await login(page, p.id, password);
	// on a busy CI machine the log-in (argon2) and the dashboard it opens can take a while; a refusal says why
	await Promise.race([page.waitForURL(/\/dashboard/, { timeout: 20_000 }), page.locator('.error-summary').waitFor({ timeout: 20_000 })]);
	const refused = (await page.locator('.error-summary').count()) ? await page.locator('.error-summary').innerText() : '';
	expect(refused, 'the second device was refused').toBe('');
	await expect(page).toHaveURL(/\/dashboard/);
	return page;
}

async function sessionCookie(page: Page): Promise<string | undefined> {
	return (await page.context().cookies()).find((c) => c.name === 'session')?.value;
}

test('security headers: CSP with nonces, no framing, HSTS only off localhost, strict cookies', async ({ page, request }) => {
	const res = await request.get('/');
	const h = res.headers();
	const csp = h['content-security-policy']!;
	expect(csp).toContain("frame-ancestors 'none'");
	const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
	expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
	expect(scriptSrc).not.toContain('unsafe-inline');
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(h['permissions-policy']).toMatch(/^usb=\(self\)/);
	expect(h['permissions-policy']).not.toMatch(/=\*/);
	// plain-http localhost: no HSTS here (it is sent for any other host name)
	expect(h['strict-transport-security']).toBeUndefined();
	const html = await res.text();
	const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
	for (const tag of html.match(/<script\b[^>]*>/g) ?? []) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);

	const p = freshPerson();
	await registerThroughUi(page, p);
	const cookie = (await page.context().cookies()).find((c) => c.name === 'session')!;
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

test('my account: devices, a new device flagged, one device signed out from another', async ({ page, browser }) => {
	const p = freshPerson();
	await registerThroughUi(page, p);
	const other = await secondDevice(browser, p);

	await page
		.getByRole('link', { name: /บัญชีของฉัน/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/profile$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('บัญชีของฉัน');
	const devices = page.getByTestId('device');
	await expect(devices).toHaveCount(2);
	await expect(devices.first()).toContainText('อุปกรณ์นี้');
	await expect(devices.nth(1)).toContainText('Firefox บน Windows');
	await expect(page.getByTestId('event').first()).toContainText('มีการเข้าสู่ระบบจากอุปกรณ์ใหม่');
	await expect(page.getByTestId('event').first()).toContainText('Firefox บน Windows');
	await expectNoAxeViolations(page);
	await screenshots(page, 'profile');

	await devices.nth(1).getByRole('button', { name: 'ออกจากระบบอุปกรณ์นี้' }).click();
	await expect(page.getByText('ออกจากระบบแล้ว 1 อุปกรณ์')).toBeVisible();
	await expect(devices).toHaveCount(1);
	// the other device is signed out at its next request
	await other.goto('/contributions');
	await expect(other).toHaveURL(/\/login/);
	await other.context().close();
});

test('changing the password ends every other session, keeps this one in a new session, and texts the citizen', async ({ page, browser }) => {
	const p = freshPerson();
	const phone = await registerThroughUi(page, p);
	const other = await secondDevice(browser, p);
	const before = await sessionCookie(page);

	await page.goto('/profile/password');
	await page.getByLabel('รหัสผ่านปัจจุบัน').fill('ไม่ใช่รหัสนี้แน่ๆ');
	await page.getByLabel(/^ตั้งรหัสผ่าน/).fill(NEW_PW);
	await page.getByLabel(/^ยืนยันรหัสผ่าน/).fill(NEW_PW);
	await page.getByRole('button', { name: 'เปลี่ยนรหัสผ่าน' }).click();
	await expect(page.locator('.error-summary')).toContainText('รหัสผ่านปัจจุบันไม่ถูกต้อง');
	await expectNoAxeViolations(page);
	await screenshots(page, 'profile-password-error');

	await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
	await page.getByLabel(/^ตั้งรหัสผ่าน/).fill(NEW_PW);
	await page.getByLabel(/^ยืนยันรหัสผ่าน/).fill(NEW_PW);
	await page.getByRole('button', { name: 'เปลี่ยนรหัสผ่าน' }).click();
	await expect(page).toHaveURL(/\/profile\?done=password/);
	await expect(page.getByRole('status').filter({ hasText: 'เปลี่ยนรหัสผ่านแล้ว' })).toBeVisible();
	expect(await sessionCookie(page)).not.toBe(before);
	await expect(page.getByTestId('device')).toHaveCount(1);

	await other.goto('/dashboard');
	await expect(other).toHaveURL(/\/login/);
	await other.context().close();
	expect(query<{ n: number }>("SELECT count(*) n FROM sms_outbox WHERE to_phone = ? AND purpose = 'notice:password'", phone)[0]!.n).toBe(1);

	await page
		.getByRole('button', { name: /ออกจากระบบ/ })
		.first()
		.click();
	await login(page, p.id, PASSWORD);
	await expect(page.locator('.error-summary')).toBeVisible();
	await login(page, p.id, NEW_PW);
	await expect(page).toHaveURL(/\/dashboard/);
});

test('changing the mobile number: a code to the current number (an account opened by SMS), one to the new number, then the old number is told', async ({
	page,
	request
}) => {
	const p = freshPerson();
	const oldPhone = await registerThroughUi(page, p);
	const newPhone = nextPhone();
	const masked = (n: string) => `${n.slice(0, 2)}X-XXX-${n.slice(-4)}`;
	await page.goto('/profile/phone');
	// opened by SMS: whoever knows the password may not be the person, so the current number answers first
	await expect(page.locator('.notice').first()).toContainText(`ครั้งแรกส่งไปที่เบอร์ปัจจุบัน ${masked(oldPhone)}`);
	await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
	await page.getByLabel('เบอร์มือถือใหม่').fill(oldPhone);
	await page.getByRole('button', { name: 'ส่งรหัส OTP ไปที่เบอร์ปัจจุบัน' }).click();
	await expect(page.locator('.error-summary')).toContainText('นี่คือเบอร์ปัจจุบันของคุณ');
	await screenshots(page, 'profile-phone-error');

	await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
	await page.getByLabel('เบอร์มือถือใหม่').fill(newPhone);
	await page.getByRole('button', { name: 'ส่งรหัส OTP ไปที่เบอร์ปัจจุบัน' }).click();
	await expect(page).toHaveURL(/\/profile\/phone\/verify/);
	await expect(page.getByText('ขั้นตอนที่ 1 จาก 2: ยืนยันว่าเบอร์ปัจจุบันยังเป็นของคุณ')).toBeVisible();
	await expect(page.getByText(masked(oldPhone))).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'profile-phone-old');
	await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(request, oldPhone));
	await page.getByRole('button', { name: /^ยืนยัน$/ }).click();

	await expect(page.getByText('ขั้นตอนที่ 2 จาก 2: ยืนยันเบอร์ใหม่')).toBeVisible();
	await expect(page.getByText(masked(newPhone))).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(request, newPhone));
	await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
	await expect(page).toHaveURL(/\/profile\?done=phone/);
	await expect(page.getByText(`เปลี่ยนเบอร์มือถือเป็น ${newPhone.slice(0, 2)}X-XXX-${newPhone.slice(-4)} แล้ว`)).toBeVisible();
	expect(query<{ phone: string }>('SELECT phone FROM users WHERE national_id = ?', p.id)[0]!.phone).toBe(newPhone);
	expect(query<{ n: number }>("SELECT count(*) n FROM sms_outbox WHERE to_phone = ? AND purpose = 'notice:phone'", oldPhone)[0]!.n).toBe(1);
	await expect(page.getByTestId('event').first()).toContainText('เปลี่ยนเบอร์มือถือ');
});

test('PDPA: a copy of all my data, with the higher level of identity proof, as a file and as a printable page, and the copy is recorded', async ({ page }) => {
	const p = knownToThaid(freshPerson());
	await registerThroughUi(page, p);
	// an account opened by SMS: someone who knows the ID, name and birth date could have opened it
	expect((await page.request.get('/profile/data.json')).status()).toBe(403);
	await page.goto('/profile/data');
	await expect(page).toHaveURL(/\/profile\/prove\?for=data_copy/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ยืนยันตัวตนด้วย ThaID หรือที่สำนักงาน');
	await expectNoAxeViolations(page);
	await screenshots(page, 'profile-prove');
	await page.getByRole('link', { name: 'ยืนยันตัวตนด้วย ThaID' }).click();
	await atThaid(page, p);
	await numberIsMine(page);
	// proved, and on to the page that needed it
	await expect(page).toHaveURL(/\/profile\/data$/);
	const res = await page.request.get('/profile/data.json');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="prakan-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
	expect(res.headers()['cache-control']).toContain('no-store');
	const body = await res.text();
	const copy = JSON.parse(body) as {
		account: { nationalId: string; terms: { version: string } };
		registry: { person: { firstNameTh: string }; contributions: unknown[] };
	};
	expect(copy.account.nationalId).toBe(p.id);
	expect(copy.account.terms.version).toBeTruthy();
	expect(copy.registry.person.firstNameTh).toBe(p.first);
	const hash = query<{ h: string }>('SELECT password_hash h FROM users WHERE national_id = ?', p.id)[0]!.h;
	expect(body).not.toContain(hash);
	expect(body).not.toContain('argon2');
	// the JSON is for this citizen only: signed out, it is refused
	expect((await page.context().request.fetch('/profile/data.json', { headers: { cookie: '' } })).status()).toBe(401);

	await page.goto('/profile');
	await page.getByRole('link', { name: 'ดูและพิมพ์ข้อมูลของฉัน' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ข้อมูลทั้งหมดของฉัน');
	// the ID shown as on the card (1-4-5-2-1), like every page
	await expect(page.getByText(`${p.id[0]}-${p.id.slice(1, 5)}-${p.id.slice(5, 10)}-${p.id.slice(10, 12)}-${p.id[12]}`)).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'profile-data');
	await page.goto('/profile');
	await expect(page.getByTestId('event').first()).toContainText('ดาวน์โหลดหรือดูข้อมูลทั้งหมดของฉัน');
	// the page after the proof, the file, the page again; the refused attempts before the proof copied nothing
	expect(query<{ n: number }>("SELECT count(*) n FROM audit_log WHERE action = 'data.export' AND subject = ?", p.id)[0]!.n).toBe(3);
});

test('closing the account erases the account data, keeps the registry, and the person can register again', async ({ page }) => {
	const p = freshPerson();
	await registerThroughUi(page, p);
	const contributions = query<{ n: number }>('SELECT count(*) n FROM contributions WHERE person_id = ?', p.id)[0]!.n;
	await page.goto('/profile/close');
	await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
	await page.getByRole('button', { name: 'ปิดบัญชี' }).click();
	await expect(page.locator('.error-summary')).toContainText('ติ๊กช่องนี้เพื่อยืนยัน');
	await expectNoAxeViolations(page);
	await screenshots(page, 'profile-close');
	await page.getByLabel('ฉันเข้าใจ และต้องการปิดบัญชีนี้').check();
	await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
	await page.getByRole('button', { name: 'ปิดบัญชี' }).click();
	await expect(page).toHaveURL(/\/login\?closed=1/);
	await expect(page.getByText('ปิดบัญชีแล้ว')).toBeVisible();

	const row = query<{ phone: string; password_hash: string; closed_at: number | null }>(
		'SELECT phone, password_hash, closed_at FROM users WHERE national_id = ?',
		p.id
	)[0]!;
	expect(row).toMatchObject({ phone: '', password_hash: '' });
	expect(row.closed_at).not.toBeNull();
	expect(query<{ n: number }>('SELECT count(*) n FROM contributions WHERE person_id = ?', p.id)[0]!.n).toBe(contributions);
	await login(page, p.id, PASSWORD);
	await expect(page.locator('.error-summary')).toBeVisible();

	await registerThroughUi(page, p);
	await expect(page).toHaveURL(/\/dashboard/);
});

test('my account in English', async ({ page }) => {
	const p = freshPerson();
	await registerThroughUi(page, p);
	await page.goto('/profile');
	await chooseLanguage(page, 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
	await expect(page.getByTestId('device').first()).toContainText('Chrome on Windows');
	await expect(page.getByTestId('event').first()).toContainText('Account opened');
	// every word of the page is English but the citizen's own name in the header
	const text = (await page.locator('main').innerText()).replace(/\d+ [A-Z][a-z]{2} \d{4}/g, '');
	expect(text).not.toMatch(/[\u0E01-\u0E5B]/);
	await expectNoAxeViolations(page);
	await screenshots(page, 'profile-en');
	await chooseLanguage(page, 'th');
});
