/**
 * An employer submits a month of contributions. A file with mistakes is answered line by line and changes
 * nothing; the corrected file is reviewed (the e-Service's Step 4/6 figures, the persons paged) and confirmed with a
 * transaction number; the employee sees the month on their contributions page; submitting the month again (as the
 * spreadsheet this time) needs an explicit "replace", and the first version is kept.
 */
import { test, expect } from './fixtures';
import { expectNoAxeViolations, freshPerson, hydrated, query, screenshots } from './helpers';
import { signIn, staffSignedIn } from './accounts';
import { encodeFile, type Sso110Detail } from '../../src/lib/employers/sso110';
import { addMonths } from '../../src/lib/rules/periods';
import { lastPaidPeriod } from '../../src/lib/rules/workdays';
import { formatBaht } from '../../src/lib/money';
import { headerFor, linesFor, tis620 } from '../fixtures/sso110';

const bangkokToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

test(
	'an employer: errors by line and nothing written, then review, confirm, the employee sees the month, a replacement needs confirmation',
	{ tag: '@postgres' },
	async ({ page, browser }) => {
		test.setTimeout(90_000);
		const p = freshPerson(
			'national_id IN (SELECT e.person_id FROM employments e JOIN coverages c ON c.person_id = e.person_id AND c.section = 33 AND c.end_date IS NULL WHERE e.end_date IS NULL)'
		);
		const [emp] = query<{ id: number; account: string; branch: string; name: string }>(
			'SELECT em.id, em.account_no AS account, em.branch, em.name_th AS name FROM employments e JOIN employers em ON em.id = e.employer_id WHERE e.person_id = ? AND e.end_date IS NULL',
			p.id
		);
		const coworkers = query<{ id: string; first: string; last: string }>(
			'SELECT p.national_id AS id, p.first_name_th AS first, p.last_name_th AS last FROM employments e JOIN persons p ON p.national_id = e.person_id WHERE e.employer_id = ? AND e.end_date IS NULL AND p.national_id != ? ORDER BY p.national_id LIMIT 3',
			emp!.id,
			p.id
		);
		// the month after the last one the registry holds: this month from the 15th, else last month
		const period = addMonths(lastPaidPeriod(bangkokToday()), 1);
		const people = [{ id: p.id, first: p.first, last: p.last }, ...coworkers];
		const rows = (baseWage: number): Sso110Detail[] => linesFor(people, period, baseWage);
		const header = (r: Sso110Detail[]) =>
			headerFor(r, { account: emp!.account, branch: emp!.branch, period, paymentDate: bangkokToday(), companyName: emp!.name.slice(0, 45) });
		const me = await (await browser.newContext()).newPage();
		// the employee has an account; the employer's staff member is signed in (the sign-in forms have tests of their own)
		await signIn(me, p);
		await staffSignedIn(page, 'employer', ['--account', emp!.account, '--branch', emp!.branch]);
		await page.goto('/staff/employer');
		await hydrated(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ส่งเงินสมทบรายเดือน (สปส.1-10)');
		await expect(page.getByTestId('emp-employer')).toContainText(emp!.account);

		// 1. a file with two wrong lines: every problem by its line, and nothing recorded
		const good = rows(1_200_000);
		const bad = good.map((r) => ({ ...r }));
		bad[1]!.nationalId = bad[1]!.nationalId.slice(0, 12) + ((Number(bad[1]!.nationalId[12]) + 1) % 10);
		bad[2]!.employeeSatang -= 5_000;
		const before = query<{ n: number }>('SELECT count(*) AS n FROM contributions')[0]!.n;
		await page.setInputFiles('#file', { name: 'sso110-bad.txt', mimeType: 'text/plain', buffer: Buffer.from(tis620(encodeFile(header(good), bad))) });
		await page.getByRole('button', { name: 'ตรวจไฟล์' }).click();
		const problems = page.getByTestId('emp-problems');
		await expect(problems).toContainText('ยังไม่มีการบันทึกข้อมูลใด ๆ');
		await expect(page.locator('[data-testid=emp-problem][data-line="3"]')).toHaveAttribute('data-code', 'emp_err_check_digit');
		await expect(page.locator('[data-testid=emp-problem][data-line="3"]')).toContainText('เลขประจำตัวประชาชนไม่ถูกต้อง');
		await expect(page.locator('[data-testid=emp-problem][data-line="4"]')).toContainText(
			`เงินสมทบ ${formatBaht(bad[2]!.employeeSatang)} บาท ไม่ถูกต้อง ค่าจ้างนี้ต้องหักเงินสมทบ ${formatBaht(good[2]!.employeeSatang)} บาท`
		);
		await expect(page.locator('[data-testid=emp-problem][data-line="1"]').first()).toHaveAttribute('data-code', 'emp_err_header_total');
		expect(query('SELECT id FROM employer_submissions WHERE employer_id = ?', emp!.id)).toEqual([]);
		expect(query<{ n: number }>('SELECT count(*) AS n FROM contributions')[0]!.n).toBe(before);
		await expectNoAxeViolations(page);
		await screenshots(page, 'employer-problems');

		// 2. the corrected file: review (Step 4/6), the persons, confirm
		await page.setInputFiles('#file', { name: 'sso110.txt', mimeType: 'text/plain', buffer: Buffer.from(tis620(encodeFile(header(good), good))) });
		await page.getByRole('button', { name: 'ตรวจไฟล์' }).click();
		await expect(page).toHaveURL(/\/staff\/employer\/review\/\d+$/);
		const h = header(good);
		await expect(page.getByTestId('fig-wages')).toHaveText(formatBaht(h.totalWagesSatang));
		await expect(page.getByTestId('fig-employee')).toHaveText(formatBaht(h.employeeSatang));
		await expect(page.getByTestId('fig-total')).toHaveText(formatBaht(h.totalContributionSatang));
		await expect(page.getByTestId('fig-persons')).toHaveText(String(people.length));
		await page.getByTestId('emp-view-persons').click();
		await expect(page.getByTestId('emp-persons').locator('tbody tr')).toHaveCount(people.length);
		// the ID as on the card, like every page
		await expect(page.getByTestId('emp-persons')).toContainText(`${p.id[0]}-${p.id.slice(1, 5)}-${p.id.slice(5, 10)}-${p.id.slice(10, 12)}-${p.id[12]}`);
		await expectNoAxeViolations(page);
		await screenshots(page, 'employer-review');
		await page.getByRole('button', { name: 'ยืนยันการส่งข้อมูล' }).click();
		await expect(page).toHaveURL(/\/staff\/employer\/submissions\/\d+$/);
		await expect(page.getByTestId('emp-done')).toContainText('ส่งข้อมูลเงินสมทบสำเร็จ');
		const txn = (await page.getByTestId('emp-txn').innerText()).trim();
		expect(txn).toMatch(/^\d{10}$/);
		await expectNoAxeViolations(page);
		await screenshots(page, 'employer-done');

		// the printable SSO 1-10: the amount in Thai words, Part 2's total
		await page.getByTestId('emp-print').click();
		await expect(page.getByTestId('emp-words')).toContainText('บาท');
		await expect(page.getByTestId('emp-part2-total')).toContainText(formatBaht(h.employeeSatang));
		await expectNoAxeViolations(page);
		await screenshots(page, 'employer-form');
		// on paper: the form alone, without the staff bar, the site header or the buttons
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByTestId('staff-bar')).toBeHidden();
		await expect(page.getByRole('button', { name: 'พิมพ์' })).toBeHidden();
		await expect(page.getByTestId('emp-part1')).toBeVisible();
		await screenshots(page, 'employer-form-print');
		await page.emulateMedia({ media: 'screen' });

		// 3. the employee sees the month, marked as the employer's submission
		await me.goto('/contributions');
		const row = me.locator(`[data-testid=contributions] tr[data-period="${period}"]`);
		await expect(row).toContainText(formatBaht(good[0]!.employeeSatang));
		await expect(row.getByTestId('contrib-source')).toContainText('นายจ้างส่ง สปส.1-10 เมื่อ');
		await screenshots(me, 'contributions-employer-file');

		// 4. the same month again, as the e-Service spreadsheet (CSV): only with "replace", and the first version is kept
		const second = rows(1_500_000);
		const csv = [
			'ลำดับที่,เลขประจำตัวประชาชน,คำนำหน้า-ชื่อ-สกุล,ค่าจ้าง,เงินสมทบ',
			...second.map((r, i) => `${i + 1},${r.nationalId},"นาย${r.firstName} ${r.lastName}","${formatBaht(r.wageSatang)}","${formatBaht(r.employeeSatang)}"`)
		].join('\r\n');
		await page.goto('/staff/employer');
		await page.setInputFiles('#file', { name: 'sso110.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await page.getByLabel('งวดค่าจ้าง (เดือน ปี พ.ศ.)').selectOption(period);
		await page.getByRole('button', { name: 'ตรวจไฟล์' }).click();
		await expect(page).toHaveURL(/\/staff\/employer\/review\/\d+$/);
		await expect(page.getByTestId('emp-replace-notice')).toContainText(txn);
		await page.getByRole('button', { name: 'ยืนยันการส่งข้อมูล' }).click();
		await expect(page.locator('.error-summary')).toContainText('งวดนี้มีข้อมูลอยู่แล้ว');
		await expect(row).toContainText(formatBaht(good[0]!.employeeSatang)); // still the first version
		await page.getByLabel('แทนที่ข้อมูลเดิมของงวดนี้').check();
		await page.getByRole('button', { name: 'ยืนยันการส่งข้อมูล' }).click();
		await expect(page.getByTestId('emp-done')).toBeVisible();
		const subs = query<{ status: string; format: string; rows: number }>(
			'SELECT s.status, s.format, (SELECT count(*) FROM employer_submission_rows r WHERE r.submission_id = s.id) AS rows FROM employer_submissions s WHERE s.employer_id = ? ORDER BY s.id',
			emp!.id
		);
		expect(subs).toEqual([
			{ status: 'replaced', format: 'fixed', rows: people.length },
			{ status: 'confirmed', format: 'csv', rows: people.length }
		]);
		await me.reload();
		await expect(row).toContainText(formatBaht(second[0]!.employeeSatang));
		await page.goto('/staff/employer');
		await expect(page.getByTestId('emp-history-row')).toHaveCount(2);
		await expectNoAxeViolations(page);
		await screenshots(page, 'employer-home');
	}
);
