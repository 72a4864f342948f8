/**
 * The kiosk shell (kiosk/, built by scripts/build-kiosk.ts) with the portal in its frame: the shell is served here from
 * another origin with an Isolated Web App's headers, a simulated CCID reader in the shell's window only, and a portal
 * server that lists the shell's origin (KIOSK_SHELL_ORIGINS). The officer signs in inside the frame (its cookies are
 * the partitioned kind the portal gives the frame), the card is read by the shell and handed over by postMessage, and
 * its removal clears the screen. Messages from anyone else, and framing by any other site, are refused.
 */
import { test, expect } from './fixtures';
import type { Page, FrameLocator } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { sparePort, workerApp, E2E_ENV } from './worker-app';
import { spawnApp, type AppProcess } from '../../scripts/lib/app-server';
import { buildShell, IWA_HEADERS } from '../../scripts/build-kiosk';
import { DEMO, latestCode, screenshots } from './helpers';
import { CENTRE, STAFF_PW, staffAccount, type Staff } from './staff-helpers';

const FAKE = fs.readFileSync('tests/card/fake-card.mjs', 'utf8').replace(/^export /gm, '');

/** Serve a folder as the shell would be served inside Chromium: its policy, but frames from the test portal (http). */
function serveShell(dir: string, port: number, portal: string): Promise<http.Server> {
	const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png' };
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
		const file = path.join(dir, rel);
		if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, {
			...IWA_HEADERS,
			'Content-Security-Policy': IWA_HEADERS['Content-Security-Policy']!.replace('frame-src ', `frame-src ${portal} `),
			'Content-Type': types[path.extname(rel)] ?? 'application/octet-stream'
		});
		res.end(fs.readFileSync(file));
	});
	return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** A simulated reader with the demo card, in the shell's window only (the portal's frame gets no WebUSB of its own). */
async function readerInShell(page: Page, shellOrigin: string): Promise<void> {
	await page.addInitScript({
		content: `if (location.origin === ${JSON.stringify(shellOrigin)}) {
${FAKE}
;(() => {
	const devs = [new FakeCcidReader(READERS.acr39u, new FakeThaiCard())];
	window.__fakeReaders = devs;
	const usb = fakeUsb(devs);
	Object.defineProperty(Navigator.prototype, 'usb', { get: () => usb, configurable: true });
})();
}`
	});
}

/** The officer signs in on the portal's page, in the shell's frame or in a tab of its own: password, then the texted code. */
async function signIn(page: Page, where: Page | FrameLocator, officer: Staff): Promise<void> {
	await where.getByLabel('รหัสผู้ใช้งาน').fill(officer.username);
	await where.getByLabel(/^รหัสผ่าน$/).fill(STAFF_PW);
	await where.getByRole('button', { name: /^เข้าสู่ระบบ$/ }).click();
	await expect(where.getByRole('heading', { level: 1 })).toHaveText('ยืนยันตัวตนด้วยรหัส OTP');
	await where.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, officer.phone));
	await where.getByRole('button', { name: /^ยืนยัน$/ }).click();
	await expect(where.getByRole('heading', { level: 1 })).toHaveText('โปรดเสียบบัตรประชาชน');
}

const hydratedIn = (frame: FrameLocator) => frame.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 15_000 });
const readerCalls = (page: Page) =>
	page.evaluate(() => (window as unknown as { __fakeReaders: { calls: { claimInterface: number } }[] }).__fakeReaders[0]!.calls.claimInterface);

test.describe('kiosk shell', () => {
	// in order, in one worker: both tests use the one shell and portal server started for them
	test.describe.configure({ mode: 'default' });
	let shell: http.Server | undefined;
	let portalApp: AppProcess | undefined;
	let dir = '';
	let shellOrigin = '';
	let portal = '';

	test.beforeAll(async ({ app }) => {
		expect(app.port).toBeGreaterThan(0);
		shellOrigin = `http://127.0.0.1:${sparePort(11)}`;
		portal = `http://localhost:${sparePort(12)}`;
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-kiosk-'));
		await buildShell(dir, { portal, start: '/staff/officer', version: '1.0.0' });
		shell = await serveShell(dir, sparePort(11), portal);
		// the worker's database, served by a portal that lists the shell (staff accounts made by the fixtures are there)
		portalApp = await spawnApp(workerApp().db, sparePort(12), { ...E2E_ENV, KIOSK_SHELL_ORIGINS: shellOrigin }, { quiet: true });
	});

	test.afterAll(async () => {
		await portalApp?.stop();
		await new Promise((r) => shell?.close(r));
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('the officer signs in inside the shell, the shell reads the card for the portal, and taking it out clears the screen', async ({ page }) => {
		const officer = await staffAccount(page, 'officer', ['--centre', CENTRE]);
		await readerInShell(page, shellOrigin);
		await page.goto(`${shellOrigin}/`);
		const frame = page.frameLocator('#portal');
		await expect(page.getByRole('status')).toHaveText('พร้อมอ่านบัตรประชาชน');

		// signing in inside the frame: the portal's cookies there are partitioned to the shell, and sent
		await hydratedIn(frame);
		await signIn(page, frame, officer);
		// the officer's session cookie: kept for the shell's site only (an ordinary tab of the portal never sees it)
		const cookies = await page.context().cookies();
		expect(cookies.find((c) => c.name === 'staff_session')).toMatchObject({ sameSite: 'None', secure: true, partitionKey: 'http://127.0.0.1' });

		await hydratedIn(frame);
		await frame.getByRole('button', { name: 'เสียบบัตรแล้วกดปุ่มนี้' }).click();
		await expect(frame.getByTestId('officer-summary')).toBeVisible();
		await expect(frame.getByTestId('officer-name')).toContainText(`${DEMO.s33Active.first} ${DEMO.s33Active.last}`);
		await expect(frame.getByTestId('officer-method')).toHaveText('อ่านจากบัตรประชาชน');
		await expect(frame.getByRole('img', { name: 'รูปจากบัตรประชาชน' })).toBeVisible();
		expect(await readerCalls(page)).toBeGreaterThan(0);
		await screenshots(page, 'kiosk-officer-summary');

		// a "card removed" from the portal's own window (not the shell, its parent) changes nothing
		await frame.locator('body').evaluate(() => window.postMessage({ type: 'prakan-card', op: 'removed' }, '*'));
		await page.waitForTimeout(1_500);
		await expect(frame.getByTestId('officer-summary')).toBeVisible();

		// the card comes out of the shell's reader: the shell says so, and the portal clears the screen
		await page.evaluate(() => ((window as unknown as { __fakeReaders: { present: boolean }[] }).__fakeReaders[0]!.present = false));
		await expect(frame.getByTestId('officer-cleared')).toHaveText('ดึงบัตรออกแล้ว ล้างข้อมูลบนหน้าจอแล้ว', { timeout: 10_000 });
		await expect(frame.getByTestId('officer-summary')).toHaveCount(0);

		// the same officer in an ordinary tab of the same portal: its cookies are the usual first-party ones (Strict, not
		// partitioned), and its pages carry no isolation headers: the kiosk setting changes nothing outside the frame
		const tab = await page.context().newPage();
		const signInPage = await tab.goto(`${portal}/staff`);
		expect(signInPage!.headers()['cross-origin-embedder-policy']).toBeUndefined();
		await tab.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await signIn(page, tab, officer);
		const sessions = (await page.context().cookies()).filter((c) => c.name === 'staff_session');
		expect(sessions).toHaveLength(2);
		expect(sessions.find((c) => !('partitionKey' in c) || !c.partitionKey)).toMatchObject({ sameSite: 'Strict' });
		expect((await page.context().cookies()).filter((c) => c.name === '__Host-prakan_kiosk').every((c) => c.partitionKey === 'http://127.0.0.1')).toBe(true);
		await tab.close();
	});

	test('the shell answers only its own frame at the portal’s origin, and no other site may frame the portal', async ({ page, browser }) => {
		await readerInShell(page, shellOrigin);
		await page.goto(`${shellOrigin}/`);
		await expect(page.getByRole('status')).toHaveText('พร้อมอ่านบัตรประชาชน');
		// the shell's own window (another origin than the portal's) asking for a read: ignored, the reader untouched
		await page.evaluate(() => window.postMessage({ type: 'prakan-card', op: 'read', id: 'x1' }, '*'));
		// another frame at the portal's origin, but not the shell's own: ignored too
		await page.evaluate((url) => {
			const f = document.createElement('iframe');
			f.id = 'other';
			f.src = url;
			document.body.append(f);
		}, `${portal}/help/card-reader`);
		const other = page.frameLocator('#other');
		await hydratedIn(other);
		await other.locator('body').evaluate((_, origin) => {
			window.addEventListener('message', () => (window as unknown as { __got: number }).__got++);
			(window as unknown as { __got: number }).__got = 0;
			window.parent.postMessage({ type: 'prakan-card', op: 'read', id: 'x2' }, origin);
		}, shellOrigin);
		await page.waitForTimeout(1_500);
		expect(await readerCalls(page)).toBe(0);
		expect(await other.locator('body').evaluate(() => (window as unknown as { __got: number }).__got)).toBe(0);

		// the shell's own frame is answered (a hello, the portal at its origin)
		const frame = page.frameLocator('#portal');
		await hydratedIn(frame);
		const ready = await frame.locator('body').evaluate(
			(_, origin) =>
				new Promise<unknown>((resolve) => {
					window.addEventListener('message', (ev) => ev.origin === origin && resolve(ev.data));
					window.parent.postMessage({ type: 'prakan-card', op: 'hello', id: 'h1' }, origin);
				}),
			shellOrigin
		);
		expect(ready).toEqual({ type: 'prakan-card', op: 'ready', id: 'h1', cardIn: null });

		// a site that is not a listed shell cannot show the portal in a frame
		const stranger = await browser.newPage();
		const strangerPort = sparePort(13);
		const strangerServer = http.createServer((_, res) =>
			res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<iframe id="p" src="${portal}/staff"></iframe>`)
		);
		await new Promise<void>((r) => strangerServer.listen(strangerPort, '127.0.0.1', () => r()));
		try {
			const answered = stranger.waitForResponse((r) => r.url().startsWith(`${portal}/staff`));
			await stranger.goto(`http://127.0.0.1:${strangerPort}/`);
			// the portal answered, naming only the shell as a site that may frame it, and the browser showed nothing of it
			expect((await answered).headers()['content-security-policy']).toMatch(new RegExp(`frame-ancestors ${shellOrigin.replace(/[.]/g, '\\.')}(;|$)`));
			await expect.poll(() => stranger.frames().some((f) => f.url().startsWith('chrome-error://'))).toBe(true);
			expect(stranger.frames().some((f) => f.url().startsWith(portal))).toBe(false);
		} finally {
			await stranger.close();
			await new Promise((r) => strangerServer.close(r));
		}
	});
});
