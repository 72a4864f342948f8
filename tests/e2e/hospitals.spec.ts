/**
 * Seed 003's hospital pieces beside the rights check. The request for a user, end to end: a network hospital fills in the public form with the
 * director's letter as a PDF; its main contractor's user endorses it; the administrator reads the letter and approves;
 * the text with the activation link reaches the mobile number on the form, and the link opens the activation page.
 * The emergency rights check of a hospital that is not the person's: the rules and the 72 hours, recorded and seen.
 */
import { test, expect } from './fixtures';
import { expectNoAxeViolations, freshPerson, hydrated, nextPhone, query, screenshots } from './helpers';
import { signIn, staffSignedIn } from './accounts';
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

/** Bangkok's wall clock `hoursAgo` hours back: the date as วว/ดด/ปปปป (พ.ศ.) and the time as hh:mm (written here). */
function bangkokAgo(hoursAgo: number): { date: string; time: string } {
	const d = new Date(Date.now() - hoursAgo * 3_600_000 + 7 * 3_600_000);
	const p = (n: number) => String(n).padStart(2, '0');
	return { date: `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear() + 543}`, time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` };
}

test('a private hospital that is not the person’s checks emergency rights: the rules and the 72 hours, recorded, seen by the person', async ({
	page,
	browser
}) => {
	const p = freshPerson('national_id IN (SELECT person_id FROM coverages WHERE end_date IS NULL AND section = 33)');
	const mine = query<{ code: string; name: string; province: string }>(
		`SELECT h.code, h.name_th name, h.province FROM hospital_assignments a JOIN hospitals h ON h.code = a.hospital_code WHERE a.person_id = ? AND a.valid_to IS NULL`,
		p.id
	)[0]!;
	// a private hospital of another province: not theirs, nor in their network
	const other = query<{ code: string }>("SELECT code FROM hospitals WHERE type = 'private' AND province != ? ORDER BY code LIMIT 1", mine.province)[0]!;
	const clerk = await staffSignedIn(page, 'hospital', ['--hospital', other.code]);
	await page.goto('/staff/hospital');
	await hydrated(page);
	// on the hospital's page, folded under the ordinary check
	await page.getByTestId('em-link').click();
	const em = page.getByTestId('em-section');
	await em.locator('summary').click();
	const check = async (hoursAgo: number, kind: RegExp) => {
		const at = bangkokAgo(hoursAgo);
		await em.getByLabel('เลข 13 หลักของผู้ป่วย').fill(p.id);
		await em.getByLabel('วันที่เข้ารักษา').fill(at.date);
		await em.getByLabel('เวลาที่มาถึง').fill(at.time);
		await em.getByLabel(kind).check();
		await em.getByLabel('อาการหรือเหตุที่เข้ารักษา').fill('อุบัติเหตุรถจักรยานยนต์ ศีรษะกระแทก');
		await em.getByRole('button', { name: 'ตรวจสอบสิทธิกรณีฉุกเฉิน' }).click();
	};
	// an arrival tomorrow is refused
	await check(-26, /^ฉุกเฉินไม่วิกฤต/);
	await expect(page.locator('.error-summary')).toContainText('เวลาที่มาถึงเป็นเวลาในอนาคต');

	await check(2, /^ฉุกเฉินไม่วิกฤต/);
	await expect(page.getByTestId('em-verdict')).toHaveText('มีสิทธิรักษาพยาบาลประกันสังคม ณ วันที่เข้ารักษา');
	await expect(page.getByTestId('em-rule')).toContainText('ที่สถานพยาบาลเอกชน: ผู้ป่วยสำรองจ่าย');
	await expect(page.getByTestId('em-rule')).toContainText(mine.name);
	await expect(page.getByTestId('em-rates')).toContainText('ไม่เกิน 1,000.00 บาท ต่อครั้ง');
	await expect(page.getByTestId('em-rates')).toContainText('ไม่เกิน 4,500.00 บาท ต่อวัน');
	await expect(page.getByTestId('em-ended')).toHaveCount(0);
	await expectNoAxeViolations(page);
	await screenshots(page, 'staff-emergency-check');

	// critical, four days ago: UCEP, and its 72 hours are over
	await check(96, /^ฉุกเฉินวิกฤต/);
	await expect(page.getByTestId('em-rule')).toContainText('ฉุกเฉินวิกฤต (UCEP): รักษาโดยไม่เรียกเก็บเงินจากผู้ป่วย');
	await expect(page.getByTestId('em-ended')).toContainText('72 ชั่วโมงนับจากเวลาที่มาถึงสิ้นสุดแล้ว');

	const rows = query<{ view: string; reason: string; admitted_at: number | string }>(
		'SELECT view, reason, admitted_at FROM staff_lookups WHERE username = ? ORDER BY id',
		clerk.username
	);
	expect(rows.map((r) => [r.view, r.reason])).toEqual([
		['emergency', 'ไม่วิกฤต: อุบัติเหตุรถจักรยานยนต์ ศีรษะกระแทก'],
		['emergency', 'วิกฤต: อุบัติเหตุรถจักรยานยนต์ ศีรษะกระแทก']
	]);
	expect(Math.abs(Date.now() - 2 * 3_600_000 - Number(rows[0]!.admitted_at))).toBeLessThan(3 * 60_000);

	// the person sees the checks on their profile, as every look at their records
	const me = await (await browser.newContext()).newPage();
	await signIn(me, p);
	await me.goto('/profile');
	await expect(me.getByTestId('lookup').first()).toContainText('สิทธิกรณีฉุกเฉิน');
	await me.context().close();
});
