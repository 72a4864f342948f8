/**
 * Reading the Thai ID card on registration step 2 and on the forgot-password page: a simulated CCID reader
 * (tests/card/fake-card.mjs injected in place of navigator.usb) for each reader profile, the SecurityError an
 * ordinary page gets, and a fake go-thai-smartcard agent on ws://127.0.0.1:9898/ws.
 */
import { devices, type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import fs from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';
import { AGENT_PERSONAL as WITHOUT_PHOTO, PHOTO_B64 } from '../card/fake-card.mjs';
import { DEMO, expectNoAxeViolations, freshPerson, hydrated, nextPhone, latestCode, query, screenshots, PASSWORD, type Person } from './helpers';
import { staffSignedIn } from './accounts';
import { CENTRE } from './staff-helpers';

const FAKE = fs.readFileSync('tests/card/fake-card.mjs', 'utf8').replace(/^export /gm, '');

/** Replace navigator.usb: a reader of this profile holding a card with these fields, or no reader at all. */
async function injectReader(page: Page, profile: string | null, fields?: Record<string, unknown>, faults: Record<string, unknown> = {}) {
	const card = fields ? `new FakeThaiCard(${JSON.stringify(fields)})` : 'new FakeThaiCard()';
	await page.addInitScript({
		content: `${FAKE}
;(() => {
	const devs = ${profile ? `[new FakeCcidReader({ ...READERS.${profile}, ...${JSON.stringify(faults)} }, ${card})]` : '[]'};
	window.__fakeReaders = devs;
	const usb = fakeUsb(devs);
	Object.defineProperty(Navigator.prototype, 'usb', { get: () => usb, configurable: true });
})();`
	});
}

function cardFields(p: Person, extra: { titleTh: string; titleEn: string; firstEn: string; lastEn: string }) {
	const be = `${p.year}${p.month.padStart(2, '0')}${p.day.padStart(2, '0')}`;
	return {
		cid: p.id,
		th: `${extra.titleTh}#${p.first}##${p.last}`,
		en: `${extra.titleEn}#${extra.firstEn}##${extra.lastEn}`,
		birth: be,
		gender: '1',
		issuer: 'ที่ว่าการอำเภอเมือง',
		issue: '25650110',
		expiry: '99999999',
		address: '99/1#หมู่ที่ 2####แขวงสามเสนใน#เขตพญาไท#กรุงเทพมหานคร'
	};
}

async function toDetails(page: Page) {
	await page.goto('/register');
	// a box ticked before the page's scripts take over is unticked by hydration
	await hydrated(page);
	await page.getByLabel(/ข้าพเจ้าได้อ่านและยอมรับ/).check();
	await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
	await expect(page).toHaveURL(/\/register\/details/);
}

const readButton = (page: Page) => page.getByRole('button', { name: 'อ่านข้อมูลจากบัตรประชาชน' });

async function expectFilled(page: Page, p: { id: string; first: string; last: string; day: string; month: string; year: string }) {
	await expect(page.getByTestId('card-result')).toBeVisible();
	await expect(page.getByLabel(/เลขบัตรประชาชน/)).toHaveValue(p.id);
	await expect(page.getByLabel(/^ชื่อ/)).toHaveValue(p.first);
	await expect(page.getByLabel(/^นามสกุล/)).toHaveValue(p.last);
	await expect(page.getByLabel(/^วัน$/)).toHaveValue(p.day);
	await expect(page.getByLabel(/^เดือน$/)).toHaveValue(p.month);
	await expect(page.getByLabel(/^ปี/)).toHaveValue(p.year);
}

/**
 * A fake go-thai-smartcard agent. `onRead`: what it does on 'read-now' (a released agent does nothing); `holdMs`: the
 * connection is held that long before it opens (as Chrome holds it while asking about the local network).
 */
function startAgent(
	onRead: (ws: WebSocket) => void,
	opts: { holdMs?: number; onConnect?: (ws: WebSocket) => void; silent?: boolean } = {}
): Promise<WebSocketServer> {
	return new Promise((resolve) => {
		const wss: WebSocketServer = new WebSocketServer(
			{
				host: '127.0.0.1',
				port: 9898,
				path: '/ws',
				verifyClient: (_info: unknown, done: (ok: boolean) => void) => void setTimeout(() => done(true), opts.holdMs ?? 0)
			},
			() => resolve(wss)
		);
		wss.on('connection', (ws: WebSocket) => {
			opts.onConnect?.(ws);
			// a released agent says nothing on connecting, and answers nothing the page sends
			if (opts.silent) return;
			ws.send(JSON.stringify({ event: 'smc-status', payload: { reader: 'ACS ACR39U', card: true } }));
			ws.on('message', (data: Buffer) => {
				if (JSON.parse(String(data)).action === 'read-now') onRead(ws);
			});
		});
	});
}
const stopAgent = (wss: WebSocketServer) => new Promise<void>((r) => wss.close(() => r()));

/** The demo person's record as the agent sends it, with the card's photo. */
const AGENT_PERSONAL = { ...WITHOUT_PHOTO, base64_img: PHOTO_B64 };

test.describe('ID card reader', () => {
	// in order, in one worker: the card agent's address is built into the app (ws://127.0.0.1:9898), so the fake agent
	// of one test would answer the pages of another running at the same time
	test.describe.configure({ mode: 'default' });
	test('an ACR39U-like reader (TPDU, self-configuring, time extensions) fills step 2, and registration completes', async ({ page }) => {
		const p = freshPerson();
		const names = query<{ titleTh: string; titleEn: string; firstEn: string; lastEn: string }>(
			'SELECT title_th titleTh, title_en titleEn, first_name_en firstEn, last_name_en lastEn FROM persons WHERE national_id = ?',
			p.id
		)[0]!;
		await injectReader(page, 'acr39u', cardFields(p, names));
		await toDetails(page);
		await expectNoAxeViolations(page);
		await screenshots(page, 'card-1-button');
		await readButton(page).click();
		await expectFilled(page, p);
		await expect(page.getByRole('img', { name: 'รูปจากบัตรประชาชน' })).toBeVisible();
		await expectNoAxeViolations(page);
		await screenshots(page, 'card-2-filled');
		// the citizen still types the phone and password, and may correct anything
		const phone = nextPhone();
		await page.getByLabel(/หมายเลขโทรศัพท์มือถือ/).fill(phone);
		await page.getByLabel(/^ตั้งรหัสผ่าน/).fill(PASSWORD);
		await page.getByLabel(/^ยืนยันรหัสผ่าน/).fill(PASSWORD);
		await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
		await expect(page).toHaveURL(/\/register\/verify/);
		await page.getByLabel(/รหัสยืนยัน \(OTP\)/).fill(await latestCode(page.request, phone));
		await page.getByRole('button', { name: /^ยืนยัน$/ }).click();
		await expect(page).toHaveURL(/\/dashboard/);
	});

	test('a reader with no card in it: the page asks for the card by the reader’s name, then reads it when it goes in', async ({ page }) => {
		const p = freshPerson();
		const names = query<{ titleTh: string; titleEn: string; firstEn: string; lastEn: string }>(
			'SELECT title_th titleTh, title_en titleEn, first_name_en firstEn, last_name_en lastEn FROM persons WHERE national_id = ?',
			p.id
		)[0]!;
		await injectReader(page, 'acr39u', cardFields(p, names), { insertAfterMs: 3000 });
		await toDetails(page);
		await readButton(page).click();
		await expect(page.getByTestId('card-waiting')).toHaveText('เสียบบัตรประชาชนในเครื่องอ่าน ACS ACR39U โดยให้ด้านที่มีชิปทองหงายขึ้นและเข้าไปก่อน');
		await expect(page.getByTestId('card-progress')).toHaveCount(0);
		await screenshots(page, 'card-0-waiting');
		await expectFilled(page, p);
		await expect(page.getByTestId('card-waiting')).toHaveCount(0);
	});

	for (const profile of ['acr38u', 'br301'] as const) {
		test(`a ${profile === 'acr38u' ? 'ACR38U-like reader (TPDU, needs SetParameters, stale frames)' : 'bR301-like reader (APDU level, replies split over transfers)'} fills step 2`, async ({
			page
		}) => {
			await injectReader(page, profile);
			await toDetails(page);
			await readButton(page).click();
			await expectFilled(page, DEMO.s33Active);
			const calls = await page.evaluate(() => (window as unknown as { __fakeReaders: { calls: { setParameters: number } }[] }).__fakeReaders[0]!.calls);
			expect(calls.setParameters).toBe(profile === 'acr38u' ? 1 : 0);
		});
	}

	test('the Web Smart Card API (ChromeOS Isolated Web Apps) fills step 2 when WebUSB has no reader', async ({ page }) => {
		await injectReader(page, null);
		await page.addInitScript({
			content: `${FAKE}
;(() => { const sc = fakeSmartCard(); Object.defineProperty(Navigator.prototype, 'smartCard', { get: () => sc, configurable: true }); })();`
		});
		await toDetails(page);
		await readButton(page).click();
		await expectFilled(page, DEMO.s33Active);
	});

	test('an ordinary page: claimInterface throws SecurityError → the browser-blocks message, remembered for the session', async ({ page }) => {
		await injectReader(page, 'blocked');
		await toDetails(page);
		await readButton(page).click();
		await expect(page.getByTestId('card-error')).toHaveAttribute('data-code', 'security');
		await expect(page.getByTestId('card-error')).toContainText('เบราว์เซอร์ไม่อนุญาตให้เว็บไซต์ใช้เครื่องอ่านบัตรโดยตรง');
		await expect(page.getByRole('link', { name: /วิธีใช้เครื่องอ่านบัตร/ })).toHaveAttribute('href', '/help/card-reader');
		await expectNoAxeViolations(page);
		await screenshots(page, 'card-3-security');
		// the form is still there to type in
		await expect(page.getByLabel(/เลขบัตรประชาชน/)).toBeEditable();
		await readButton(page).click();
		await expect(page.getByTestId('card-error')).toHaveAttribute('data-code', 'agent_unavailable');
		const claims = await page.evaluate(
			() => (window as unknown as { __fakeReaders: { calls: { claimInterface: number } }[] }).__fakeReaders[0]!.calls.claimInterface
		);
		expect(claims).toBe(1);
	});

	test('the card agent: smc-data fills the form; smc-error and no agent each say what to do', async ({ page }) => {
		await injectReader(page, null);
		const personal = AGENT_PERSONAL;
		let wss = await startAgent((ws) => {
			ws.send(JSON.stringify({ event: 'smc-inserted', payload: {} }));
			ws.send(JSON.stringify({ event: 'smc-data', payload: { personal } }));
		});
		try {
			await toDetails(page);
			await readButton(page).click();
			await expectFilled(page, DEMO.s33Active);
		} finally {
			await stopAgent(wss);
		}

		wss = await startAgent((ws) => ws.send(JSON.stringify({ event: 'smc-error', payload: { message: 'card read failed' } })));
		try {
			await page.reload();
			await readButton(page).click();
			await expect(page.getByTestId('card-error')).toHaveAttribute('data-code', 'agent_error');
			await expect(page.getByTestId('card-error')).toContainText('ถอดบัตรแล้วเสียบใหม่');
		} finally {
			await stopAgent(wss);
		}

		await page.reload();
		await readButton(page).click();
		await expect(page.getByTestId('card-error')).toHaveAttribute('data-code', 'agent_unavailable');
		await expect(page.getByTestId('card-error')).toContainText('ไม่พบโปรแกรมอ่านบัตรประชาชนบนเครื่องนี้');
		await screenshots(page, 'card-4-no-agent');
	});

	test('a released agent reads only when a card goes in: a card already in is asked out and back in, and then fills the form', async ({ page }) => {
		await injectReader(page, null);
		const sockets: WebSocket[] = [];
		// the 2023 releases say nothing on connecting and ignore read-now: nothing comes until a card is inserted
		const wss = await startAgent(() => {}, { onConnect: (ws) => sockets.push(ws), silent: true });
		try {
			await toDetails(page);
			const started = Date.now();
			await readButton(page).click();
			const waiting = page.getByTestId('card-waiting');
			await expect(waiting).toHaveAttribute('data-kind', 'reinsert');
			await expect(waiting).toContainText('ถอดบัตรประชาชนออกจากเครื่องอ่าน แล้วเสียบใหม่');
			await expect(waiting).toContainText('ถ้ายังไม่ได้เสียบบัตร ให้เสียบได้เลย');
			// said within seconds, not after a timeout
			expect(Date.now() - started).toBeLessThan(10_000);
			await expect(page.getByTestId('card-error')).toHaveCount(0);
			await screenshots(page, 'card-5-reinsert');
			// the card goes in again: the same connection, kept open, brings the data
			const ws = sockets.at(-1)!;
			ws.send(JSON.stringify({ event: 'smc-removed', payload: {} }));
			await expect(waiting).toHaveAttribute('data-kind', 'insert');
			ws.send(JSON.stringify({ event: 'smc-inserted', payload: {} }));
			ws.send(JSON.stringify({ event: 'smc-data', payload: { personal: AGENT_PERSONAL } }));
			await expectFilled(page, DEMO.s33Active);
			await expect(waiting).toHaveCount(0);
		} finally {
			await stopAgent(wss);
		}
	});

	test('Chrome asks about the local network: the page says to press Allow and waits for the answer; a refusal says how to allow it', async ({ page }) => {
		await injectReader(page, null);
		// the browser's permission state, as Chrome 142+ reports it, and a connection held until the person answers
		await page.addInitScript(() => {
			const query = navigator.permissions.query.bind(navigator.permissions);
			const w = window as unknown as { __lna: PermissionState };
			w.__lna = 'prompt';
			navigator.permissions.query = ((d: PermissionDescriptor) =>
				['local-network-access', 'loopback-network'].includes(d.name as string)
					? Promise.resolve({ name: d.name, state: w.__lna, onchange: null } as unknown as PermissionStatus)
					: query(d)) as typeof navigator.permissions.query;
		});
		const wss = await startAgent((ws) => ws.send(JSON.stringify({ event: 'smc-data', payload: { personal: AGENT_PERSONAL } })), { holdMs: 5_000 });
		try {
			await toDetails(page);
			await readButton(page).click();
			const waiting = page.getByTestId('card-waiting');
			await expect(waiting).toHaveAttribute('data-kind', 'allow');
			await expect(waiting).toContainText('กด "อนุญาต" (Allow)');
			await screenshots(page, 'card-6-allow');
			// answered after 5 s, longer than an agent that is not there takes to refuse: still read
			await expectFilled(page, DEMO.s33Active);
		} finally {
			await stopAgent(wss);
		}

		await page.evaluate(() => ((window as unknown as { __lna: string }).__lna = 'denied'));
		await readButton(page).click();
		await expect(page.getByTestId('card-error')).toHaveAttribute('data-code', 'agent_blocked');
		await expect(page.getByTestId('card-error')).toContainText('"เครือข่ายภายใน" (Local network access) เป็น "อนุญาต"');
		await screenshots(page, 'card-7-agent-blocked');
	});

	test('the officer’s screen clears when the agent says the card was taken out', async ({ page }) => {
		await injectReader(page, null);
		const sockets: WebSocket[] = [];
		const wss = await startAgent((ws) => ws.send(JSON.stringify({ event: 'smc-data', payload: { personal: AGENT_PERSONAL } })), {
			onConnect: (ws) => sockets.push(ws)
		});
		try {
			await staffSignedIn(page, 'officer', ['--centre', CENTRE]);
			await page.goto('/staff/officer');
			await hydrated(page);
			await page.getByRole('button', { name: 'เสียบบัตรแล้วกดปุ่มนี้' }).click();
			await expect(page.getByTestId('officer-summary')).toBeVisible();
			await expect(page.getByTestId('officer-method')).toHaveText('อ่านจากบัตรประชาชน');
			// the page watches the card on a connection of its own
			await expect.poll(() => sockets.filter((ws) => ws.readyState === ws.OPEN).length).toBeGreaterThan(0);
			for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event: 'smc-removed', payload: {} }));
			await expect(page.getByTestId('officer-cleared')).toHaveText('ดึงบัตรออกแล้ว ล้างข้อมูลบนหน้าจอแล้ว', { timeout: 10_000 });
			await expect(page.getByTestId('officer-summary')).toHaveCount(0);
		} finally {
			await stopAgent(wss);
		}
	});

	test('forgot password: the ID and birth date come from the card', async ({ page }) => {
		await injectReader(page, 'br301');
		await page.goto('/forgot-password');
		await readButton(page).click();
		await expect(page.getByTestId('card-result')).toBeVisible();
		await expect(page.getByLabel(/เลขบัตรประชาชน/)).toHaveValue('1103700123458');
		await expect(page.getByLabel(/^ปี/)).toHaveValue('2528');
	});

	test('phones get no card button; the help page explains every setup and message', async ({ browser }) => {
		const phone = await browser.newContext({ ...devices['Pixel 5'] });
		const page = await phone.newPage();
		await page.goto('/forgot-password');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(readButton(page)).toHaveCount(0);
		await page.goto('/help/card-reader');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('อ่านบัตรประชาชนด้วยเครื่องอ่านบัตร');
		await expect(page.locator('main')).toContainText('go-thai-smartcard');
		await expectNoAxeViolations(page);
		await screenshots(page, 'card-help');
		await phone.close();
	});
});
