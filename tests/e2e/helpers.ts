import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';
import fs from 'node:fs';
import { PASSWORD, latestCode, nextPhone, type Person } from '../support/people';

export {
	DEMO,
	NEW_PASSWORD,
	PASSWORD,
	freshPerson,
	latestCode,
	moveClock,
	nextPhone,
	query,
	startOfLastMonth,
	utcToday,
	yearsAgo,
	type Person
} from '../support/people';

/** The language chooser in the header: opened, then the language picked by its name in its own script. */
export async function chooseLanguage(page: Page, locale: 'th' | 'en' | 'my' | 'km' | 'lo'): Promise<void> {
	const names = { th: 'ไทย', en: 'English', my: 'မြန်မာ', km: 'ខ្មែរ', lo: 'ລາວ' };
	const chooser = page.locator('header details.lang');
	if ((await chooser.getAttribute('open')) === null) await chooser.locator('summary').click();
	await chooser.getByRole('button', { name: names[locale], exact: true }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The WCAG 2.2 AA rules of axe-core, run in the page itself, each violation as one line (rule, help, where). axe is
 * put into a document once (a page load clears it; a client-side navigation keeps it), and only the violations come
 * back: @axe-core/playwright injected axe into every frame on every check and sent back every passing node too, which
 * made a check cost about 1.6 times as much for the same violations (none of these pages has a frame).
 */
export async function axeViolations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
	return page.evaluate(async (tags) => {
		const { axe } = window as unknown as { axe: typeof import('axe-core') };
		const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	}, WCAG_AA);
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
	expect(await axeViolations(page)).toEqual([]);
}

/** A full-page screenshot at the phone width (360 px) and at desktop width, for people to look at. */
export async function screenshots(page: Page, name: string): Promise<void> {
	// CI has nobody to look at them (.ci/run sets E2E_SCREENSHOTS=0); every assertion around them still runs
	if (process.env.E2E_SCREENSHOTS === '0') return;
	fs.mkdirSync('tests/screenshots', { recursive: true });
	const original = page.viewportSize();
	await page.setViewportSize({ width: 360, height: 740 });
	await page.screenshot({ path: `tests/screenshots/${name}-360.png`, fullPage: true });
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.screenshot({ path: `tests/screenshots/${name}-1280.png`, fullPage: true });
	if (original) await page.setViewportSize(original);
}

export async function fillDetails(page: Page, p: Person, phone: string, password = PASSWORD, confirm = password): Promise<void> {
	await page.getByLabel(/เลขบัตรประชาชน|National ID number/).fill(p.id);
	await page.getByLabel(/^ชื่อ|^First name/).fill(p.first);
	await page.getByLabel(/^นามสกุล|^Last name/).fill(p.last);
	await page.getByLabel(/^วัน$|^Day$/).fill(p.day);
	await page.getByLabel(/^เดือน$|^Month$/).fill(p.month);
	await page.getByLabel(/^ปี|^Year/).fill(p.year);
	await page.getByLabel(/หมายเลขโทรศัพท์มือถือ|Mobile phone number/).fill(phone);
	await page.getByLabel(/^ตั้งรหัสผ่าน|^Create a password/).fill(password);
	await page.getByLabel(/^ยืนยันรหัสผ่าน|^Confirm password/).fill(confirm);
}

/** Accept the terms and submit the details (the code step comes next, unless the details are refused). */
export async function submitRegistration(page: Page, p: Person, phone: string, password = PASSWORD): Promise<void> {
	await page.goto('/register');
	await hydrated(page);
	await page.getByLabel(/ข้าพเจ้าได้อ่านและยอมรับ|I have read and accept/).check();
	await page.getByRole('button', { name: /ดำเนินการต่อ|Continue/ }).click();
	await expect(page).toHaveURL(/\/register\/details/);
	await hydrated(page);
	await fillDetails(page, p, phone, password);
	await page.getByRole('button', { name: /ดำเนินการต่อ|Continue/ }).click();
}

/** Terms → details → code, through the UI. Returns when the dashboard greets the person. */
export async function registerThroughUi(page: Page, p: Person, phone = nextPhone(), password = PASSWORD): Promise<string> {
	await submitRegistration(page, p, phone, password);
	await expect(page).toHaveURL(/\/register\/verify/);
	await page.getByLabel(/รหัสยืนยัน \(OTP\)|One-time code/).fill(await latestCode(page.request, phone));
	await page.getByRole('button', { name: /^ยืนยัน$|^Verify$/ }).click();
	await expect(page).toHaveURL(/\/dashboard/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(p.first);
	return phone;
}

/**
 * Waits until the page's scripts have taken over (the root layout marks <html data-hydrated>): a field filled before
 * then is cleared by hydration, and on a fast run the form went with an empty field. Not in a context without JavaScript.
 */
export async function hydrated(page: Page): Promise<void> {
	if ((page.context() as unknown as { _options?: { javaScriptEnabled?: boolean } })._options?.javaScriptEnabled === false) return;
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 15_000 });
}

export async function login(page: Page, id: string, password = PASSWORD): Promise<void> {
	await page.goto('/login');
	await hydrated(page);
	await page.getByLabel(/เลขบัตรประชาชน|National ID number/).fill(id);
	await page.getByLabel(/^รหัสผ่าน$|^Password$/).fill(password);
	await page.getByRole('button', { name: /^เข้าสู่ระบบ$|^Log in$/ }).click();
}

/** 123456 satang → "1,234.56 บาท", computed here, not with the app's formatter. */
export function bahtText(satang: number): string {
	const s = (satang / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	return `${s} บาท`;
}

const TH_MONTHS_LONG = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const TH_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
/** 2026-12-30 → "30 ธันวาคม 2569" (long) or "30 ธ.ค. 2569"; 2026-12 → "ธ.ค. 2569": computed here, not with the app's formatter. */
export function thaiDate(iso: string, long = true): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	if (d === undefined) return `${TH_MONTHS_SHORT[m - 1]} ${y + 543}`;
	return `${d} ${(long ? TH_MONTHS_LONG : TH_MONTHS_SHORT)[m - 1]} ${y + 543}`;
}

/** Today in Bangkok (UTC+7), as the server sees it with its clock unmoved. */
export function bangkokToday(): string {
	return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Every holiday date of the repository's yearly holiday files (the data, read here; not the app's rules code). */
const HOLIDAYS = new Set(
	fs
		.readdirSync('src/lib/rules/holidays')
		.filter((f) => /^\d{4}\.json$/.test(f))
		.flatMap((f) => (JSON.parse(fs.readFileSync(`src/lib/rules/holidays/${f}`, 'utf8')) as { holidays: { date: string }[] }).holidays.map((h) => h.date))
);

/** A deadline moved past weekends and holidays to the next working day (by hand, for expectations). */
export function workingDayOnOrAfter(iso: string): string {
	const d = new Date(`${iso}T00:00:00Z`);
	while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || HOLIDAYS.has(d.toISOString().slice(0, 10))) d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** ISO date arithmetic for expectations. */
export function isoAddDays(iso: string, n: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A month n months after a YYYY-MM month. */
export function isoAddMonths(period: string, n: number): string {
	const [y, m] = period.split('-').map(Number) as [number, number];
	const i = y * 12 + m - 1 + n;
	return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The section 40 address question, answered with a Bangkok address (`postcode` to try a wrong one). */
export async function fillAddress(page: Page, postcode = '10400'): Promise<void> {
	await page.getByLabel('บ้านเลขที่ หมู่ ซอย ถนน').fill('99/1 หมู่ 2 ถนนพหลโยธิน');
	await page.getByLabel('ตำบล/แขวง').fill('สามเสนใน');
	await page.getByLabel('อำเภอ/เขต').fill('พญาไท');
	await page.getByLabel('จังหวัด').fill('กรุงเทพมหานคร');
	await page.getByLabel('รหัสไปรษณีย์').fill(postcode);
}
