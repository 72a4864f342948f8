/**
 * The languages a foreign worker reads: Burmese, Khmer and Lao, chosen in the header by their names in their own
 * scripts. The worker's pages (landing, registration, log-in, dashboard, status, hospital, contributions,
 * entitlements) are in the language, with its Noto font, whether the server rendered them or the browser did (a
 * client-side navigation); a Thai reader's page loads neither the languages' texts nor their fonts.
 */
import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import {
	DEMO,
	chooseLanguage,
	expectNoAxeViolations,
	freshPerson,
	hydrated,
	latestCode,
	nextPhone,
	PASSWORD,
	screenshots,
	query,
	type Person
} from './helpers';
import { signIn } from './accounts';
import { workerApp } from './worker-app';

const LANGUAGES = [
	// the demo Burmese and Khmer workers register in foreign-workers.spec.ts (a test of another file may run first on
	// the same server): persons of the registry who have no account yet read those two
	{ locale: 'my', name: 'Burmese', script: /[\u1000-\u109F]/, font: 'Noto Sans Myanmar', sample: 'မြန်မာ', worker: null },
	{ locale: 'km', name: 'Khmer', script: /[\u1780-\u17FF]/, font: 'Noto Sans Khmer', sample: 'ខ្មែរ', worker: null },
	{ locale: 'lo', name: 'Lao', script: /[\u0E81-\u0EDF]/, font: 'Noto Sans Lao', sample: 'ລາວ', worker: DEMO.laos }
] as const;
const OTHER_SCRIPTS = /[\u1000-\u109F\u1780-\u17FF\u0E81-\u0EDF]/;
const PACKED_FONT = /noto-sans-(myanmar|khmer|lao)/;

/** The requests a page makes from here on. */
function requestsOf(page: Page): Request[] {
	const seen: Request[] = [];
	page.on('request', (r) => seen.push(r));
	return seen;
}

/** The chooser's list, opened on a 360 px screen, lies on the screen; closed again. */
async function chooserFits(page: Page, shot: string): Promise<void> {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 360, height: 740 });
	const chooser = page.locator('header details.lang');
	await chooser.locator('summary').click();
	const box = (await chooser.locator('form').boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(360);
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: `tests/screenshots/${shot}-360.png` });
	await chooser.locator('summary').click();
	if (size) await page.setViewportSize(size);
}

/** The page's own text (the header's language chooser names every language in its script, so it is left out). */
const mainText = (page: Page) => page.locator('main').innerText();

test('a Thai reader’s page loads no other language’s texts or fonts, and the chooser names each language in its own script', async ({ page }) => {
	const requests = requestsOf(page);
	await page.goto('/');
	await hydrated(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'th');
	expect(requests.map((r) => r.url()).filter((u) => PACKED_FONT.test(u))).toEqual([]);
	// every script the page ran: none holds another language's message (the chooser's names are in the layout's)
	const scripts = await Promise.all(requests.filter((r) => r.resourceType() === 'script').map(async (r) => (await r.response())?.text() ?? ''));
	expect(scripts.length).toBeGreaterThan(5);
	const others = scripts.map((s) => s.replace(/မြန်မာ|ខ្មែរ|ລາວ/g, '')).filter((s) => OTHER_SCRIPTS.test(s));
	expect(others).toEqual([]);

	const chooser = page.locator('header details.lang');
	await chooser.locator('summary').click();
	await expect(chooser.getByRole('button')).toHaveText(['ไทย', 'English', 'မြန်မာ', 'ខ្មែរ', 'ລາວ']);
	for (const [l, name] of [
		['th', 'ไทย'],
		['en', 'English'],
		['my', 'မြန်မာ'],
		['km', 'ខ្មែរ'],
		['lo', 'ລາວ']
	])
		await expect(chooser.getByRole('button', { name, exact: true })).toHaveAttribute('lang', l!);
	await expect(chooser.getByRole('button', { name: 'ไทย', exact: true })).toHaveAttribute('aria-current', 'true');
	// a device without a script's font (this browser has none of the three) draws the name in the Noto one, its regular weight only
	for (const font of ['Noto Sans Myanmar', 'Noto Sans Khmer', 'Noto Sans Lao'])
		await expect.poll(() => page.evaluate((f) => [...document.fonts].some((x) => x.family === f && x.status === 'loaded'), font)).toBe(true);
	expect(requests.map((r) => r.url()).filter((u) => PACKED_FONT.test(u) && !/-400-normal/.test(u))).toEqual([]);
	await expectNoAxeViolations(page);
	await screenshots(page, 'language-chooser');
	await chooser.locator('summary').click();
	await chooserFits(page, 'language-chooser-signed-out');
});

for (const lang of LANGUAGES) {
	test(`${lang.name}: chosen on the landing page, the registration steps and log-in speak it, with its font`, async ({ page }) => {
		const requests = requestsOf(page);
		await page.goto('/');
		await hydrated(page);
		await chooseLanguage(page, lang.locale);
		await hydrated(page);
		const h1 = page.getByRole('heading', { level: 1 });
		await expect(h1).toHaveText(lang.script);
		// the language's font came with its texts, and the page is drawn with it
		await expect
			.poll(() =>
				page.evaluate(([f, s]) => document.fonts.check(`16px "${f}"`, s) && [...document.fonts].some((x) => x.family === f && x.status === 'loaded'), [
					lang.font,
					lang.sample
				] as const)
			)
			.toBe(true);
		expect(requests.some((r) => PACKED_FONT.test(r.url()) && r.url().includes(lang.font.split(' ').pop()!.toLowerCase()))).toBe(true);
		await expectNoAxeViolations(page);
		await screenshots(page, `landing-${lang.locale}`);

		// registration: the terms, then a number with a wrong check digit, refused in the language
		await page.goto('/register');
		await hydrated(page);
		await expect(h1).toHaveText(lang.script);
		await page.locator('input[name="accept"]').check();
		await page.locator('main button[type="submit"]').click();
		await expect(page).toHaveURL(/\/register\/details/);
		await hydrated(page);
		await expect(h1).toHaveText(lang.script);
		await page.locator('input[name="nationalId"]').fill('0011990012346');
		await page.locator('main button[type="submit"]').click();
		const summary = page.locator('.error-summary');
		await expect(summary).toBeVisible();
		await expect(summary).toHaveText(lang.script);
		await expectNoAxeViolations(page);
		await screenshots(page, `register-details-${lang.locale}`);

		await page.goto('/login');
		await hydrated(page);
		await expect(h1).toHaveText(lang.script);
		await expect(page.locator('main label').first()).toHaveText(lang.script);
		await expectNoAxeViolations(page);
		await screenshots(page, `login-${lang.locale}`);
	});

	test(`${lang.name}: ${lang.worker ? 'the demo worker’s' : 'an insured person’s'} own records, rendered by the server and by the browser, are in it`, async ({
		page,
		context
	}) => {
		const person = lang.worker ?? freshPerson();
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang.locale, url: workerApp().url }]);
		await signIn(page, person);
		await expect(page.locator('html')).toHaveAttribute('lang', lang.locale);
		const h1 = page.getByRole('heading', { level: 1 });
		// the name the registry keeps in English greets a reader who is not reading Thai
		const en = query<{ first: string }>('SELECT first_name_en first FROM persons WHERE national_id = ?', person.id)[0]!;
		await expect(h1).toContainText(en.first);
		await expect(h1).toHaveText(lang.script);
		await expect(page.locator('.card').first()).toHaveText(lang.script);
		await expectNoAxeViolations(page);
		await screenshots(page, `dashboard-${lang.locale}`);
		await chooserFits(page, `language-chooser-signed-in-${lang.locale}`);
		for (const path of ['/status', '/hospital', '/contributions', '/entitlements']) {
			// first by a link, drawn by the browser with the language's pack, then as the server renders it
			const link = page.locator(`a[href="${path}"]`).first();
			if (await link.isVisible()) {
				await link.click();
				await expect(page).toHaveURL(new RegExp(`${path}$`));
				await expect(h1).toHaveText(lang.script);
				expect(await mainText(page)).toMatch(lang.script);
			}
			await page.goto(path);
			await hydrated(page);
			await expect(h1).toHaveText(lang.script);
			await expectNoAxeViolations(page);
			await screenshots(page, `${path.slice(1)}-${lang.locale}`);
		}
	});
}

test('Khmer: a worker registers in it from the first step to the dashboard, and the language is the account’s', async ({ page }) => {
	const p: Person = freshPerson();
	const phone = nextPhone();
	await page.goto('/');
	await hydrated(page);
	await chooseLanguage(page, 'km');
	await page.goto('/register');
	await hydrated(page);
	await page.locator('input[name="accept"]').check();
	await page.locator('main button[type="submit"]').click();
	await hydrated(page);
	await page.locator('input[name="nationalId"]').fill(p.id);
	await page.locator('input[name="firstName"]').fill(p.first);
	await page.locator('input[name="lastName"]').fill(p.last);
	await page.locator('input[name="birthDay"]').fill(p.day);
	await page.locator('input[name="birthMonth"]').fill(p.month);
	await page.locator('input[name="birthYear"]').fill(p.year);
	await page.locator('input[name="phone"]').fill(phone);
	await page.locator('input[name="password"]').fill(PASSWORD);
	await page.locator('input[name="passwordConfirm"]').fill(PASSWORD);
	await page.locator('main button[type="submit"]').click();
	await expect(page).toHaveURL(/\/register\/verify/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/[\u1780-\u17FF]/);
	await page.locator('input[name="code"]').fill(await latestCode(page.request, phone));
	await page.locator('main button[type="submit"]').first().click();
	await expect(page).toHaveURL(/\/dashboard/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/[\u1780-\u17FF]/);
	expect(query<{ locale: string }>('SELECT locale FROM users WHERE national_id = ?', p.id)[0]!.locale).toBe('km');
});
