/**
 * Accessibility (WCAG 2.2 AA rules of axe), once for each page and language: the signed-in records pages, in Thai and
 * in English, and the parts of them only some members see. The functional specs check the pages they reach through a
 * flow (error summaries, code steps, questions); this table covers the pages a citizen opens from the menu, so the
 * functional tests do not repeat the same check page after page.
 */
import { test, expect } from './fixtures';
import { DEMO, axeViolations, expectNoAxeViolations, type Person, chooseLanguage } from './helpers';
import { signIn } from './accounts';

const RECORDS = ['/dashboard', '/status', '/hospital', '/contributions', '/benefits', '/savings', '/entitlements'];

const TABLE: { name: string; person: Person; locale: 'th' | 'en'; paths: string[] }[] = [
	{ name: 'the records pages, in Thai (a section 33 member)', person: DEMO.s33Active, locale: 'th', paths: RECORDS },
	{ name: 'the records pages, in English (a section 39 member)', person: DEMO.s39, locale: 'en', paths: RECORDS },
	// what only these members see: the section 40 savings and the gold card; no savings and no hospital at all
	{ name: 'a section 40 member’s savings and hospital pages', person: DEMO.s40, locale: 'th', paths: ['/savings', '/hospital'] },
	{ name: 'the savings and hospital pages of someone never insured', person: DEMO.neverInsured, locale: 'th', paths: ['/savings', '/hospital'] }
];

for (const row of TABLE)
	test(`accessibility: ${row.name}`, async ({ page }) => {
		await signIn(page, row.person);
		if (row.locale === 'en') {
			await chooseLanguage(page, 'en');
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		}
		for (const path of row.paths) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('lang', row.locale);
			await expectNoAxeViolations(page);
		}
	});

test('the check itself finds each kind of fault, in a fresh document and again after the page changed', async ({ page }) => {
	await page.setContent(
		'<!doctype html><html lang="th"><head><title>ทดสอบ</title></head><body><main><h1>ทดสอบ</h1><button></button>' +
			'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"><p style="color:#bbb;background:#fff">ข้อความสีจาง</p></main></body></html>'
	);
	const rules = async () => (await axeViolations(page)).map((v) => v.slice(0, v.indexOf(':'))).sort();
	expect(await rules()).toEqual(['button-name', 'color-contrast', 'image-alt', 'label']);
	// axe stays in the document after the first check (as after a client-side navigation): the second check sees the change
	await page.locator('img').evaluate((img) => img.setAttribute('alt', 'ตราสำนักงาน'));
	await page.locator('button').evaluate((b) => (b.textContent = 'ถัดไป'));
	expect(await rules()).toEqual(['color-contrast', 'label']);
});
