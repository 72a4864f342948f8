/**
 * Seed 003's request for a user of the rights check, end to end: a network hospital fills in the public form with the
 * director's letter as a PDF; its main contractor's user endorses it; the administrator reads the letter and approves;
 * the text with the activation link reaches the mobile number on the form, and the link opens the activation page.
 */
import { test, expect } from './fixtures';
import { expectNoAxeViolations, hydrated, nextPhone, query, screenshots } from './helpers';
import { staffSignedIn } from './accounts';
import { letterPdf } from '../support/pdf';

test('a network hospital asks for a user; the main contractor endorses; the administrator approves and the link is texted', async ({ page, browser }) => {
	const net = query<{ main: string; member: string; province: string; name: string }>(
		`SELECT n.main_code main, n.member_code member, h.province, h.name_th name FROM hospital_networks n JOIN hospitals h ON h.code = n.member_code
		 ORDER BY n.member_code LIMIT 1`
	)[0]!;
	const phone = nextPhone();
	await page.goto('/staff');
	await page.getByRole('link', { name: /ขอใช้บริการ/ }).click();
	await expect(page).toHaveURL(/\/staff\/request$/);
	await hydrated(page);
	await expectNoAxeViolations(page);
	await page.getByLabel(/รหัส 5 หลัก/).fill(net.member);
	await page.getByLabel(/รหัส 7 หลัก/).fill('1234567');
	await page.getByLabel(/^จังหวัด/).selectOption(net.province);
	await page.getByLabel('เลขบัตรประชาชน').fill('1-1037-00123-45-8');
	await page.getByLabel('คำนำหน้า').selectOption('นางสาว');
	await page.getByLabel(/^ชื่อ \(ภาษาไทย/).fill('สมศรี');
	await page.getByLabel(/^นามสกุล \(ภาษาไทย/).fill('ตรวจสิทธิ');
	await page.getByLabel(/^Name/).fill('Somsri');
	await page.getByLabel(/^Surname/).fill('Truatsit');
	await page.getByLabel('ตำแหน่ง').fill('เจ้าพนักงานเวชสถิติ');
	await page.getByLabel(/หมายเลขโทรศัพท์มือถือ/).fill(phone);
	// the seed's rule: no Yahoo address; and a file that is not a PDF
	await page.getByLabel('อีเมล').fill('somsri@yahoo.co.th');
	await page.getByLabel(/หนังสือที่ผู้อำนวยการลงนาม/).setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
	await page.getByRole('button', { name: 'ส่งคำขอ' }).click();
	await expect(page.locator('.error-summary')).toContainText('ไม่อนุญาตให้ใช้อีเมล Yahoo.com หรือ Yahoo.co.th');
	await expect(page.getByLabel(/^Name/)).toHaveValue('Somsri');
	await page.getByLabel('อีเมล').fill('somsri@hospital.go.th');
	await page.getByLabel(/หนังสือที่ผู้อำนวยการลงนาม/).setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
	await page.getByRole('button', { name: 'ส่งคำขอ' }).click();
	await expect(page.locator('.error-summary')).toContainText('ไฟล์นี้ไม่ใช่ PDF ที่เปิดได้');
	await screenshots(page, 'hospital-request-errors');
	const letter = Buffer.from(await letterPdf(2));
	await page.getByLabel(/หนังสือที่ผู้อำนวยการลงนาม/).setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: letter });
	await page.getByRole('button', { name: 'ส่งคำขอ' }).click();
	await expect(page.getByTestId('hreq-sent')).toContainText('ต้องให้ผู้ใช้ของสถานพยาบาลหลักรับรองก่อน');
	expect(query('SELECT state, main_code, letter_pages FROM hospital_requests WHERE phone = ?', phone)).toEqual([
		{ state: 'endorsement', main_code: net.main, letter_pages: 2 }
	]);

	// the main contractor's user endorses it on the hospital page
	const main = await (await browser.newContext()).newPage();
	await staffSignedIn(main, 'hospital', ['--hospital', net.main]);
	await main.goto('/staff/hospital');
	await hydrated(main);
	const waiting = main.getByTestId('hreq-endorse');
	await expect(waiting).toContainText('สมศรี ตรวจสิทธิ');
	await expect(waiting).toContainText(net.name);
	await expectNoAxeViolations(main);
	await waiting.getByRole('button', { name: 'รับรอง', exact: true }).click();
	await expect(main.getByTestId('hreq-endorsed')).toContainText('รับรองแล้ว');
	await main.context().close();

	// the administrator reads the letter and approves
	await staffSignedIn(page, 'admin');
	await page.goto('/staff/admin');
	await page.getByTestId('hreq-link').click();
	await expect(page).toHaveURL(/\/staff\/admin\/requests$/);
	await hydrated(page);
	const review = page.getByTestId('hreq-review');
	await expect(review).toHaveCount(1);
	await expect(review).toContainText(net.name);
	const download = await page.request.get(
		await review
			.getByRole('link', { name: /ดาวน์โหลดหนังสือ/ })
			.getAttribute('href')
			.then(String)
	);
	expect(download.headers()['content-type']).toBe('application/pdf');
	expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
	expect(Buffer.from(await download.body()).equals(letter)).toBe(true);
	await expectNoAxeViolations(page);
	await screenshots(page, 'hospital-request-admin');
	await review.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
	await expect(page.getByTestId('hreq-done')).toContainText('อนุมัติแล้ว ผู้ใช้ somsri.t.');

	// the text's link opens the activation page for the new user
	const html = await (await page.request.get('/dev/sms')).text();
	const item = html.split('<li').find((c) => c.includes(`data-to="${phone}"`))!;
	const link = /\/staff\/activate\/[A-Za-z0-9_-]+/.exec(item)![0];
	const newcomer = await (await browser.newContext()).newPage();
	await newcomer.goto(link);
	await expect(newcomer).toHaveURL(/\/staff\/activate$/);
	await expect(newcomer.getByLabel(/^ตั้งรหัสผ่าน/)).toBeVisible();
	await newcomer.context().close();
	expect(query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'hospital_request.%' ORDER BY id").map((r) => r.action)).toEqual([
		'hospital_request.submitted',
		'hospital_request.endorsed',
		'hospital_request.letter_read',
		'hospital_request.approved'
	]);
});
