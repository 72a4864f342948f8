/** Staff accounts in end-to-end tests: made by the staff CLI's own code as an administrator would, activated by their link. */
import { expect, type Page } from '@playwright/test';
import { createStaff, type Role } from '../support/sessions';
import { hydrated, latestCode, nextPhone } from './helpers';

export { CENTRE, type Role } from '../support/sessions';
export const STAFF_PW = 'เจ้าหน้าที่ ศูนย์ 2569';

export interface Staff {
	username: string;
	phone: string;
}

/** Create and activate an account through its link: password, mobile, the code texted to it. */
export async function staffAccount(page: Page, role: Role, extra: string[] = []): Promise<Staff> {
	const { username, link } = await createStaff(role, extra);
	const phone = nextPhone();
	await page.goto(link);
	await expect(page).toHaveURL(/\/staff\/activate$/);
	await hydrated(page);
	await page.getByLabel(/^ตั้งรหัสผ่าน/).fill(STAFF_PW);
	await page.getByLabel(/^ยืนยันรหัสผ่าน/).fill(STAFF_PW);
	await page.getByLabel(/เบอร์มือถือสำหรับรับรหัสยืนยัน/).fill(phone);
	await page.getByRole('button', { name: 'ส่งรหัสยืนยันไปที่มือถือ' }).click();
	await expect(page).toHaveURL(/\/staff\/activate\/verify/);
	await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, phone));
	await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
	await expect(page).toHaveURL(/\/staff\?activated=1/);
	return { username, phone };
}

/** Username + password, then the SMS code. */
export async function staffSignIn(page: Page, s: Staff, home: RegExp): Promise<void> {
	await page.goto('/staff');
	await hydrated(page);
	await page.getByLabel('รหัสผู้ใช้งาน').fill(s.username);
	await page.getByLabel(/^รหัสผ่าน$/).fill(STAFF_PW);
	await page.getByRole('button', { name: /^เข้าสู่ระบบ$/ }).click();
	await expect(page).toHaveURL(/\/staff\/verify/);
	await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, s.phone));
	await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
	await expect(page).toHaveURL(home);
}
