/**
 * Notifications in a real Chromium: the citizen's choices, turning this device on (the browser's push subscription
 * is made by the page's button only), a notice sent by the server through the worker's local push service, and the
 * service worker showing it when that message is delivered to it (DevTools Protocol ServiceWorker.deliverPushMessage).
 *
 * Chromium here has no push service of its own (no Google keys), so PushManager.subscribe is stood in for by a
 * subscription at the worker's local push service with keys made here, exactly as a browser's would be; everything
 * else is the real page, server, encryption and service worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { freshPerson, registerThroughUi, expectNoAxeViolations, screenshots, query } from './helpers';
import { workerApp } from './worker-app';
import { decrypt, vapidClaims, type Subscriber } from '../support/fake-push';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** The page's PushManager, standing in for Chromium's missing push service with `sub`'s endpoint and keys. */
async function withSubscription(page: Page, sub: Subscriber): Promise<void> {
	await page.addInitScript(
		({ endpoint, p256dh, auth }) => {
			const KEY = 'test-push-subscription';
			const make = (key: ArrayBuffer) => ({
				endpoint,
				expirationTime: null,
				options: { userVisibleOnly: true, applicationServerKey: key },
				getKey: () => null,
				toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
				unsubscribe: async () => {
					localStorage.removeItem(KEY);
					return true;
				}
			});
			const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;
			PushManager.prototype.subscribe = async function (o?: PushSubscriptionOptionsInit) {
				const key = o?.applicationServerKey as Uint8Array;
				localStorage.setItem(KEY, btoa(String.fromCharCode(...new Uint8Array(key))));
				return make(new Uint8Array(key).buffer) as unknown as PushSubscription;
			};
			PushManager.prototype.getSubscription = async function () {
				const k = localStorage.getItem(KEY);
				return (k ? make(fromB64(k)) : null) as unknown as PushSubscription;
			};
		},
		{ endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth }
	);
}

/** The page's service worker registration id (for the DevTools Protocol). */
async function registrationId(page: Page): Promise<{ cdp: import('@playwright/test').CDPSession; id: string }> {
	const cdp = await page.context().newCDPSession(page);
	const found = new Promise<string>((resolve) =>
		cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
			const r = e.registrations.find((x) => !x.isDeleted && x.scopeURL.startsWith(workerApp().url));
			if (r) resolve(r.registrationId);
		})
	);
	await cdp.send('ServiceWorker.enable');
	return { cdp, id: await found };
}

test('notifications: a citizen turns this device on, chooses by kind, gets a status change as a push the service worker shows, and log-out stops it', async ({
	page,
	context
}) => {
	const push = workerApp().push!;
	const sub = push.subscriber();
	await withSubscription(page, sub);
	await context.grantPermissions(['notifications'], { origin: workerApp().url });
	const p = freshPerson();
	const phone = await registerThroughUi(page, p);
	await page.evaluate(() => navigator.serviceWorker.ready);

	// the profile page leads there and lists no device yet
	await page.goto('/profile');
	await expect(page.getByText('ยังไม่มีอุปกรณ์ที่รับการแจ้งเตือน การเตือนต่าง ๆ ส่งทาง SMS')).toBeVisible();
	await page.getByRole('link', { name: 'ตั้งค่าการแจ้งเตือน' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('การแจ้งเตือน');
	// the defaults: deadlines by both, news of applications by push (by SMS while no device receives it, as the page says)
	await expect(page.getByRole('group', { name: 'กรณีว่างงาน' }).getByLabel('SMS')).toBeChecked();
	await expect(page.getByRole('group', { name: 'กรณีว่างงาน' }).getByLabel('แจ้งเตือนบนอุปกรณ์')).toBeChecked();
	await expect(page.getByRole('group', { name: 'ความคืบหน้าของคำขอ' }).getByLabel('SMS')).not.toBeChecked();
	await expect(page.getByRole('group', { name: 'ความคืบหน้าของคำขอ' }).getByLabel('แจ้งเตือนบนอุปกรณ์')).toBeChecked();
	await expect(page.getByText('ถ้าเลือกแจ้งเตือนบนอุปกรณ์ แต่ยังไม่มีอุปกรณ์ที่รับได้')).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'notices-0-off');

	// the browser is asked only when the button is pressed; the subscription reaches the server
	expect(await page.evaluate(() => localStorage.getItem('test-push-subscription'))).toBeNull();
	await page.getByRole('button', { name: 'เปิดการแจ้งเตือนบนอุปกรณ์นี้' }).click();
	await expect(page.getByTestId('push-on')).toHaveText('อุปกรณ์นี้รับการแจ้งเตือนอยู่');
	await expect(page.getByTestId('push-device')).toHaveCount(1);
	await expect(page.getByTestId('push-device')).toContainText('อุปกรณ์นี้');
	const userId = query<{ id: string }>('SELECT id FROM users WHERE national_id = ?', p.id)[0]!.id;
	expect(query('SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ?', userId)).toEqual([
		{ endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth }
	]);
	// the subscription was made with the portal's own key
	const key = await page.evaluate(() => localStorage.getItem('test-push-subscription'));
	const vapid = JSON.parse(fs.readFileSync(path.join(path.dirname(workerApp().db), 'vapid.json'), 'utf8')) as { publicKey: string };
	expect(Buffer.from(key!, 'base64').toString('base64url')).toBe(vapid.publicKey);

	// with a device on, news of applications goes by push only (the default), and the citizen turns hospital SMS off
	await page.reload();
	await expect(page.getByTestId('push-on')).toBeVisible();
	await page.getByRole('group', { name: 'การเปลี่ยนโรงพยาบาล' }).getByLabel('SMS').uncheck();
	await page.getByRole('button', { name: 'บันทึกการเลือก' }).click();
	await expect(page.getByText('บันทึกการเลือกแล้ว')).toBeVisible();
	expect(query('SELECT kind, push, sms FROM notice_prefs WHERE user_id = ? ORDER BY kind', userId)).toContainEqual({ kind: 'hospital', push: 1, sms: 0 });
	await screenshots(page, 'notices-1-on');

	// a status change, as an officer's decision makes it: sent to the push service, encrypted for this browser
	const before = push.received.length;
	const { notifyNow } = await import('../../src/server/notify/notices');
	await notifyNow({
		userId,
		key: `application:HOS-E2E:${Date.now()}`,
		kind: 'application',
		params: { type: 'application', ref: 'HOS-2569-009999', app: 'hospital', status: 'approved', reason: null },
		now: true
	});
	expect(push.received.length).toBe(before + 1);
	const message = push.received.at(-1)!;
	expect(message.headers['content-encoding']).toBe('aes128gcm');
	expect((await vapidClaims(message.headers, vapid.publicKey)).aud).toBe(push.origin);
	const text = decrypt(sub, message.body);
	expect(JSON.parse(text)).toEqual({ kind: 'application', lang: 'th', title: 'ประกันสังคม', body: 'มีการอัปเดตคำขอของคุณ', url: '/applications' });
	expect(text).not.toContain('HOS-2569-009999');
	// …and not texted: push only for this kind now
	expect(query("SELECT count(*) n FROM sms_outbox WHERE to_phone = ? AND purpose LIKE 'application:%'", phone)[0]).toEqual({ n: 0 });

	// the service worker shows what the push service delivers
	const { cdp, id } = await registrationId(page);
	const [sw] = context.serviceWorkers();
	const shown = () =>
		sw!.evaluate(async () =>
			(await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications()).map((n) => ({
				title: n.title,
				body: n.body,
				tag: n.tag,
				url: (n.data as { url?: string } | null)?.url
			}))
		);
	await cdp.send('ServiceWorker.deliverPushMessage', { origin: workerApp().url, registrationId: id, data: text });
	await expect.poll(shown, { timeout: 15_000 }).toEqual([{ title: 'ประกันสังคม', body: 'มีการอัปเดตคำขอของคุณ', tag: 'application', url: '/applications' }]);
	// a push the worker cannot read still shows a notification
	await cdp.send('ServiceWorker.deliverPushMessage', { origin: workerApp().url, registrationId: id, data: 'garbled' });
	await expect.poll(async () => (await shown()).map((n) => [n.tag, n.url]), { timeout: 15_000 }).toContainEqual(['prakan', '/dashboard']);

	// the profile page lists the device
	await page.goto('/profile');
	await expect(page.getByTestId('push-device')).toHaveCount(1);
	await expect(page.getByText('อุปกรณ์ที่รับการแจ้งเตือนของบัญชีนี้ (1)')).toBeVisible();

	// logging out of this device stops its notifications: nothing more is sent to it
	await page
		.getByRole('button', { name: /ออกจากระบบ/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/login/);
	expect(query('SELECT count(*) n FROM push_subscriptions WHERE user_id = ?', userId)[0]).toEqual({ n: 0 });
	const sent = push.received.length;
	await notifyNow({
		userId,
		key: `application:HOS-E2E:after-logout`,
		kind: 'application',
		params: { type: 'application', ref: 'HOS-2569-009999', app: 'hospital', status: 'rejected', reason: null },
		now: true
	});
	expect(push.received.length).toBe(sent);
	// …and the news still reaches the citizen: by SMS, since no device receives it now
	expect(query("SELECT body FROM sms_outbox WHERE to_phone = ? AND purpose = 'application:rejected'", phone)).toEqual([
		{ body: 'ประกันสังคม: เปลี่ยนสถานพยาบาล เลขที่ HOS-2569-009999 สถานะ: ไม่อนุมัติ' }
	]);
});

test('notifications: an iPhone outside the installed app is told to add it to the home screen; a browser that blocked them is told how to allow them', async ({
	browser
}) => {
	const p = freshPerson();
	const ctx = await browser.newContext({ userAgent: IPHONE, viewport: { width: 360, height: 740 } });
	const page = await ctx.newPage();
	await registerThroughUi(page, p);
	await page.goto('/profile/notifications');
	await expect(page.getByTestId('push-ios')).toContainText('iOS 16.4');
	await expect(page.getByRole('button', { name: 'เปิดการแจ้งเตือนบนอุปกรณ์นี้' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await screenshots(page, 'notices-2-ios');
	await ctx.close();

	const blocked = await browser.newContext();
	const page2 = await blocked.newPage();
	await page2.addInitScript(() => Object.defineProperty(Notification, 'permission', { get: () => 'denied' }));
	const p2 = freshPerson();
	await registerThroughUi(page2, p2);
	await page2.goto('/profile/notifications');
	await expect(page2.getByRole('status').filter({ hasText: 'คุณไม่อนุญาตการแจ้งเตือนในเบราว์เซอร์นี้' })).toBeVisible();
	await blocked.close();
});
