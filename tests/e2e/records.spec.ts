/**
 * My records: every figure on the pages is checked against a computation made here from the database rows
 * (plain SQL and arithmetic, not the app's rules code).
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import {
	DEMO,
	bahtText,
	bangkokToday,
	expectNoAxeViolations,
	freshPerson,
	hydrated,
	isoAddDays,
	isoAddMonths,
	query,
	screenshots,
	thaiDate,
	workingDayOnOrAfter,
	startOfLastMonth,
	type Person
} from './helpers';
import { signIn } from './accounts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Thai short month names, written here (not the app's formatter). */
const thai = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

/** Every holiday date of the repository's yearly holiday files (the data, read here; not the app's rules code). */
const HOLIDAYS = new Set(
	fs
		.readdirSync('src/lib/rules/holidays')
		.filter((f) => /^\d{4}\.json$/.test(f))
		.flatMap((f) => (JSON.parse(fs.readFileSync(`src/lib/rules/holidays/${f}`, 'utf8')) as { holidays: { date: string }[] }).holidays.map((h) => h.date))
);

/**
 * The index (year × 12 + month − 1) of the last month whose contribution is due by `today`: a month is due on the
 * 15th of the next, moved past weekends and holidays.
 */
function lastDueIdx(today: string): number {
	const idx = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
	const d = new Date(`${today.slice(0, 7)}-15T00:00:00Z`);
	while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || HOLIDAYS.has(d.toISOString().slice(0, 10))) d.setUTCDate(d.getUTCDate() + 1);
	return today >= d.toISOString().slice(0, 10) ? idx - 1 : idx - 2;
}

function contributionFacts(id: string) {
	const rows = query<{ period: string; section: number; insured: number; employer: number; gov: number; base: number }>(
		'SELECT period, section, insured_satang insured, employer_satang employer, government_satang gov, wage_base_satang base FROM contributions WHERE person_id = ? ORDER BY period',
		id
	);
	const opt = query<{ o: number | null }>('SELECT s40_option o FROM coverages WHERE person_id = ? AND section = 40', id)[0]?.o ?? null;
	// old-age savings by hand: s33 3/5 of each side; s39 288/432 of the payment (half up); s40 option 2 → 50 baht, 3 → 150
	let savings = 0;
	for (const r of rows) {
		if (r.section === 33) savings += (r.insured * 3) / 5 + (r.employer * 3) / 5;
		if (r.section === 39) savings += Math.round((r.insured * 288) / 432);
		if (r.section === 40) savings += opt === 3 ? 15_000 : opt === 2 ? 5_000 : 0;
	}
	return { rows, insured: sum(rows.map((r) => r.insured)), months: new Set(rows.map((r) => r.period)).size, savings };
}

/**
 * The old-age projection by hand (sso-rules.md): the months paid so far (sections 33 and 39), then one month for each
 * month not yet due (a month is due by the 15th of the next, or the next working day) up to the month before the 55th birthday; the pension is
 * 20 % + 1.5 % per full 12 months beyond 180 of the mean of the last 60 wage bases.
 */
function projectionFacts(id: string, futureBase: number) {
	const rows = query<{ period: string; base: number }>(
		'SELECT period, SUM(wage_base_satang) base FROM contributions WHERE person_id = ? AND section IN (33, 39) GROUP BY period ORDER BY period',
		id
	);
	const birth = query<{ b: string }>('SELECT birth_date b FROM persons WHERE national_id = ?', id)[0]!.b;
	const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
	const idx = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
	const due = lastDueIdx(today);
	const first = Math.max(due, idx(rows.at(-1)!.period)) + 1;
	const last = (Number(birth.slice(0, 4)) + 55) * 12 + Number(birth.slice(5, 7)) - 1 - 1;
	const future = Math.max(0, last - first + 1);
	const months = rows.length + future;
	const bases = [...rows.map((r) => r.base), ...Array<number>(future).fill(futureBase)].slice(-60);
	const avg = Math.round(sum(bases) / bases.length);
	const rateBp = months >= 180 ? 2000 + 150 * Math.floor((months - 180) / 12) : null;
	return { soFar: rows.length, months, pension: rateBp === null ? null : Math.round((avg * rateBp) / 10_000) };
}

/** Every records page opens for this kind of member (accessibility is checked once per page in accessibility). */
async function visitAll(page: Page, name: string) {
	for (const path of ['/dashboard', '/status', '/hospital', '/contributions', '/benefits', '/savings', '/entitlements']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await screenshots(page, `records-${name}${path.replace('/', '-')}`);
	}
}

test.describe('my records', () => {
	test('dashboard: the five items of the seed summary match the database', { tag: '@postgres' }, async ({ page }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		const f = contributionFacts(p.id);
		const claims = query<{ total: number; n: number }>(
			'SELECT coalesce(sum(amount_satang),0) total, count(*) n FROM benefit_claims WHERE person_id = ?',
			p.id
		)[0]!;
		const hospital = query<{ name: string }>(
			'SELECT h.name_th name FROM hospital_assignments a JOIN hospitals h ON h.code = a.hospital_code WHERE a.person_id = ?',
			p.id
		)[0]!;
		await page.goto('/dashboard');
		const cards = page.locator('.card');
		await expect(cards.nth(0)).toContainText('เป็นผู้ประกันตน มาตรา 33');
		await expect(cards.nth(0)).toContainText('ตั้งแต่ 1 เม.ย. 2559');
		await expect(cards.nth(1)).toContainText(hospital.name);
		await expect(cards.nth(2)).toContainText(bahtText(f.insured));
		await expect(cards.nth(2)).toContainText(`ส่งแล้ว ${f.months} เดือน`);
		// the figure is the citizen's own share, not the employer's or the government's
		await expect(cards.nth(2)).toContainText('เงินสมทบส่วนของคุณ');
		await expect(cards.nth(3)).toContainText(bahtText(claims.total));
		await expect(cards.nth(3)).toContainText(`เบิกแล้ว ${claims.n} ครั้ง`);
		await expect(cards.nth(4)).toContainText(bahtText(f.savings));
		await visitAll(page, 's33');
	});

	/**
	 * The month a section 39/40 member pays now, by hand: last month until its due date (the 15th, moved past weekends
	 * and holidays), then this month; never before
	 * the coverage began; a month already paid moves on to the next.
	 */
	function monthToPayFacts(id: string, today: string) {
		const start = query<{ s: string }>('SELECT start_date s FROM coverages WHERE person_id = ? AND end_date IS NULL', id)[0]!.s.slice(0, 7);
		const paid = new Set(query<{ p: string }>('SELECT period p FROM contributions WHERE person_id = ?', id).map((r) => r.p));
		let period = isoAddMonths(today.slice(0, 7), today <= workingDayOnOrAfter(`${today.slice(0, 7)}-15`) ? -1 : 0);
		if (period < start) period = start;
		while (paid.has(period)) period = isoAddMonths(period, 1);
		return { period, due: workingDayOnOrAfter(`${isoAddMonths(period, 1)}-15`) };
	}

	test('dashboard leads with what to do now: the unemployment claim before its 30-day line, with the days left', async ({ page }) => {
		// out of work since the end of last month, for a reason the benefit is paid for, and no claim made: a person of this
		// test's own (the demo's dismissed person makes her claim in the applications tests, which may run first)
		const p = freshPerson(
			`national_id IN (SELECT person_id FROM employments WHERE end_date >= '${startOfLastMonth()}' AND end_reason IN ('dismissed', 'resigned', 'contract_ended', 'business_closed', 'force_majeure')) AND national_id NOT IN (SELECT person_id FROM employments WHERE end_date IS NULL) AND national_id NOT IN (SELECT person_id FROM coverages WHERE end_date IS NULL) AND national_id NOT IN (SELECT person_id FROM applications)`
		);
		await signIn(page, p);
		const end = query<{ e: string }>('SELECT end_date e FROM employments WHERE person_id = ? ORDER BY start_date DESC LIMIT 1', p.id)[0]!.e;
		const today = bangkokToday();
		const by = workingDayOnOrAfter(isoAddDays(end, 30));
		const daysLeft = Math.round((Date.parse(by) - Date.parse(today)) / 86_400_000);
		expect(daysLeft).toBeGreaterThan(0);
		await page.goto('/dashboard');
		// the first thing after the greeting, before the record cards
		const todo = page.getByTestId('actions');
		await expect(todo.getByRole('heading', { level: 2 })).toHaveText('สิ่งที่ต้องทำตอนนี้');
		expect(
			await page.evaluate(
				() =>
					!!(document.querySelector('[data-testid="actions"]')!.compareDocumentPosition(document.querySelector('.cards')!) & Node.DOCUMENT_POSITION_FOLLOWING)
			)
		).toBe(true);
		const item = todo.locator('[data-kind="claim_unemployment"]');
		await expect(item.getByRole('heading', { level: 3 })).toHaveText(`ขอรับเงินกรณีว่างงานภายในวันที่ ${thaiDate(by)}`);
		await expect(item).toContainText(`เหลืออีก ${daysLeft} วัน`);
		await expect(item).toContainText(thaiDate(end, false));
		await item.getByRole('link', { name: 'ยื่นขอรับเงินกรณีว่างงาน' }).click();
		await expect(page).toHaveURL(/\/apply\/unemployment$/);
		await page.goto('/dashboard');
		await expectNoAxeViolations(page);
		await screenshots(page, 'dashboard-todo-dismissed');
	});

	test('dashboard: section 39 and 40 members are told what to pay this month and by when', async ({ page }) => {
		const today = bangkokToday();
		for (const [p, amount] of [
			[DEMO.s39, 43_200],
			[DEMO.s40, 10_000]
		] as const) {
			await page.context().clearCookies();
			await signIn(page, p);
			const f = monthToPayFacts(p.id, today);
			await page.goto('/dashboard');
			const item = page.getByTestId('actions').locator('[data-kind="pay"]');
			await expect(item.getByRole('heading', { level: 3 })).toHaveText(`ชำระเงินสมทบเดือน${thaiDate(f.period)} ${bahtText(amount)} ภายในวันที่ ${thaiDate(f.due)}`);
			await expect(item).toContainText(p === DEMO.s39 ? 'มาตรา 39: ชำระที่เคาน์เตอร์เซอร์วิส' : 'มาตรา 40: ชำระที่เคาน์เตอร์เซอร์วิส');
			await expectNoAxeViolations(page);
			await screenshots(page, `dashboard-todo-s${p === DEMO.s39 ? 39 : 40}`);
		}
	});

	test('dashboard: a section 33 member hears of the hospital-change window from a month before 16 December', async ({ page }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		const today = bangkokToday();
		const y = Number(today.slice(0, 4));
		const md = today.slice(5);
		await page.goto('/dashboard');
		const item = page.locator('[data-kind="hospital_window"]');
		if (md <= '03-31') await expect(item.getByRole('heading')).toHaveText(`เปลี่ยนสถานพยาบาลได้ถึงวันที่ ${thaiDate(`${y}-03-31`)}`);
		else if (md >= '12-16') await expect(item.getByRole('heading')).toHaveText(`เปลี่ยนสถานพยาบาลได้ถึงวันที่ ${thaiDate(`${y + 1}-03-31`)}`);
		else if (today >= isoAddDays(`${y}-12-16`, -31)) {
			await expect(item.getByRole('heading')).toHaveText(`เปลี่ยนสถานพยาบาลได้ตั้งแต่วันที่ ${thaiDate(`${y}-12-16`)}`);
			await expect(item).toContainText(`ช่วงวันที่ 16 ธ.ค. ${y + 543} ถึง 31 มี.ค. ${y + 544}`);
		} else await expect(item).toHaveCount(0);
		await screenshots(page, 'dashboard-todo-s33');
	});

	test('contributions: yearly totals, missing months, CSV sums and the printable statement agree with the database', async ({ page }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		const year = query<{ y: string }>('SELECT max(substr(period,1,4)) y FROM contributions WHERE person_id = ?', p.id)[0]!.y;
		const yearRows = contributionFacts(p.id).rows.filter((r) => r.period.startsWith(year));
		const mine = sum(yearRows.map((r) => r.insured));
		await page.goto(`/contributions?year=${Number(year) + 543}`);
		await expect(page.getByTestId('total-mine')).toHaveText(bahtText(mine));
		await expect(page.locator('tbody tr[data-period]')).toHaveCount(yearRows.length);
		// 2026 months are priced at the new ceiling: 875 baht
		await expect(page.locator(`tr[data-period="${year}-01"]`)).toContainText('875.00 บาท');
		await expect(page.getByRole('img', { name: /เงินสมทบส่วนของฉัน 24 เดือนล่าสุด/ })).toBeVisible();
		// insured since before the registry's first month: the page says from when it holds the months, and where to ask
		{
			const since = query<{ d: string }>('SELECT min(start_date) d FROM coverages WHERE person_id = ?', p.id)[0]!.d;
			const first = query<{ p: string }>('SELECT min(period) p FROM contributions WHERE person_id = ?', p.id)[0]!.p;
			expect(since.slice(0, 7) < first).toBe(true);
			const note = page.getByTestId('contrib-history');
			await expect(note).toContainText(
				`คุณเป็นผู้ประกันตนตั้งแต่ ${Number(since.slice(8, 10))} ${thai[Number(since.slice(5, 7)) - 1]} ${Number(since.slice(0, 4)) + 543}`
			);
			await expect(note).toContainText(`ตั้งแต่ ${thai[Number(first.slice(5, 7)) - 1]} ${Number(first.slice(0, 4)) + 543} เท่านั้น`);
			await expect(note.getByRole('link', { name: '1506' })).toHaveAttribute('href', 'tel:1506');
		}

		const csv = await (await page.request.get(`/contributions/csv?year=${Number(year) + 543}`)).text();
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n')
			.slice(1);
		expect(lines).toHaveLength(yearRows.length);
		const csvMine = sum(lines.map((l) => Math.round(Number(l.split(',').at(-4)) * 100)));
		expect(csvMine).toBe(mine);

		// one name for the statement: its link, its title and its heading (it is not an official certificate)
		const statementName = `รายการส่งเงินสมทบประกันสังคม ปี พ.ศ. ${Number(year) + 543}`;
		await page.getByRole('link', { name: `${statementName} (พิมพ์ได้)` }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(statementName);
		await expect(page).toHaveTitle(new RegExp(`^${statementName} – `));
		await expect(page.getByText(/หนังสือรับรองการส่ง/)).toHaveCount(0);
		await expect(page.getByTestId('tax-total')).toHaveText(bahtText(mine));
		// fits a phone: stacked rows, no sideways scrolling
		await page.setViewportSize({ width: 360, height: 740 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('.site-header')).toBeHidden();
		await screenshots(page, 'records-statement-print');
		await page.emulateMedia({ media: 'screen' });
		await expectNoAxeViolations(page);

		// a year with a temporary cut (2021-06 … 2021-11 at 2.5 %): 375 baht at the ceiling
		await page.goto('/contributions?year=2564');
		await expect(page.locator('tr[data-period="2021-07"]')).toContainText('375.00 บาท');
	});

	test('section 39: paid and unpaid months of the last 12 with the lapse warning', async ({ page }) => {
		const p = DEMO.s39;
		await signIn(page, p);
		await page.goto('/status');
		await expect(page.getByRole('alert')).toContainText('คุณยังไม่ได้ส่งเงินสมทบ 1 เดือนล่าสุด');
		await expect(page.locator('.months li.unpaid')).toHaveCount(1);
		await expect(page.locator('.months li')).toHaveCount(12);
		const f = contributionFacts(p.id);
		await page.goto('/savings');
		await expect(page.getByTestId('savings-total')).toHaveText(bahtText(f.savings));
		// if she keeps paying 432 a month to 55, on the deemed wage of 4,800; and what stopping now leaves
		const j = projectionFacts(p.id, 480_000);
		expect(j.pension).not.toBeNull();
		await expect(page.getByTestId('projection')).toHaveText(`บำนาญชราภาพประมาณ ${bahtText(j.pension!)} ต่อเดือน`);
		await expect(page.getByText(`จะส่งเงินสมทบครบ ${j.months} เดือนเมื่อ 12 ก.ค. 2576`)).toBeVisible();
		await expect(page.getByTestId('projection-stop')).toHaveText(`ถ้าหยุดส่งตั้งแต่ตอนนี้ (ส่งแล้ว ${j.soFar} เดือน): บำเหน็จประมาณ ${bahtText(f.savings)} (จ่ายครั้งเดียว)`);
		await expect(page.getByText('ใช้กับผู้ประกันตนที่ยังทำงานตามมาตรา 33')).toHaveCount(0);
		await visitAll(page, 's39');
	});

	test('section 40: option and paid months; medical care through the gold card', async ({ page }) => {
		const p = DEMO.s40;
		await signIn(page, p);
		await page.goto('/status');
		await expect(page.locator('.panel')).toContainText('มาตรา 40');
		await expect(page.locator('.panel')).toContainText('ทางเลือกที่ 2');
		await page.goto('/hospital');
		await expect(page.locator('main')).toContainText('บัตรทอง');
		const f = contributionFacts(p.id);
		await page.goto('/savings');
		await expect(page.getByTestId('savings-total')).toHaveText(bahtText(f.savings));
		// the months behind those savings: every month paid, section 40 included
		await expect(page.getByTestId('savings-months')).toHaveText(`ส่งเงินสมทบแล้ว ${f.months} เดือน`);
		// section 40 old age by hand: option 2 saves 50 baht a month; if they keep paying, each month not yet due (due by
		// the 15th of the next, or the next working day) up to the month before the 60th birthday adds 50 baht; the lump sum is paid at 60
		{
			const birth = query<{ b: string }>('SELECT birth_date b FROM persons WHERE national_id = ?', p.id)[0]!.b;
			const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
			const idx = (q: string) => Number(q.slice(0, 4)) * 12 + Number(q.slice(5, 7)) - 1;
			const lastPaid = query<{ p: string }>('SELECT max(period) p FROM contributions WHERE person_id = ? AND section = 40', p.id)[0]!.p;
			const first = Math.max(lastDueIdx(today), idx(lastPaid)) + 1;
			const future = idx(`${Number(birth.slice(0, 4)) + 60}${birth.slice(4, 7)}`) - first;
			const at60 = `${Number(birth.slice(8, 10))} ${thai[Number(birth.slice(5, 7)) - 1]} ${Number(birth.slice(0, 4)) + 60 + 543}`;
			await expect(page.getByTestId('s40-projection')).toHaveText(
				`ถ้าส่งต่อทุกเดือนจนอายุ 60 ปี: บำเหน็จชราภาพประมาณ ${bahtText(f.savings + future * 5_000)} (จ่ายครั้งเดียวเมื่ออายุครบ 60 ปี ${at60})`
			);
			await expect(page.getByTestId('s40-oldage')).toContainText(`เดือนละ ${bahtText(5_000)} อีก ${future} เดือน`);
			await expect(page.getByTestId('s40-stop')).toContainText(`ได้เงินออมที่มีอยู่ ${bahtText(f.savings)} เมื่ออายุครบ 60 ปี`);
		}
		// the demo member missed February and March 2024: both are marked on the contributions page
		await page.goto('/contributions?year=2567');
		await expect(page.locator('tr.missing')).toHaveCount(2);
		await expect(page.locator('tr.missing').first()).toContainText('มี.ค. 2567');

		// option 2's own benefits (Royal Decree on s.40, 5th ed. B.E. 2568): sickness 3 paid of the 4 months before
		// this month, disability and death 6 of 12; funeral 25,000; old age the saved 50 baht a month
		const bkk = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
		const back = (n: number) => {
			const [y, m] = bkk.split('-').map(Number) as [number, number];
			const k = y * 12 + (m - 1) - n;
			return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
		};
		const paidIn = (n: number) =>
			query<{ n: number }>(
				'SELECT count(DISTINCT period) n FROM contributions WHERE person_id = ? AND section = 40 AND period >= ? AND period < ?',
				p.id,
				back(n),
				bkk
			)[0]!.n;
		const sick = paidIn(4) >= 3;
		const death = paidIn(12) >= 6;
		await page.goto('/entitlements');
		await expect(page.getByTestId('s40-option')).toContainText('ทางเลือกที่ 2');
		await expect(page.locator('[data-case]')).toHaveCount(4);
		for (const k of ['maternity', 'child', 'unemployment']) await expect(page.locator(`[data-case="${k}"]`)).toHaveCount(0);
		const verdict = (yes: boolean) => (yes ? '✓ มีสิทธิ' : 'ยังไม่มีสิทธิ');
		await expect(page.locator('[data-case="sickness"]').getByTestId('verdict')).toHaveText(verdict(sick));
		await expect(page.locator('[data-case="sickness"]').getByTestId('amount')).toHaveText(`${bahtText(30_000)} ต่อวัน`);
		await expect(page.locator('[data-case="disability"]').getByTestId('verdict')).toHaveText(verdict(death));
		await expect(page.locator('[data-case="disability"]').getByTestId('amount')).toHaveText(`${bahtText(100_000)}–${bahtText(200_000)} ต่อเดือน`);
		await expect(page.locator('[data-case="death"]').getByTestId('verdict')).toHaveText(verdict(death));
		await expect(page.locator('[data-case="death"]').getByTestId('amount')).toHaveText(bahtText(2_500_000));
		await expect(page.locator('[data-case="old_age"]').getByTestId('amount')).toHaveText(bahtText(f.savings));
		await expect(page.locator('main')).not.toContainText('15,000');
		await page.goto('/dashboard');
		await expect(page.locator('main')).toContainText(`มีสิทธิ ${Number(sick) + 2 * Number(death)} จาก 4 กรณี`);
		await visitAll(page, 's40');
	});

	test('dismissed last month: unemployment estimate from the 3 highest wage bases of the 9 months before', async ({ page }) => {
		const p: Person = DEMO.dismissed;
		await signIn(page, p);
		const end = query<{ d: string }>('SELECT end_date d FROM coverages WHERE person_id = ?', p.id)[0]!.d;
		const month = end.slice(0, 7);
		const [y, mo] = month.split('-').map(Number) as [number, number];
		const nextMonth = `${mo === 12 ? y + 1 : y}-${String(mo === 12 ? 1 : mo + 1).padStart(2, '0')}`;
		const from = `${mo >= 9 ? y : y - 1}-${String(((mo + 12 - 8 - 1) % 12) + 1).padStart(2, '0')}`; // 9 months before the month of unemployment
		const top = query<{ b: number }>(
			'SELECT wage_base_satang b FROM contributions WHERE person_id = ? AND period >= ? AND period < ? ORDER BY b DESC LIMIT 3',
			p.id,
			from,
			nextMonth
		).map((r) => r.b);
		const avg = Math.round(sum(top) / top.length);
		// dismissed after 2025-06-28: 60 % of the daily wage (average ÷ 30), paid per 30-day month
		const monthly = Math.round((avg * 60) / 100 / 30) * 30;
		await page.goto('/entitlements');
		const card = page.locator('[data-case="unemployment"]');
		await expect(card.getByTestId('verdict')).toHaveText('✓ มีสิทธิ');
		await expect(card.getByTestId('amount')).toHaveText(`${bahtText(monthly)} ต่อเดือน`);
		await expect(page.locator('[data-case="child"]').getByTestId('verdict')).toHaveText('ยังไม่มีสิทธิ');
		await page.goto('/hospital');
		await expect(page.locator('main')).toContainText('ยังใช้สิทธิได้ถึง');
		await visitAll(page, 'dismissed');
	});

	test('never insured: no figures to show, nothing broken', async ({ page }) => {
		await signIn(page, DEMO.neverInsured);
		await page.goto('/dashboard');
		await expect(page.locator('.card').nth(0)).toContainText('ยังไม่เคยเป็นผู้ประกันตน');
		await expect(page.locator('.card').nth(2)).toContainText('0.00 บาท');
		await visitAll(page, 'never');
	});

	test("another person's records are never reachable through the URL or a form", async ({ page }) => {
		await signIn(page, DEMO.neverInsured);
		const other = DEMO.s33Active.id;
		for (const path of [
			`/contributions?nationalId=${other}`,
			`/contributions/csv?nationalId=${other}&person=${other}`,
			`/savings?id=${other}`,
			`/status/${other}`
		]) {
			const res = await page.request.get(path);
			const body = await res.text();
			expect(body).not.toContain('875.00');
			expect(body).not.toContain('สมชาย');
		}
		const csv = await (await page.request.get(`/contributions/csv?nationalId=${other}`)).text();
		expect(
			csv
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n')
		).toHaveLength(1); // the header only: Anan has none
		// signed out, the records and the CSV are closed
		await page.context().clearCookies();
		expect((await page.request.get('/contributions/csv', { maxRedirects: 0 })).status()).toBe(401);
		await page.goto('/contributions');
		await expect(page).toHaveURL(/\/login/);
	});

	test('the old-age calculator keeps a wrong entry next to its message and moves focus to the result or the error, with or without JavaScript', async ({
		page,
		browser
	}) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/savings');
		// with JavaScript first: the page's own handler, not the browser's plain GET form (tried without JavaScript below)
		await hydrated(page);
		const wage = page.getByLabel('ค่าจ้างต่อเดือนจากนี้ไป (บาท)');
		await wage.fill('abc');
		await page.getByRole('button', { name: 'คำนวณ', exact: true }).click();
		// kept as typed, its message beside it, focus on it; no figure made up from a default
		await expect(wage).toHaveValue('abc');
		await expect(page.locator('.field.has-error')).toContainText('โปรดป้อนค่าจ้างเป็นตัวเลข 0 ถึง 1,000,000 บาท');
		await expect(wage).toBeFocused();
		await expect(page.getByTestId('projection')).toHaveCount(0);
		await expect(page.getByTestId('calc-fix')).toBeVisible();
		await wage.fill('9,000');
		await page.getByLabel('อายุที่เลิกทำงาน (ปี)').fill('60');
		await page.getByRole('button', { name: 'คำนวณ', exact: true }).click();
		await expect(page.locator('#calc-result')).toBeFocused();
		await expect(page.getByTestId('projection')).toBeInViewport();
		await expect(page).toHaveURL(/\/savings\?wage=9%2C000&age=60$/);
		await expectNoAxeViolations(page);
		await screenshots(page, 'records-calculator-result');

		const ctx = await browser.newContext({
			javaScriptEnabled: false,
			storageState: await page.context().storageState(),
			viewport: { width: 360, height: 740 }
		});
		const nojs = await ctx.newPage();
		await nojs.goto('/savings?wage=abc&age=40');
		await expect(nojs.getByLabel('ค่าจ้างต่อเดือนจากนี้ไป (บาท)')).toHaveValue('abc');
		await expect(nojs.getByLabel('อายุที่เลิกทำงาน (ปี)')).toHaveValue('40');
		await expect(nojs.getByText('โปรดป้อนค่าจ้างเป็นตัวเลข 0 ถึง 1,000,000 บาท')).toBeVisible();
		await expect(nojs.getByText('โปรดป้อนอายุ 55 ถึง 70 ปี')).toBeVisible();
		await expect(nojs.getByTestId('projection')).toHaveCount(0);
		// the form comes back to the result, or to the first error, not to the top of the page
		await nojs.getByLabel('ค่าจ้างต่อเดือนจากนี้ไป (บาท)').fill('9000');
		await nojs.getByLabel('อายุที่เลิกทำงาน (ปี)').fill('60');
		await nojs.getByRole('button', { name: 'คำนวณ', exact: true }).click();
		await expect(nojs).toHaveURL(/\/savings\?wage=9000&age=60#calc-result$/);
		await expect(nojs.getByRole('heading', { name: 'ประมาณการเมื่ออายุ 60 ปี' })).toBeVisible();
		await expect(nojs.getByTestId('projection')).toBeInViewport();
		await ctx.close();
	});

	test('the old-age calculator changes the projection as the citizen types, and works without JavaScript', async ({ page, browser }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		await page.goto('/savings');
		await hydrated(page);
		// every month not yet due counts, last month too before its due date (the 15th, or the next working day)
		const j = projectionFacts(p.id, 0);
		await expect(page.getByText(`จะส่งเงินสมทบครบ ${j.months} เดือนเมื่อ 27 มี.ค. 2583`)).toBeVisible();
		const before = await page.getByTestId('projection').textContent();
		await page.getByLabel('ค่าจ้างต่อเดือนจากนี้ไป (บาท)').fill('9000');
		await expect(page.getByTestId('projection')).not.toHaveText(before!);
		await page.getByLabel('อายุที่เลิกทำงาน (ปี)').fill('60');
		await expect(page.getByRole('heading', { name: 'ประมาณการเมื่ออายุ 60 ปี' })).toBeVisible();
		await page.getByLabel('อายุที่เลิกทำงาน (ปี)').fill('40');
		await expect(page.getByText('โปรดป้อนอายุ 55 ถึง 70 ปี')).toBeVisible();
		await screenshots(page, 'records-calculator');

		const ctx = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
		const nojs = await ctx.newPage();
		await nojs.goto('/savings?wage=9000&age=60');
		await expect(nojs.getByRole('heading', { name: 'ประมาณการเมื่ออายุ 60 ปี' })).toBeVisible();
		await ctx.close();
	});
});
