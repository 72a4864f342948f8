import type { Page, BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { DEMO, freshPerson, query, bahtText, expectNoAxeViolations, screenshots, chooseLanguage } from './helpers';
import { signIn } from './accounts';
import { sparePort, workerApp } from './worker-app';

/** The installable offline app: manifest, service worker, the device's offline copy, the update prompt. */

/** Width × height of a PNG, from its IHDR chunk (not trusting the manifest's own claim). */
function pngSize(buf: Buffer): string {
	expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
	return `${buf.readUInt32BE(16)}x${buf.readUInt32BE(20)}`;
}

/** Wait until the service worker is active (first visit: installed and precached). */
async function swReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
}

/** The device's offline copy as the page sees it (IndexedDB prakan-offline / records / copy). */
async function storedCopy(page: Page): Promise<{ summary: { user: string; person: { firstNameTh: string } } } | null> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('prakan-offline');
				open.onupgradeneeded = () => open.result.createObjectStore('records');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('records')) {
						db.close();
						return resolve(null);
					}
					const get = db.transaction('records').objectStore('records').get('copy');
					get.onsuccess = () => {
						db.close();
						resolve(get.result ?? null);
					};
					get.onerror = () => reject(get.error);
				};
			})
	);
}

async function waitForCopy(page: Page, firstNameTh: string): Promise<void> {
	await expect.poll(async () => (await storedCopy(page))?.summary.person.firstNameTh ?? null).toBe(firstNameTh);
}

/** Every URL and body in Cache Storage: personal data must never be there. */
async function cacheContents(page: Page): Promise<{ url: string; body: string }[]> {
	return page.evaluate(async () => {
		const out: { url: string; body: string }[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				const res = await cache.match(req);
				const type = res?.headers.get('content-type') ?? '';
				out.push({ url: req.url, body: /text|json|javascript/.test(type) ? ((await res?.text()) ?? '') : '' });
			}
		}
		return out;
	});
}

async function expectNoPersonalDataInCaches(page: Page, ...needles: string[]): Promise<void> {
	const entries = await cacheContents(page);
	expect(entries.length).toBeGreaterThan(0);
	for (const e of entries) {
		const path = new URL(e.url).pathname;
		expect(path, 'no signed-in page or data request is cached').not.toMatch(/^\/(dashboard|status|hospital|contributions|benefits|savings|applications|apply)/);
		for (const n of needles) expect(e.body.includes(n), `${path} must not contain ${n}`).toBe(false);
	}
}

/** Offline: the service worker sends a reload to /offline, which shows the device's copy. */
async function reloadOffline(context: BrowserContext, page: Page): Promise<void> {
	await context.setOffline(true);
	await page.reload();
	await expect(page).toHaveURL(/\/offline\?from=/);
	// Chromium 150 does not carry the offline emulation over to a document the service worker answered (its
	// navigator.onLine stays true, as no real offline device would have it): set it again on the new document
	await context.setOffline(false);
	await context.setOffline(true);
}

/** adapter-node's own server for one build directory, on the worker's database. */
async function deploy(dir: string, origin: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, [`${dir}/index.js`], {
		env: { ...process.env, PORT: new URL(origin).port, ORIGIN: origin, DATABASE_PATH: workerApp().db, SMS_PROVIDER: 'outbox' },
		stdio: 'ignore'
	});
	await expect.poll(async () => (await fetch(`${origin}/healthz`).catch(() => null))?.status ?? 0, { timeout: 20_000 }).toBe(200);
	return child;
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

test.describe('installable offline app', () => {
	test('the manifest is linked and valid: Thai name, standalone, icons and screenshots that exist at their sizes, shortcuts', async ({ page }) => {
		await page.goto('/');
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		expect(href).toBe('/manifest.webmanifest');
		const res = await page.request.get(href!);
		expect(res.headers()['content-type']).toContain('application/manifest+json');
		const mf = await res.json();
		expect(mf).toMatchObject({
			name: 'ประกันสังคมออนไลน์',
			short_name: 'ประกันสังคม',
			lang: 'th',
			display: 'standalone',
			start_url: '/dashboard',
			scope: '/',
			theme_color: '#0b4f8a',
			background_color: '#ffffff'
		});
		const icons = mf.icons as { src: string; sizes: string; purpose?: string }[];
		for (const [size, purpose] of [
			['192x192', undefined],
			['512x512', undefined],
			['192x192', 'maskable'],
			['512x512', 'maskable']
		] as const) {
			expect(
				icons.some((i) => i.sizes === size && i.purpose === purpose),
				`${size} ${purpose ?? 'any'}`
			).toBe(true);
		}
		for (const img of [...icons, ...mf.screenshots]) {
			const r = await page.request.get(img.src);
			expect(r.status(), img.src).toBe(200);
			expect(pngSize(await r.body()), img.src).toBe(img.sizes);
		}
		expect(mf.screenshots.map((s: { form_factor: string }) => s.form_factor).sort()).toEqual(['narrow', 'narrow', 'wide']);
		expect(mf.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/contributions', '/hospital']);
		expect(await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')).toMatch(
			/^(http:\/\/localhost:\d+)?\/icons\/apple-touch-icon-180x180\.png$/
		);
	});

	test('"ติดตั้งแอป" appears where the browser offers installing, and opens its dialog; iPhone Safari gets the Share-menu steps', async ({ page, browser }) => {
		await signIn(page, DEMO.s39);
		await page.goto('/dashboard');
		await expect(page.getByTestId('install-app')).toHaveCount(0);
		// what Chromium fires once the app is installable (headless never does): a stand-in with a prompt() to call
		await page.evaluate(() => {
			const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt: () => Promise<void>; userChoice: Promise<unknown> };
			e.prompt = async () => void ((window as unknown as { prompted: boolean }).prompted = true);
			e.userChoice = Promise.resolve({ outcome: 'accepted' });
			window.dispatchEvent(e);
		});
		const panel = page.getByTestId('install-app');
		await expect(panel).toContainText('ติดตั้งแอปไว้บนเครื่อง');
		await expectNoAxeViolations(page);
		await screenshots(page, 'install-app');
		await panel.getByRole('button', { name: 'ติดตั้งแอป' }).click();
		expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
		await expect(panel).toHaveCount(0);

		const iphone = await browser.newContext({
			userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
			viewport: { width: 390, height: 844 }
		});
		const phone = await iphone.newPage();
		await signIn(phone, DEMO.s39);
		await phone.goto('/dashboard');
		await expect(phone.getByTestId('install-app')).toContainText('เพิ่มไปยังหน้าจอโฮม');
		await iphone.close();
	});

	test('headers for speed: compressed pages and JSON, immutable hashed assets, the above-the-fold fonts preloaded', async ({ page }) => {
		const html = await page.request.get('/', { headers: { 'accept-encoding': 'br, gzip' } });
		expect(html.headers()['content-encoding']).toBe('br');
		const gz = await page.request.get('/login', { headers: { 'accept-encoding': 'gzip' } });
		expect(gz.headers()['content-encoding']).toBe('gzip');
		const body = await html.text();
		const asset = body.match(/\/_app\/immutable\/[^"]+\.js/)![0];
		const a = await page.request.get(asset, { headers: { 'accept-encoding': 'br' } });
		expect(a.headers()['cache-control']).toBe('public,max-age=31536000,immutable');
		expect(a.headers()['content-encoding']).toBe('br');
		expect(html.headers()['link']).toMatch(/<\/_app\/immutable\/assets\/sarabun-thai-400-normal\.[^>]+\.woff2>; rel="preload"; as="font"/);
	});

	test('the service worker registers and precaches the shell (offline page, fonts, styles), never a personal page', async ({ page }) => {
		await page.goto('/');
		await swReady(page);
		const urls = (await cacheContents(page)).map((e) => new URL(e.url).pathname);
		expect(urls).toContain('/offline');
		expect(urls).toContain('/offline/__data.json');
		expect(urls).toContain('/manifest.webmanifest');
		expect(urls.some((u) => /sarabun-thai-400-normal.*\.woff2$/.test(u))).toBe(true);
		expect(urls.some((u) => u.endsWith('.css'))).toBe(true);
		expect(
			urls.some((u) => u.startsWith('/screenshots/')),
			'install screenshots are not precached'
		).toBe(false);
		// no other language's texts are kept for a Thai reader (the chooser's names of the languages aside)
		const bodies = (await cacheContents(page)).filter((e) => /[\u1000-\u109F\u1780-\u17FF\u0E81-\u0EDF]/.test(e.body.replace(/မြန်မာ|ខ្មែរ|ລາວ/g, '')));
		expect(bodies.map((e) => e.url)).toEqual([]);
		const offline = await page.request.get('/offline');
		expect(await offline.text()).not.toContain('สมชาย');
	});

	test('offline: the last synced records with their date, network-only actions disabled, nothing personal in any cache', async ({ page, context }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		await swReady(page);
		await page.goto('/dashboard');
		await waitForCopy(page, p.first);
		const total = query<{ s: number }>('SELECT sum(insured_satang) s FROM contributions WHERE person_id = ?', p.id)[0]!.s;

		await reloadOffline(context, page);
		const banner = page.getByTestId('offline-banner');
		await expect(banner).toContainText(/ออฟไลน์ — ข้อมูล ณ วันที่ \d{1,2} \S+ 25\d\d เวลา \d\d:\d\d น\./);
		await expect(page.getByTestId('offline-name')).toContainText(`${p.first} ${p.last}`);
		await expect(page.getByTestId('offline-status')).toContainText('มาตรา 33');
		await expect(page.getByTestId('offline-contrib-total')).toHaveText(bahtText(total));
		const months = await page.getByTestId('offline-contributions').locator('tbody tr').count();
		expect(months).toBeGreaterThan(0);
		expect(months).toBeLessThanOrEqual(24 * 2);
		const actions = page.getByTestId('offline-actions');
		await expect(actions).toContainText('ต้องเชื่อมต่ออินเทอร์เน็ต');
		for (const b of await actions.getByRole('button').all()) await expect(b).toBeDisabled();
		await expectNoAxeViolations(page);
		await screenshots(page, 'offline-records');

		// a shortcut opened offline lands on its part of the copy
		await page.goto('/contributions');
		await expect(page).toHaveURL(/\/offline\?from=%2Fcontributions/);
		await expect(page.getByTestId('offline-contrib-total')).toBeInViewport();

		await expectNoPersonalDataInCaches(page, p.id, p.first);

		await context.setOffline(false);
		await expect(page.getByTestId('back-online')).toBeVisible();
		await page.getByRole('link', { name: 'โหลดข้อมูลล่าสุด' }).click();
		await expect(page).toHaveURL(/\/contributions$/);
	});

	test('in English the offline page is English too', async ({ page, context }) => {
		const p = DEMO.s39;
		await signIn(page, p);
		await chooseLanguage(page, 'en');
		await swReady(page);
		await page.goto('/dashboard');
		await waitForCopy(page, p.first);
		await reloadOffline(context, page);
		await expect(page.getByTestId('offline-banner')).toContainText(/Offline — data as of \d{1,2} \w{3} 25\d\d BE at \d\d:\d\d/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByTestId('offline-status')).toContainText('section 39');
		await context.setOffline(false);
		await page.goto('/dashboard');
		await chooseLanguage(page, 'th');
	});

	test('in Burmese the offline page is Burmese: the service worker kept the language’s pack from the online visit', async ({ page, context }) => {
		const p = freshPerson();
		await signIn(page, p);
		await swReady(page);
		await chooseLanguage(page, 'my');
		await page.goto('/dashboard');
		await waitForCopy(page, p.first);
		await reloadOffline(context, page);
		await expect(page.locator('html')).toHaveAttribute('lang', 'my');
		await expect(page.getByTestId('offline-banner')).toHaveText(/[\u1000-\u109F]/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/[\u1000-\u109F]/);
		await screenshots(page, 'offline-records-my');
		await context.setOffline(false);
	});

	test('logging out offline erases the copy at once and ends the server session when the network is back', async ({ page, context }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		await swReady(page);
		await page.goto('/dashboard');
		await waitForCopy(page, p.first);
		await context.setOffline(true);
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
		await expect(page).toHaveURL(/\/offline\?loggedOut=1/);
		await expect(page.getByTestId('offline-logged-out')).toBeVisible();
		expect(await storedCopy(page)).toBeNull();
		await page.reload();
		await expect(page.getByTestId('offline-name')).toHaveCount(0);
		await expectNoPersonalDataInCaches(page, p.id, p.first);

		// back online: the first request ends the session on the server before anything is rendered
		await context.setOffline(false);
		const res = await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/login/);
		expect(res?.request().redirectedFrom()?.url()).toMatch(/\/dashboard$/);
		await expect(page.locator('body')).not.toContainText(p.first);
		await expect.poll(() => storedCopy(page)).toBeNull();
		expect(
			query<{ n: number }>("SELECT count(*) n FROM audit_log WHERE action = 'logout' AND subject = ? AND detail LIKE '%sentOffline%'", p.id)[0]!.n
		).toBeGreaterThan(0);
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/login/);
	});

	test('logging out online erases the copy; the offline page then has nothing to show', async ({ page, context }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		await swReady(page);
		await page.goto('/dashboard');
		await waitForCopy(page, p.first);
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
		await expect(page).toHaveURL(/\/login\?loggedOut=1/);
		await expect.poll(() => storedCopy(page)).toBeNull();
		await reloadOffline(context, page);
		await expect(page.getByTestId('offline-none')).toBeVisible();
		await expect(page.getByTestId('offline-name')).toHaveCount(0);
	});

	test('a session that has ended erases the copy, even offline', async ({ page, context }) => {
		const p = DEMO.s33Active;
		await signIn(page, p);
		await swReady(page);
		await page.goto('/dashboard');
		await waitForCopy(page, p.first);
		// the app closed, and opened again offline 31 minutes later on this device (the idle limit is 30); closed first,
		// or the open dashboard's own session timer would act on the jump in time while still online
		await page.goto('about:blank');
		await page.clock.install({ time: Date.now() + 31 * 60_000 });
		await context.setOffline(true);
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/offline\?from=/);
		await expect(page.getByTestId('offline-ended')).toBeVisible();
		await expect(page.getByTestId('offline-name')).toHaveCount(0);
		expect(await storedCopy(page)).toBeNull();
	});

	test("a second person signing in on the same browser never sees the first person's records", async ({ page, context }) => {
		const a = DEMO.s33Active;
		const b = DEMO.s39;
		await signIn(page, a);
		await swReady(page);
		await page.goto('/dashboard');
		await waitForCopy(page, a.first);
		// A walks away without logging out; their session ends (cookie gone) and the next click inside the app, a
		// client-side navigation, lands on the login page: the copy goes without a full page load
		await context.clearCookies();
		await page
			.getByRole('navigation', { name: /ข้อมูลของฉัน|My records/ })
			.getByRole('link', { name: 'สถานะผู้ประกันตน' })
			.click();
		await expect(page).toHaveURL(/\/login/);
		await expect(page.getByRole('button', { name: 'ออกจากระบบ' })).toHaveCount(0);
		await expect.poll(() => storedCopy(page)).toBeNull();
		await signIn(page, b);
		await page.goto('/dashboard');
		await waitForCopy(page, b.first);
		await reloadOffline(context, page);
		await expect(page.getByTestId('offline-name')).toContainText(b.first);
		await expect(page.locator('body')).not.toContainText(a.first);
		await expectNoPersonalDataInCaches(page, a.id, a.first, b.id, b.first);
	});

	test('forms are never sent or queued offline: the page says so and keeps what was typed', async ({ page, context }) => {
		await page.goto('/login');
		await swReady(page);
		await page.reload();
		await page.getByLabel('เลขบัตรประชาชน').fill(DEMO.s39.id);
		await context.setOffline(true);
		await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
		await expect(page.getByTestId('form-offline')).toContainText('ยังไม่ได้ส่ง');
		await expect(page).toHaveURL(/\/login$/);
		await expect(page.getByLabel('เลขบัตรประชาชน')).toHaveValue(DEMO.s39.id);
		await expect(page.getByTestId('net-offline')).toBeVisible();

		// the same form posted by the browser itself (as without JavaScript): the service worker answers instead
		await page.evaluate(() => (document.querySelector('form[method="post"]:not([action])') as HTMLFormElement | null)?.submit());
		await expect(page).toHaveURL(/\/offline\?unsent=1/);
		await expect(page.getByTestId('offline-unsent')).toContainText('ยังไม่ได้ส่งข้อมูล');
		await screenshots(page, 'offline-unsent');
		await context.setOffline(false);
	});

	test('a new version waits for the citizen: "มีเวอร์ชันใหม่ — โหลดใหม่", and reloads only when they press it', async ({ page }) => {
		// two deploys on one origin: the current build, then the same build with a changed service worker (a new version)
		const next = 'build-next';
		fs.rmSync(next, { recursive: true, force: true });
		fs.cpSync('build', next, { recursive: true });
		const sw = `${next}/client/service-worker.js`;
		const body = `${fs.readFileSync(sw, 'utf8')}\n// next version\n`;
		fs.writeFileSync(sw, body);
		fs.writeFileSync(`${sw}.br`, zlib.brotliCompressSync(body));
		fs.writeFileSync(`${sw}.gz`, zlib.gzipSync(body));
		const origin = `http://localhost:${sparePort(1)}`;
		let server = await deploy('build', origin);
		try {
			await page.goto(`${origin}/`);
			await swReady(page);
			await page.reload();
			await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
			await stop(server);
			server = await deploy(next, origin);
			await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
			// the page checks for a new version hourly; ask now
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
			const prompt = page.getByTestId('update-prompt');
			await expect(prompt).toContainText('มีเวอร์ชันใหม่ — โหลดใหม่');
			await page.waitForTimeout(1000);
			expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'no reload before the citizen agrees').toBe(1);
			expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);
			await screenshots(page, 'update-prompt');
			await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'โหลดใหม่' }).click()]);
			expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker ?? null), 'reloaded').toBeNull();
			await expect(page.getByTestId('update-prompt')).toHaveCount(0);
			const reg = await page.evaluate(async () => {
				const r = await navigator.serviceWorker.getRegistration();
				return { waiting: r?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
			});
			expect(reg).toEqual({ waiting: null, controlled: true });
		} finally {
			await stop(server);
			fs.rmSync(next, { recursive: true, force: true });
		}
	});
});
