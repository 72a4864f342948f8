/**
 * Insured persons who are not Thai: the demo foreign workers' numbers (a migrant worker's pink card 00…, a type 6),
 * through registration, log-in, their own records, the hospital's rights check and the officer's look-up. Every
 * figure is read from the database here, not from the app's code.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import {
	DEMO,
	PASSWORD,
	bahtText,
	expectNoAxeViolations,
	hydrated,
	latestCode,
	login,
	nextPhone,
	query,
	screenshots,
	submitRegistration,
	utcToday
} from './helpers';
import { signIn, staffSignedIn } from './accounts';
import { CENTRE } from './staff-helpers';

/** 0011990012345 → 0-0119-90012-34-5, as the card prints it (written here, not the app's formatter). */
const printed = (id: string) => `${id[0]}-${id.slice(1, 5)}-${id.slice(5, 10)}-${id.slice(10, 12)}-${id[12]}`;

const hospitalOf = (id: string) =>
	query<{ code: string; name: string }>(
		`SELECT h.code, h.name_th name FROM hospital_assignments a JOIN hospitals h ON h.code = a.hospital_code
		 WHERE a.person_id = ? AND a.valid_from <= '${utcToday()}' AND (a.valid_to IS NULL OR a.valid_to >= '${utcToday()}')`,
		id
	)[0]!;

test('a migrant worker registers with the pink card’s 00… number and the passport’s English name, sees their records and signs in again', async ({ page }) => {
	const w = DEMO.myanmar;
	const phone = nextPhone();
	await submitRegistration(page, w, phone);
	await expect(page).toHaveURL(/\/register\/verify/);
	await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, phone));
	await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
	await expect(page).toHaveURL(/\/dashboard/);
	// the registry's Thai spelling greets them on the Thai pages
	const th = query<{ first: string }>('SELECT first_name_th first FROM persons WHERE national_id = ?', w.id)[0]!;
	await expect(page.getByRole('heading', { level: 1 })).toContainText(th.first);

	const cards = page.locator('.card');
	await expect(cards.nth(0)).toContainText('เป็นผู้ประกันตน มาตรา 33');
	await expect(cards.nth(1)).toContainText(hospitalOf(w.id).name);
	const paid = query<{ s: number; n: number }>('SELECT sum(insured_satang) s, count(*) n FROM contributions WHERE person_id = ?', w.id)[0]!;
	await expect(cards.nth(2)).toContainText(bahtText(paid.s));
	await expect(cards.nth(2)).toContainText(`ส่งแล้ว ${paid.n} เดือน`);
	await expectNoAxeViolations(page);
	await screenshots(page, 'foreign-worker-dashboard');

	// the number as the card prints it, zeros and all, on the contributions statement
	await page.goto('/contributions/statement');
	await expect(page.locator('main')).toContainText(printed(w.id));

	// log out, and in again with the number typed as printed
	await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
	await login(page, printed(w.id));
	await expect(page).toHaveURL(/\/dashboard/);
});

test('a hospital checks a foreign worker’s rights, and an officer looks one up, by the number typed', async ({ page, browser }) => {
	const w = DEMO.laos; // a type 6 number
	const m = DEMO.cambodia; // a pink card's 00…
	const clerk = await staffSignedIn(page, 'hospital', ['--hospital', hospitalOf(w.id).code]);
	await page.goto('/staff/hospital');
	await hydrated(page);
	const id = page.getByLabel('เลขบัตรประชาชน');
	for (const p of [w, m]) {
		await id.fill(printed(p.id));
		await page.getByRole('button', { name: 'ตรวจสอบสิทธิ' }).click();
		await expect(page.getByTestId('rights-verdict')).toHaveText('มีสิทธิรักษาพยาบาลประกันสังคม ณ วันนี้');
		await expect(page.getByTestId('rights-id')).toHaveText(printed(p.id));
		await expect(page.getByTestId('rights-hospital')).toContainText(hospitalOf(p.id).name);
	}
	await expectNoAxeViolations(page);
	expect(query('SELECT national_id FROM staff_lookups WHERE username = ? ORDER BY id', clerk.username)).toEqual([{ national_id: w.id }, { national_id: m.id }]);

	const officer = await (await browser.newContext()).newPage();
	await staffSignedIn(officer, 'officer', ['--centre', CENTRE]);
	await officer.goto('/staff/officer');
	await hydrated(officer);
	await officer.getByLabel('เลขบัตรประชาชน').fill(m.id);
	await officer.getByLabel('เหตุผลที่พิมพ์เลขบัตร').fill('แรงงานต่างด้าว แสดงบัตรชมพูและหนังสือเดินทาง');
	await officer.getByRole('button', { name: 'ค้นหาด้วยเลขบัตรที่พิมพ์' }).click();
	await expect(officer.getByTestId('officer-id')).toContainText(printed(m.id));
	await expect(officer.getByTestId('officer-status')).toContainText('มาตรา 33');
	await expect(officer.getByTestId('officer-hospital')).toContainText(hospitalOf(m.id).name);
	await officer.context().close();
});

test('a foreign worker without the number at hand registers by passport, and is told the number to log in with', async ({ page }) => {
	const w = DEMO.cambodia;
	const passport = query<{ no: string }>('SELECT passport_no no FROM persons WHERE national_id = ?', w.id)[0]!.no;
	const phone = nextPhone();
	await page.goto('/register');
	await hydrated(page);
	await page.getByLabel(/ข้าพเจ้าได้อ่านและยอมรับ/).check();
	await page.getByRole('button', { name: /ดำเนินการต่อ/ }).click();
	await expect(page).toHaveURL(/\/register\/details/);
	await page.getByRole('link', { name: /ผู้ประกันตนต่างด้าวใช้หนังสือเดินทาง/ }).click();
	await expect(page).toHaveURL(/by=passport/);
	await hydrated(page);
	await expect(page.getByLabel(/เลขบัตรประชาชน/)).toHaveCount(0);
	await page.getByLabel('เลขที่หนังสือเดินทาง').fill(passport.toLowerCase());
	// each state by its Thai name, the neighbours first
	const nationality = page.getByLabel(/^สัญชาติ/);
	await expect(nationality.locator('option').nth(1)).toHaveAttribute('value', 'MM');
	await nationality.selectOption('KH');
	await page.getByLabel(/^ชื่อ/).fill(w.first);
	await page.getByLabel(/^นามสกุล/).fill(w.last);
	await page.getByLabel(/^วัน$/).fill(w.day);
	await page.getByLabel(/^เดือน$/).fill(w.month);
	await page.getByLabel(/^ปี/).fill('1998'); // the passport's year, in ค.ศ.: the page says which พ.ศ. year it is
	await page.getByLabel(/หมายเลขโทรศัพท์มือถือ/).fill(phone);
	await page.getByLabel(/^ตั้งรหัสผ่าน/).fill(PASSWORD);
	await page.getByLabel(/^ยืนยันรหัสผ่าน/).fill(PASSWORD);
	await page.getByRole('button', { name: /ดำเนินการต่อ/ }).click();
	await expect(page.locator('.error-summary')).toContainText('2541');
	await expect(page.getByLabel('เลขที่หนังสือเดินทาง')).toHaveValue(passport.toLowerCase());
	await page.getByLabel(/^ปี/).fill(w.year);
	await page.getByLabel(/^ตั้งรหัสผ่าน/).fill(PASSWORD);
	await page.getByLabel(/^ยืนยันรหัสผ่าน/).fill(PASSWORD);
	await expectNoAxeViolations(page);
	await screenshots(page, 'register-by-passport');
	await page.getByRole('button', { name: /ดำเนินการต่อ/ }).click();
	await expect(page).toHaveURL(/\/register\/verify/);
	await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, phone));
	await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
	await expect(page).toHaveURL(/\/dashboard\?welcome/);
	await expect(page.getByTestId('welcome-username')).toContainText(printed(w.id));
	expect(query('SELECT national_id FROM users WHERE phone = ?', phone)).toEqual([{ national_id: w.id }]);
});

test('a hospital checks rights, and an officer finds a person, by passport; the look is recorded and the holder sees it', async ({ page, browser }) => {
	const w = DEMO.laos;
	const passport = query<{ no: string }>('SELECT passport_no no FROM persons WHERE national_id = ?', w.id)[0]!.no;
	const clerk = await staffSignedIn(page, 'hospital', ['--hospital', hospitalOf(w.id).code]);
	await page.goto('/staff/hospital');
	await hydrated(page);
	await page.getByText('ผู้ประกันตนต่างด้าว: ค้นด้วยหนังสือเดินทาง').click();
	const fill = async (p: Page, no: string) => {
		await p.getByLabel('เลขที่หนังสือเดินทาง').fill(no);
		await p.getByLabel(/^สัญชาติ/).selectOption('LA');
		await p.getByLabel(/^วัน$/).fill(w.day);
		await p.getByLabel(/^เดือน$/).fill(w.month);
		await p.getByLabel(/^ปี/).fill(w.year);
	};
	// a passport nobody in the registry holds: said so, and recorded as typed
	await fill(page, 'P0000001');
	await page.getByRole('button', { name: 'ตรวจสอบสิทธิ' }).last().click();
	await expect(page.locator('.error-summary')).toContainText('ไม่พบผู้ประกันตนที่ถือหนังสือเดินทางเล่มนี้');
	await fill(page, passport);
	await page.getByRole('button', { name: 'ตรวจสอบสิทธิ' }).last().click();
	await expect(page.getByTestId('rights-verdict')).toHaveText('มีสิทธิรักษาพยาบาลประกันสังคม ณ วันนี้');
	await expect(page.getByTestId('rights-id')).toHaveText(printed(w.id));
	await expectNoAxeViolations(page);
	await screenshots(page, 'staff-hospital-by-passport');
	expect(query('SELECT national_id, method, passport_no, nationality, found FROM staff_lookups WHERE username = ? ORDER BY id', clerk.username)).toEqual([
		{ national_id: '', method: 'passport', passport_no: 'P0000001', nationality: 'LA', found: 0 },
		{ national_id: w.id, method: 'passport', passport_no: passport, nationality: 'LA', found: 1 }
	]);

	const officer = await (await browser.newContext()).newPage();
	await staffSignedIn(officer, 'officer', ['--centre', CENTRE]);
	await officer.goto('/staff/officer');
	await hydrated(officer);
	await officer.getByText('ผู้ประกันตนต่างด้าว: ค้นด้วยหนังสือเดินทาง').click();
	await fill(officer, passport);
	await officer.getByRole('button', { name: 'ค้นหาด้วยหนังสือเดินทาง' }).click();
	// a reason is asked for, as for a typed number
	await expect(officer.locator('.error-summary')).toContainText('โปรดระบุเหตุผล');
	const reason = 'แรงงานต่างด้าว บัตรประกันสังคมหาย แสดงหนังสือเดินทาง';
	await officer.getByLabel('เหตุผลที่ค้นด้วยหนังสือเดินทางแทนการอ่านบัตร').fill(reason);
	await officer.getByRole('button', { name: 'ค้นหาด้วยหนังสือเดินทาง' }).click();
	await expect(officer.getByTestId('officer-id')).toContainText(printed(w.id));
	await expect(officer.getByTestId('officer-method')).toHaveText(`ค้นด้วยหนังสือเดินทาง — เหตุผล: ${reason}`);
	await expectNoAxeViolations(officer);
	await officer.context().close();

	// the holder's profile lists both looks by passport (another test of this file may have looked them up by number)
	const me = await (await browser.newContext()).newPage();
	await signIn(me, w);
	await me.goto('/profile');
	await expect(me.getByTestId('lookup').filter({ hasText: 'ค้นด้วยหนังสือเดินทาง' })).toHaveCount(2);
	await me.context().close();
});
