/**
 * Applying online: section 40 with payment, the unemployment claim with report-ins, the hospital change.
 * Staff decisions and the bank go through the CLIs' own code (npm run app:advance / pay:simulate), called in this
 * process on the worker's database and server.
 */
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { formatNationalId } from '../../src/lib/format/national-id';
import { appAdvance } from '../../scripts/lib/cli/app-advance';
import { paySimulate } from '../../scripts/lib/cli/pay-simulate';
import { setClockOffset } from '../../src/server/clock';
import type { CliResult } from '../../scripts/lib/cli/run';
import { formatDateLong } from '../../src/lib/format/date';
import { hospitalChangeDates } from '../../src/lib/rules/hospital-move';
import { decodeCode128, widthsFromBars } from '../fixtures/code128';
import {
	DEMO,
	bahtText,
	bangkokToday,
	expectNoAxeViolations,
	fillAddress,
	freshPerson,
	isoAddMonths,
	latestCode,
	moveClock,
	query,
	screenshots,
	thaiDate,
	workingDayOnOrAfter,
	yearsAgo,
	startOfLastMonth,
	chooseLanguage
} from './helpers';
import { signIn } from './accounts';
import { atThaid, knownToThaid, numberIsMine } from './thaid-helpers';
import { workerApp } from './worker-app';

/**
 * What the CLI printed; throws when it exits with an error, as a failed command would. An officer's decision is made
 * in office hours, 10:00 Bangkok time of today (at night its text would wait for 08:00, the quiet hours' end).
 */
async function cli(script: 'app-advance' | 'pay-simulate', ...args: string[]): Promise<string> {
	const r: CliResult = script === 'app-advance' ? await atTenInBangkok(() => appAdvance(args)) : await paySimulate([...args, '--url', workerApp().url]);
	if (r.code !== 0) throw new Error(`${script} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
	return r.stdout;
}
async function atTenInBangkok<T>(f: () => Promise<T>): Promise<T> {
	const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
	setClockOffset(Date.parse(`${today}T10:00:00+07:00`) - Date.now());
	try {
		return await f();
	} finally {
		setClockOffset(0);
	}
}
const continueButton = (page: Page) => page.getByRole('button', { name: /^ดำเนินการต่อ$|^Continue$/ });
const phoneOf = (id: string) => query<{ phone: string }>('SELECT phone FROM users WHERE national_id = ?', id)[0]!.phone;
const appsOf = (id: string, kind: string) =>
	query<{ ref: string; status: string; outcome: string }>('SELECT ref, status, outcome FROM applications WHERE person_id = ? AND kind = ?', id, kind);
/** Set the server clock to noon (Bangkok) of a day. */
const clockTo = (page: Page, iso: string) => moveClock(page.request, Date.parse(`${iso}T05:00:00Z`) - Date.now());
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// whole flows with real CLIs (each a Node start-up) and screenshots at two widths: allow them time
test.describe.configure({ timeout: 180_000 });

test.afterAll(async ({ request }) => {
	await moveClock(request, 0);
});

/**
 * The slip's full-screen barcode on a 360 × 740 phone (2 device pixels per CSS pixel), held upright: the barcode turns
 * to run along the long side, each module is at least 1.5 CSS px (3 device px; about 0.27 mm on a phone whose 360 CSS
 * px span some 65 mm, above the 0.25 mm counter scanners are commonly specified for) and a whole number of device
 * pixels, and the bars as drawn on screen decode back to the slip's data.
 */
async function checkScanView(browser: Browser, page: Page, ref1: string, ref2: string) {
	const phone = await browser.newContext({ storageState: await page.context().storageState(), viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
	const p2 = await phone.newPage();
	await p2.goto(page.url());
	await p2.getByRole('link', { name: 'แสดงบาร์โค้ดเต็มจอให้พนักงานสแกน' }).click();
	const scan = p2.locator('#scan');
	await expect(scan).toBeVisible();
	await expect(scan).toContainText('เพิ่มความสว่างหน้าจอให้สูงสุด');
	await expect(scan).toContainText(ref1);
	await expect(scan).toContainText(ref2);
	await expect(scan).toContainText('100.00 บาท');
	// the view sizes its modules once the page script runs (after hydration, which a loaded machine may delay)
	await expect
		.poll(() =>
			scan.locator('svg').evaluate((svg) => {
				const r = svg.getBoundingClientRect();
				const px = (Math.max(r.width, r.height) / Number(svg.getAttribute('data-modules'))) * devicePixelRatio;
				return Math.abs(px - Math.round(px)) < 0.001;
			})
		)
		.toBe(true);
	const drawn = await scan.locator('svg').evaluate((svg) => {
		const r = svg.getBoundingClientRect();
		const sideways = r.height > r.width;
		const start = sideways ? r.top : r.left;
		return {
			modules: Number(svg.getAttribute('data-modules')),
			length: sideways ? r.height : r.width,
			sideways,
			onScreen: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
			dpr: devicePixelRatio,
			bars: [...svg.querySelectorAll('g rect')].map((b) => {
				const q = b.getBoundingClientRect();
				return sideways ? ([q.top - start, q.height] as const) : ([q.left - start, q.width] as const);
			})
		};
	});
	expect(drawn.sideways).toBe(true);
	expect(drawn.onScreen).toBe(true);
	const x = drawn.length / drawn.modules;
	expect(x).toBeGreaterThanOrEqual(1.5);
	expect(x * drawn.dpr).toBeCloseTo(Math.round(x * drawn.dpr), 3);
	const decoded = decodeCode128(widthsFromBars(drawn.bars, x, 0.1));
	expect(decoded.text).toMatch(new RegExp(`^\\|\\d{15}\\r${ref1}\\r${ref2}\\r10000$`));
	await expectNoAxeViolations(p2);
	await scan.getByRole('link', { name: 'ปิดบาร์โค้ดเต็มจอ' }).click();
	await expect(scan).toBeHidden();
	await phone.close();
}

test('section 40: eligibility, options, SMS code, slip with QR, paid once by the bank', { tag: '@postgres' }, async ({ page, browser }) => {
	// someone never insured, of an age to join: not the demo's never-insured person, whom other tests show as never insured
	const p = freshPerson(
		`national_id NOT IN (SELECT person_id FROM employments) AND national_id NOT IN (SELECT person_id FROM coverages) AND birth_date BETWEEN '${yearsAgo(60)}' AND '${yearsAgo(20)}'`
	);
	await signIn(page, p);
	await page.goto('/apply');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-index');
	await page.getByRole('link', { name: 'สมัครผู้ประกันตนมาตรา 40' }).click();
	await expect(page.getByText(/คุณอายุ \d+ ปี และสมัครได้/)).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-s40-start');
	await page.getByRole('button', { name: 'เริ่มยื่นคำขอ' }).click();

	// question 1: a pensioner is stopped with the reason
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('คุณเป็นข้าราชการบำเหน็จบำนาญหรือไม่');
	await continueButton(page).click();
	await expect(page.locator('.error-summary')).toContainText('โปรดเลือกคำตอบ');
	await expect(page).toHaveTitle(/^ข้อผิดพลาด: /);
	// the field's message is the same component as registration's (hidden "Error:" first)
	await expect(page.locator('.field.has-error .error-message .visually-hidden')).toHaveText('ข้อผิดพลาด:');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-s40-pensioner-error');
	await page.getByLabel('ใช่', { exact: true }).check();
	await continueButton(page).click();
	await expect(page.getByRole('alert')).toContainText('ข้าราชการบำเหน็จบำนาญสมัครมาตรา 40 ไม่ได้');
	await screenshots(page, 'apply-s40-not-eligible');
	await page.getByRole('link', { name: 'เปลี่ยนคำตอบ' }).click();
	await expect(page.getByLabel('ใช่', { exact: true })).toBeChecked();
	await page.getByLabel('ไม่ใช่', { exact: true }).check();
	await continueButton(page).click();

	// question 2: the address; a bad postcode says how to fix it and keeps what was typed
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ที่อยู่ปัจจุบันของคุณ');
	await fillAddress(page, '104');
	await continueButton(page).click();
	await expect(page.locator('.error-summary')).toContainText('รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก');
	await expect(page.getByLabel('ตำบล/แขวง')).toHaveValue('สามเสนใน');
	await screenshots(page, 'apply-s40-address-error');
	await page.getByLabel('รหัสไปรษณีย์').fill('10400');
	await continueButton(page).click();

	// Back and reload keep the answers
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('คุณประกอบอาชีพอะไร');
	await page.goBack();
	await expect(page.getByLabel('อำเภอ/เขต')).toHaveValue('พญาไท');
	await page.reload();
	await expect(page.getByLabel('รหัสไปรษณีย์')).toHaveValue('10400');
	await continueButton(page).click();
	await page.getByLabel('ค้าขาย แม่ค้า').check();
	await continueButton(page).click();

	// question 4: the options compared
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('เลือกทางเลือกการจ่ายเงินสมทบ');
	await expect(page.locator('table.compare')).toContainText('150.00 บาท');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-s40-options');
	await page.getByLabel(/ทางเลือกที่ 2: จ่าย 100\.00 บาทต่อเดือน/).check();
	await continueButton(page).click();

	// check your answers, change one, come back
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ตรวจสอบข้อมูลก่อนส่ง');
	await expect(page.locator('main')).toContainText('100.00 บาท ต่อเดือน');
	await page.getByRole('link', { name: /เปลี่ยน อาชีพ|เปลี่ยน คุณประกอบอาชีพอะไร/ }).click();
	await page.getByLabel('เกษตรกร').check();
	await continueButton(page).click();
	await expect(page).toHaveURL(/\/apply\/section40\/check$/);
	await expect(page.locator('main')).toContainText('เกษตรกร');
	// the national ID as on the card, as on every page
	await expect(page.locator('main')).toContainText(formatNationalId(p.id));
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-s40-check');
	await page.getByRole('button', { name: 'ยืนยันและรับรหัส OTP' }).click();
	await expect(page.locator('.error-summary')).toContainText('โปรดยืนยันข้อนี้ก่อนส่ง');
	await page.getByLabel('ข้าพเจ้าขอรับรองว่าข้อมูลข้างต้นเป็นความจริงทุกประการ').check();
	await page.getByRole('button', { name: 'ยืนยันและรับรหัส OTP' }).click();

	// the SMS code confirms it
	await expect(page).toHaveURL(/\/apply\/section40\/code$/);
	await screenshots(page, 'apply-s40-code');
	await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, phoneOf(p.id)));
	await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ส่งคำขอเรียบร้อยแล้ว');
	const ref = (await page.locator('.ref').innerText()).trim();
	expect(ref).toMatch(/^S40-2569-\d{6}$/);
	await expect(page.locator('main')).toContainText('รอชำระเงิน');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-s40-confirmation');

	// the slip: the amount, both references, the QR and the barcode
	await page.getByRole('link', { name: 'ดูใบชำระเงิน (QR และบาร์โค้ด)' }).click();
	await expect(page.locator('.slip')).toContainText('100.00 บาท');
	await expect(page.locator('.slip')).toContainText(p.id);
	// reference 2 is all digits (40, the year, the number), which the barcode packs in code set C
	const ref2 = ref.replace(/^S40-(\d{4})-(\d{6})$/, '40$1$2');
	expect(ref2).toMatch(/^40\d{10}$/);
	await expect(page.locator('.slip')).toContainText(ref2);
	await expect(page.locator('.qr svg')).toBeVisible();
	await expect(page.locator('.barcode svg')).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-s40-slip');
	await checkScanView(browser, page, p.id, ref2);

	// the bank calls twice with the same transaction: applied once
	const txn = `E2E${Date.now()}`;
	expect(await cli('pay-simulate', ref, '--txn', txn)).toContain('"applied"');
	expect(await cli('pay-simulate', ref, '--txn', txn)).toContain('"duplicate"');
	expect(query<{ n: number }>('SELECT count(*) n FROM coverages WHERE person_id = ? AND section = 40', p.id)[0]!.n).toBe(1);
	expect(query<{ n: number }>('SELECT count(*) n FROM payments p JOIN applications a ON a.id = p.application_id WHERE a.ref = ?', ref)[0]!.n).toBe(1);
	await page.goto('/dashboard');
	await expect(page.locator('.card').first()).toContainText('มาตรา 40');
	// just paid: told which month is paid, and how and by when to pay the next one (the 15th of the month after it)
	const paidMonth = query<{ p: string }>('SELECT period p FROM contributions WHERE person_id = ? AND section = 40', p.id)[0]!.p;
	expect(paidMonth).toBe(bangkokToday().slice(0, 7));
	const nextMonth = isoAddMonths(paidMonth, 1);
	const pay = page.getByTestId('actions').locator('[data-kind="pay"]');
	await expect(pay.getByRole('heading', { level: 3 })).toHaveText(
		`ชำระเงินสมทบเดือน${thaiDate(nextMonth)} ${bahtText(10_000)} ภายในวันที่ ${thaiDate(workingDayOnOrAfter(`${isoAddMonths(nextMonth, 1)}-15`))}`
	);
	await expect(pay).toContainText(`ชำระเดือน${thaiDate(paidMonth)}แล้ว`);
	await expect(pay).toContainText('มาตรา 40: ชำระที่เคาน์เตอร์เซอร์วิส (7-Eleven)');
	await screenshots(page, 'dashboard-todo-s40-paid');
	await page.goto(`/applications/${ref}`);
	await expect(page.locator('main')).toContainText('เป็นผู้ประกันตนแล้ว');
	await expect(page.locator('.timeline li')).toHaveCount(2);
	await screenshots(page, 'apply-s40-active');

	// an altered call is refused
	const res = await page.request.post('/api/payments/callback', {
		headers: { 'content-type': 'application/json', 'x-timestamp': String(Date.now()), 'x-signature': '0'.repeat(64) },
		data: JSON.stringify({ transactionId: 'FORGED1', billerId: '099400016000000', ref1: p.id, ref2: ref, amount: '100.00', paidAt: new Date().toISOString() })
	});
	expect(res.status()).toBe(401);
});

test('unemployment: computation before sending, one claim on a double submit, approval, two report-ins, payments', async ({ page, app }) => {
	const p = DEMO.dismissed;
	await signIn(page, p);
	const job = query<{ end: string; employer: string }>(
		'SELECT e.end_date end, r.name_th employer FROM employments e JOIN employers r ON r.id = e.employer_id WHERE e.person_id = ? ORDER BY e.start_date DESC LIMIT 1',
		p.id
	)[0]!;
	await page.goto('/apply/unemployment');
	await expect(page.locator('main')).toContainText(job.employer);
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-une-start');
	await page.getByRole('button', { name: 'เริ่มยื่นคำขอ' }).click();

	// prefilled from the employment record
	await expect(page.getByLabel('ชื่อนายจ้าง (สถานประกอบการ)')).toHaveValue(job.employer);
	const [y, mo, d] = job.end.split('-').map(Number) as [number, number, number];
	await expect(page.getByLabel('วัน', { exact: true })).toHaveValue(String(d));
	await expect(page.getByLabel('ปี (พ.ศ.)')).toHaveValue(String(y + 543));
	expect(mo).toBeGreaterThan(0);
	await screenshots(page, 'apply-une-last-job');
	await continueButton(page).click();
	await expect(page.getByLabel('ถูกเลิกจ้าง', { exact: true })).toBeChecked();
	await screenshots(page, 'apply-une-reason');
	await continueButton(page).click();

	// the bank account the benefit is paid into is for an account proved by ThaID or at an office: this one was
	// opened by SMS, so the citizen proves it first and comes back to the question
	await expect(page).toHaveURL(/\/profile\/prove\?for=bank_account/);
	await expect(page.getByText(/การเลือกหรือเปลี่ยนบัญชีธนาคารที่รับเงินประโยชน์ทดแทน/)).toBeVisible();
	await screenshots(page, 'apply-une-prove');
	await page.getByRole('link', { name: 'ยืนยันตัวตนด้วย ThaID' }).click();
	await atThaid(page, p);
	await numberIsMine(page);
	await expect(page).toHaveURL(/\/apply\/unemployment\/payment$/);

	// a bank account must be the citizen's own
	await page.getByLabel('บัญชีธนาคาร').check();
	await page.getByLabel('ธนาคาร', { exact: true }).selectOption({ label: 'ธนาคารกสิกรไทย' });
	await page.getByLabel('เลขที่บัญชี').fill('123-4-56789');
	await page.getByLabel('ชื่อบัญชี').fill('สมหญิง ใจดี');
	await continueButton(page).click();
	await expect(page.locator('.error-summary')).toContainText('เลขที่บัญชีของธนาคารนี้ต้องเป็นตัวเลข 10 หลัก');
	await expect(page.locator('.error-summary')).toContainText('ชื่อบัญชีต้องตรงกับชื่อ-นามสกุลของคุณ');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-une-payment-error');
	await page.getByLabel('เลขที่บัญชี').fill('123-4-56789-0');
	await page.getByLabel('ชื่อบัญชี').fill(`${p.first} ${p.last}`);
	await continueButton(page).click();

	// the computation, checked against the contribution rows: mean of the 3 highest wage bases in the 9 months
	// before the month of unemployment, 60 %, per day ÷ 30
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ตรวจสอบข้อมูลก่อนส่ง');
	const unemployed = addDays(job.end, 1).slice(0, 7);
	const [uy, um] = unemployed.split('-').map(Number) as [number, number];
	const from9 = new Date(Date.UTC(uy, um - 1 - 9, 1)).toISOString().slice(0, 7);
	const bases = query<{ b: number }>(
		'SELECT sum(wage_base_satang) b FROM contributions WHERE person_id = ? AND section = 33 AND period >= ? AND period < ? GROUP BY period',
		p.id,
		from9,
		unemployed
	)
		.map((r) => r.b)
		.sort((a, b) => b - a)
		.slice(0, 3);
	const average = Math.floor((2 * bases.reduce((a, b) => a + b, 0) + 3) / 6);
	const daily = Math.floor((2 * average * 6000 + 300_000) / 600_000);
	const monthly = daily * 30;
	await expect(page.locator('.panel')).toContainText('มีสิทธิ');
	await expect(page.locator('.panel')).toContainText(bahtText(average));
	await expect(page.locator('.panel')).toContainText(bahtText(monthly));
	await expect(page.locator('.panel')).toContainText('60%');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-une-check');
	for (const label of ['ข้าพเจ้าไม่ได้ถูกเลิกจ้างเพราะทุจริต', 'ข้าพเจ้าพร้อมและสามารถทำงานได้', 'ข้าพเจ้าขอรับรองว่าข้อมูลข้างต้นเป็นความจริง'])
		await page.getByLabel(new RegExp(label)).check();

	// two identical submissions at once (a double click without JavaScript, or a retry): one claim
	const key = await page.locator('input[name="key"]').inputValue();
	const asOf = await page.locator('input[name="asOf"]').inputValue();
	const form = { key, asOf, declareConduct: 'yes', declareAble: 'yes', declareTrue: 'yes' };
	const post = () => page.request.post('/apply/unemployment/check', { form, headers: { origin: app.url, accept: 'text/html' }, maxRedirects: 0 });
	const [a, b] = await Promise.all([post(), post()]);
	expect([a.status(), b.status()]).toEqual([303, 303]);
	expect(a.headers()['location']).toBe(b.headers()['location']);
	await page.getByRole('button', { name: 'ยืนยันและส่งคำขอ' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ส่งคำขอเรียบร้อยแล้ว');
	const apps = appsOf(p.id, 'unemployment');
	expect(apps).toHaveLength(1);
	const ref = apps[0]!.ref;
	await expect(page.locator('.ref')).toHaveText(ref);
	await screenshots(page, 'apply-une-confirmation');

	// staff approve (CLI); the citizen is texted
	expect(await cli('app-advance', ref, 'under_review')).toContain('under_review');
	expect(await cli('app-advance', ref, 'approved')).toContain('approved');
	const sms = await (await page.request.get('/dev/sms')).text();
	expect(sms).toContain(`${ref} สถานะ: อนุมัติแล้ว`);
	await expect(cli('app-advance', ref, 'active')).rejects.toThrow();

	// two report-ins, each on its due day, each pays its period once
	const figures = (JSON.parse(apps[0]!.outcome) as { figures: { payFrom: string; dailySatang: number } }).figures;
	// the dashboard says when the first report-in opens (the day after the first 30-day period)
	await page.goto('/dashboard');
	await expect(page.getByTestId('actions').locator('[data-kind="report_next"]').getByRole('heading')).toHaveText(
		`รายงานตัวครั้งต่อไปวันที่ ${thaiDate(addDays(figures.payFrom, 30))}`
	);
	await expect(page.locator('[data-kind="claim_unemployment"]')).toHaveCount(0);
	for (const n of [1, 2]) {
		await clockTo(page, addDays(figures.payFrom, 30 * n));
		await signIn(page, p);
		// the dashboard leads with the report that is open, and its last day before the payment is paused
		const report = page.getByTestId('actions').locator('[data-kind="report_now"]');
		await expect(report.getByRole('heading')).toHaveText(`รายงานตัวงวดที่ ${n} ภายในวันที่ ${thaiDate(addDays(figures.payFrom, 30 * n + 6))}`);
		await expect(report.getByRole('link', { name: 'รายงานตัว', exact: true })).toHaveAttribute('href', `/applications/${ref}/report`);
		await page.goto(`/applications/${ref}`);
		await expect(page.getByText(`ถึงเวลารายงานตัวงวดที่ ${n}`)).toBeVisible();
		if (n === 1) await screenshots(page, 'apply-une-report-due');
		await page.getByRole('link', { name: 'รายงานตัว', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('รายงานตัวประจำเดือน');
		if (n === 1) {
			await page.getByRole('button', { name: 'ส่งรายงานตัว' }).click();
			await expect(page.locator('.error-summary')).toContainText('ตอบว่าคุณยังว่างงานอยู่หรือไม่');
			await expectNoAxeViolations(page);
			await screenshots(page, 'apply-une-report-error');
		}
		await page.locator('#stillUnemployed-yes').check();
		await page.locator('#foundWork-no').check();
		await page.locator('#refusedOffer-no').check();
		await page.getByRole('button', { name: 'ส่งรายงานตัว' }).click();
		await expect(page).toHaveURL(new RegExp(`/applications/${ref}\\?reported=${n}$`));
		await expect(page.getByRole('status').filter({ hasText: `รายงานตัวงวดที่ ${n} แล้ว` })).toBeVisible();
	}
	const paid = query<{ amount: number }>(
		"SELECT amount_satang amount FROM benefit_claims b JOIN applications a ON a.id = b.application_id WHERE a.ref = ? AND b.status = 'paid' ORDER BY period_no",
		ref
	);
	expect(paid.map((r) => r.amount)).toEqual([figures.dailySatang * 30, figures.dailySatang * 30]);
	await expect(page.locator('ul.payments li')).toHaveCount(2);
	await expect(page.locator('ul.payments')).toContainText(bahtText(figures.dailySatang * 30));
	await expect(page.locator('main')).toContainText('จ่ายเงินแล้ว');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-une-payments');
	await page.goto('/applications');
	await expect(page.locator('tbody tr')).toHaveCount(1);
	await screenshots(page, 'applications-list');
	await moveClock(page.request, 0);
});

test('unemployment, force majeure: no invented amount; approved only with the rate the officer sets (s.79/1)', async ({ page }) => {
	// someone whose last section 33 job has ended before last month and who is not insured now (those who left last month
	// are few, and the records tests need one who has not claimed)
	const p = freshPerson(
		`national_id IN (SELECT person_id FROM employments WHERE end_date IS NOT NULL) AND national_id NOT IN (SELECT person_id FROM employments WHERE end_date IS NULL OR end_date >= '${startOfLastMonth()}') AND national_id NOT IN (SELECT person_id FROM coverages WHERE end_date IS NULL) AND national_id NOT IN (SELECT person_id FROM benefit_claims WHERE kind = 'old_age')`
	);
	await signIn(page, p);
	await page.goto('/apply/unemployment');
	await page.getByRole('button', { name: 'เริ่มยื่นคำขอ' }).click();
	await continueButton(page).click();
	await page.getByLabel(/เหตุสุดวิสัย/).check();
	await continueButton(page).click();
	// the payment question is for an account proved by ThaID or at an office
	knownToThaid(p);
	await page.getByRole('link', { name: 'ยืนยันตัวตนด้วย ThaID' }).click();
	await atThaid(page, p);
	await numberIsMine(page);
	await page.getByLabel('พร้อมเพย์ที่ผูกกับเลขบัตรประชาชน').check();
	await continueButton(page).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ตรวจสอบข้อมูลก่อนส่ง');
	// the rate is the announcement's for the event: no percentage or amount is shown
	await expect(page.getByTestId('une-rate-announcement')).toContainText('อัตรากำหนดตามประกาศสำหรับเหตุการณ์นั้น');
	const calc = page.locator('section[aria-labelledby="calc"]');
	for (const invented of ['60%', '50%', 'ต่อวัน', 'รวมทั้งหมด']) await expect(calc).not.toContainText(invented);
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-une-check-force-majeure');
	for (const label of ['ข้าพเจ้าไม่ได้ถูกเลิกจ้างเพราะทุจริต', 'ข้าพเจ้าพร้อมและสามารถทำงานได้', 'ข้าพเจ้าขอรับรองว่าข้อมูลข้างต้นเป็นความจริง'])
		await page.getByLabel(new RegExp(label)).check();
	await page.getByRole('button', { name: 'ยืนยันและส่งคำขอ' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ส่งคำขอเรียบร้อยแล้ว');
	const ref = appsOf(p.id, 'unemployment')[0]!.ref;
	await page.goto(`/applications/${ref}`);
	await expect(page.getByTestId('une-rate-announcement')).toBeVisible();

	// the officer: approval needs the announced rate first
	await expect(cli('app-advance', ref, 'approved')).rejects.toThrow();
	expect(appsOf(p.id, 'unemployment')[0]!.status).toBe('submitted');
	expect(await cli('app-advance', ref, 'approved', '--rate-bp=5000', '--days=90')).toContain('approved');
	const o = JSON.parse(appsOf(p.id, 'unemployment')[0]!.outcome) as { figures: { averageSatang: number; dailySatang: number; rateBp: number } };
	expect(o.figures.rateBp).toBe(5000);
	expect(o.figures.dailySatang).toBe(Math.round((o.figures.averageSatang * 0.5) / 30));
	await page.reload();
	await expect(page.getByTestId('une-rate-announcement')).toHaveCount(0);
	await expect(page.locator('main')).toContainText(bahtText(o.figures.dailySatang * 30));
});

test('hospital change: refused outside the window with the reason; after a move, approved the next day', async ({ page }) => {
	const p = DEMO.s33Active;
	await moveClock(page.request, 0);
	await signIn(page, p);
	await page.goto('/hospital');
	await page.getByRole('link', { name: 'เปลี่ยนสถานพยาบาล' }).click();
	await expect(page.getByRole('alert')).toContainText('เปลี่ยนได้เฉพาะช่วง 16 ธันวาคม – 31 มีนาคม ของทุกปี');
	await expect(page.getByRole('button', { name: 'เริ่มยื่นคำขอ' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-hos-refused');

	await page.getByRole('button', { name: 'ฉันย้ายที่อยู่หรือที่ทำงาน ขอเปลี่ยนสถานพยาบาล' }).click();
	// the move: which one moved, its province and when
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('คุณย้ายที่ทำงานหรือย้ายที่อยู่');
	await continueButton(page).click();
	await expect(page.locator('.error-summary')).toContainText('เลือกว่าย้ายที่ทำงานหรือย้ายที่อยู่');
	await screenshots(page, 'apply-hos-moved-what');
	await page.getByLabel('ย้ายที่ทำงาน', { exact: true }).check();
	await continueButton(page).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ที่ทำงานใหม่อยู่จังหวัดอะไร');
	await page.getByLabel('ที่ทำงานใหม่อยู่จังหวัดอะไร').selectOption({ label: 'กรุงเทพมหานคร' });
	await continueButton(page).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('คุณย้ายเมื่อวันที่เท่าไร');
	const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
	const typeDate = async (iso: string) => {
		const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
		await page.getByLabel('วัน', { exact: true }).fill(String(d));
		await page.getByLabel('เดือน', { exact: true }).fill(String(mo));
		await page.getByLabel('ปี (พ.ศ.)').fill(String(y + 543));
		await continueButton(page).click();
	};
	// not in the future, not more than 90 days ago
	await typeDate(addDays(today, 1));
	await expect(page.locator('.error-summary')).toContainText('วันที่ย้ายต้องไม่เกินวันนี้');
	await typeDate(addDays(today, -91));
	await expect(page.locator('.error-summary')).toContainText('ย้ายมาเกิน 90 วันแล้ว');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-hos-moved-on-error');
	await typeDate(addDays(today, -10));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('เลือกสถานพยาบาลใหม่');
	await page.getByLabel('ค้นหาชื่อหรืออำเภอ').fill('คลองเตย');
	await expect(page.locator('.choices .checkbox:not([hidden])')).toHaveCount(1);
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-hos-choose');
	// a hospital of another province sent by a crafted POST (not in the list) is refused, and nothing is saved
	const other = query<{ code: string }>("SELECT code FROM hospitals WHERE province <> 'กรุงเทพมหานคร' ORDER BY code LIMIT 1")[0]!.code;
	const crafted = await page.request.post('/apply/hospital/choose', {
		form: { hospitalCode: other },
		// a plain form post, as a browser without JavaScript sends it
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(crafted.status()).toBe(400);
	expect(await crafted.text()).toContain('เลือกสถานพยาบาลจากรายการ');
	await page.goto('/apply/hospital/check');
	await expect(page).toHaveURL(/\/apply\/hospital\/choose$/);
	await page.getByLabel(/โรงพยาบาลกล้วยน้ำไท/).check();
	await continueButton(page).click();
	await expect(page.locator('main')).toContainText('โรงพยาบาลกล้วยน้ำไท');
	await expect(page.locator('main')).toContainText(formatDateLong(addDays(today, -10), 'th'));
	// when the automatic decision comes and from when the new hospital applies
	const when = hospitalChangeDates(today);
	await expect(page.getByTestId('hos-when')).toContainText(formatDateLong(when.decidedOn, 'th'));
	await expect(page.getByTestId('hos-when')).toContainText(formatDateLong(when.appliesFrom, 'th'));
	await screenshots(page, 'apply-hos-check');
	await page.getByLabel(/ข้าพเจ้าขอรับรอง/).check();
	await page.getByRole('button', { name: 'ยืนยันและส่งคำขอ' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ส่งคำขอเรียบร้อยแล้ว');
	const ref = (await page.locator('.ref').innerText()).trim();
	expect(ref).toMatch(/^HOS-2569-\d{6}$/);
	await page.goto('/hospital');
	await expect(page.locator('main')).toContainText('รออนุมัติ');

	await page.goto(`/applications/${ref}`);
	await expect(page.getByTestId('hos-when')).toContainText(formatDateLong(when.appliesFrom, 'th'));

	// the next day the scheduled job approves it; the new hospital applies from the next working day, as shown
	await clockTo(page, addDays(today, 1));
	expect(appsOf(p.id, 'hospital')[0]!.status).toBe('approved');
	const from = query<{ from: string }>(
		"SELECT valid_from [from] FROM hospital_assignments a JOIN hospitals h ON h.code = a.hospital_code WHERE a.person_id = ? AND h.name_th = 'โรงพยาบาลกล้วยน้ำไท'",
		p.id
	)[0]!.from;
	expect(from).toBe(when.appliesFrom);
	await clockTo(page, from);
	await signIn(page, p);
	await page.goto('/hospital');
	await expect(page.locator('main')).toContainText('โรงพยาบาลกล้วยน้ำไท');
	await screenshots(page, 'apply-hos-approved');
	await page.goto(`/applications/${ref}`);
	await expect(page.locator('main')).toContainText('อนุมัติแล้ว');
	await moveClock(page.request, 0);
});

test('without JavaScript: a hospital change from start to confirmation, with the server-side search', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const p = DEMO.s39;
	await signIn(page, p);
	await page.goto('/apply/hospital');
	await page.getByRole('button', { name: 'ฉันย้ายที่อยู่หรือที่ทำงาน ขอเปลี่ยนสถานพยาบาล' }).click();
	await page.getByLabel('ย้ายที่อยู่', { exact: true }).check();
	await continueButton(page).click();
	await page.getByLabel('ที่อยู่ใหม่อยู่จังหวัดอะไร').selectOption({ label: 'กรุงเทพมหานคร' });
	await continueButton(page).click();
	const [y, mo, d] = new Date(Date.now() + 7 * 3_600_000 - 5 * 86_400_000).toISOString().slice(0, 10).split('-').map(Number) as [number, number, number];
	await page.getByLabel('วัน', { exact: true }).fill(String(d));
	await page.getByLabel('เดือน', { exact: true }).fill(String(mo));
	await page.getByLabel('ปี (พ.ศ.)').fill(String(y + 543));
	await continueButton(page).click();
	await continueButton(page).click();
	await expect(page.locator('.error-summary')).toContainText('เลือกสถานพยาบาลจากรายการ');
	// a Bangkok hospital that is not hers, found by its district
	const pick = query<{ name: string; district: string }>(
		"SELECT name_th name, district_th district FROM hospitals WHERE province = 'กรุงเทพมหานคร' AND code NOT IN (SELECT hospital_code FROM hospital_assignments WHERE person_id = ? AND valid_to IS NULL) ORDER BY code DESC LIMIT 1",
		p.id
	)[0]!;
	await page.getByLabel('ค้นหาชื่อหรืออำเภอ').fill(pick.district);
	await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
	await expect(page).toHaveURL(/q=/);
	await expect(page.locator('.choices .checkbox:not([hidden])')).toHaveCount(1);
	await page.getByLabel(pick.name).check();
	await continueButton(page).click();
	await page.getByLabel(/ข้าพเจ้าขอรับรอง/).check();
	await page.getByRole('button', { name: 'ยืนยันและส่งคำขอ' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ส่งคำขอเรียบร้อยแล้ว');
	await context.close();
});

test('in English: the section 40 start page and a question', async ({ page }) => {
	await signIn(page, DEMO.dismissed);
	await page.goto('/apply');
	await chooseLanguage(page, 'en');
	await page.goto('/apply/section40');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join section 40');
	await expect(page.getByText(/From the registry you are \d+ and can join/)).toBeVisible();
	await page.getByRole('button', { name: 'Start now' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Are you a government pensioner?');
	await expectNoAxeViolations(page);
	await screenshots(page, 'apply-s40-en');
	await chooseLanguage(page, 'th');
});
