/**
 * The citizen pages on a 360 px phone, in Thai and English: nothing scrolls sideways, the menu fits and reaches every
 * page (also without JavaScript), tap targets are big enough (WCAG 2.5.8: 24 px for every link, except links inside a
 * sentence; 44 px for the main controls, as the project's own rule), the chart's month labels are readable and phone
 * numbers can be tapped to call.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, screenshots, chooseLanguage } from './helpers';
import { signIn } from './accounts';

const PHONE = { width: 360, height: 740 };
const PAGES = [
	'/dashboard',
	'/status',
	'/hospital',
	'/contributions',
	'/contributions/statement',
	'/benefits',
	'/savings',
	'/entitlements',
	'/apply',
	'/applications',
	'/profile'
];

test.describe.configure({ timeout: 180_000 });

async function toEnglish(page: Page) {
	await page.goto('/dashboard');
	await chooseLanguage(page, 'en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** Links and buttons on the page that are too small to tap, as "what: w×h". */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('a[href], button, summary, input[type="submit"]')) {
			const r = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			// not shown (hidden, the off-screen skip link, a closed menu's items)
			if (r.width < 2 || r.height < 2 || r.right <= 0 || style.visibility === 'hidden') continue;
			const name = `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
			// the main controls: buttons, button-styled links, the menu, the header
			const primary = el.matches('button, .btn, summary, input[type="submit"], .app-nav a, .site-header a');
			if (primary && r.height < 44) {
				out.push(`${name}: ${Math.round(r.width)}×${Math.round(r.height)} (primary, < 44)`);
				continue;
			}
			// WCAG 2.5.8 exception: a link inside a sentence, sized by the line of text around it
			const parent = el.parentElement!;
			const inSentence = style.display === 'inline' && (parent.textContent ?? '').trim().length > (el.textContent ?? '').trim().length;
			if (!inSentence && (r.height < 24 || r.width < 24)) out.push(`${name}: ${Math.round(r.width)}×${Math.round(r.height)} (< 24)`);
		}
		return out;
	});
}

for (const lang of ['th', 'en'] as const) {
	test(`phone, ${lang}: the menu fits 360 px, the apply link is at hand, every page fits without sideways scrolling`, async ({ page }) => {
		await page.setViewportSize(PHONE);
		await signIn(page, DEMO.s33Active);
		if (lang === 'en') await toEnglish(page);
		for (const path of PAGES) {
			await page.goto(path);
			const wide = await page.evaluate(() => ({
				doc: document.documentElement.scrollWidth,
				nav: [...document.querySelectorAll<HTMLElement>('nav.app-nav, nav.app-nav *')].filter(
					(e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
				).length
			}));
			expect(wide.doc, `${path} scrollWidth`).toBeLessThanOrEqual(360);
			expect(wide.nav, `${path} nav overflow`).toBe(0);
		}
		await page.goto('/dashboard');
		const nav = page.getByRole('navigation', { name: lang === 'th' ? 'ข้อมูลของฉัน' : 'My records' });
		const apply = nav.getByRole('link', { name: lang === 'th' ? 'ยื่นคำขอ' : 'Apply', exact: true });
		await expect(apply).toBeInViewport({ ratio: 1 });
		// the rest behind the menu
		await nav.getByText(lang === 'th' ? 'เมนู' : 'Menu', { exact: true }).click();
		await expect(nav.getByRole('link', { name: lang === 'th' ? 'เงินสมทบ' : 'Contributions', exact: true })).toBeInViewport();
		await screenshots(page, `phone-menu-${lang}`);
		await nav.getByRole('link', { name: lang === 'th' ? 'เงินสมทบ' : 'Contributions', exact: true }).click();
		await expect(page).toHaveURL(/\/contributions$/);
		// a page reached from the menu closes it
		await expect(nav.locator('details')).not.toHaveAttribute('open');
		await apply.click();
		await expect(page).toHaveURL(/\/apply$/);
		if (lang === 'en') await chooseLanguage(page, 'th');
	});

	test(`phone, ${lang}: tap targets, readable chart labels, phone numbers to call`, async ({ page }) => {
		await page.setViewportSize(PHONE);
		await signIn(page, DEMO.s33Active);
		if (lang === 'en') await toEnglish(page);
		const problems: string[] = [];
		for (const path of PAGES) {
			await page.goto(path);
			problems.push(...(await smallTargets(page)).map((p) => `${path} ${p}`));
		}
		expect(problems).toEqual([]);

		// the contributions chart's month labels: at least 12 px as drawn on the phone
		await page.goto('/contributions');
		const sizes = await page.evaluate(() =>
			[...document.querySelectorAll<HTMLElement>('figure .labels span, figure svg text')]
				.filter((e) => e.getBoundingClientRect().width > 0)
				.map((e) => e.getBoundingClientRect().height)
		);
		expect(sizes.length).toBeGreaterThan(1);
		for (const h of sizes) expect(h).toBeGreaterThanOrEqual(12);
		const fonts = await page.evaluate(() =>
			[...document.querySelectorAll<HTMLElement>('figure .labels span')].map((e) => parseFloat(getComputedStyle(e).fontSize))
		);
		for (const f of fonts) expect(f).toBeGreaterThanOrEqual(12);

		// the hotline in the footer calls it
		await expect(page.locator('.site-footer a[href="tel:1506"]')).toHaveText('1506');
		if (lang === 'en') await chooseLanguage(page, 'th');
	});
}

test('phone, signed out: the login page has big targets and the code page a number to call', async ({ page }) => {
	await page.setViewportSize(PHONE);
	await page.goto('/login');
	expect(await smallTargets(page)).toEqual([]);
	const forgot = await page.getByRole('link', { name: 'ลืมรหัสผ่าน?' }).boundingBox();
	expect(forgot!.height).toBeGreaterThanOrEqual(44);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await screenshots(page, 'phone-login');
});

test('phone, without JavaScript: the menu opens and leads to every page', async ({ browser }) => {
	const ctx = await browser.newContext({ viewport: PHONE });
	const page = await ctx.newPage();
	await signIn(page, DEMO.s33Active);
	const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, storageState: await ctx.storageState() });
	const p = await nojs.newPage();
	await p.goto('/dashboard');
	const nav = p.getByRole('navigation', { name: 'ข้อมูลของฉัน' });
	await nav.getByText('เมนู', { exact: true }).click();
	await nav.getByRole('link', { name: 'เงินสะสมกรณีชราภาพ', exact: true }).click();
	await expect(p).toHaveURL(/\/savings$/);
	await nojs.close();
	await ctx.close();
});
