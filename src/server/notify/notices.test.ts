import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAccountTo, freshDatabase, seedTestRegistry, testEngines, type TestDb } from '../../../tests/unit/engines';
import { decrypt, startFakePushService, type FakePushService, type Subscriber } from '../../../tests/support/fake-push';
import { setClockOffset, now } from '../clock';
import { DEMO_PEOPLE } from '../registry/seed';
import { loadRecords } from '../registry/records';
import { remindersFor } from '../applications/actions';
import { revokeSessions } from '../accounts/account';
import { isoDateInBangkok } from '$lib/format/date';
import { addDays } from '$lib/rules/periods';
import {
	deliverDue,
	enqueue,
	forgetDevices,
	linkDeviceSubscriptions,
	noticeCounts,
	notifyNow,
	removeDeviceSubscriptions,
	saveChoices,
	saveSubscription,
	subscriptionsOf
} from './notices';
import { transaction } from '../db';
import { reminderHousekeeping, runReminders } from './reminders';
import type { NoticeParams } from './render';
import { sendSms } from '../sms';
import { NOTICE_KINDS, type NoticeKind } from '$lib/notices';

const engines = await testEngines('notice tests on PostgreSQL');
let db: TestDb;
let push: FakePushService;
beforeAll(async () => {
	push = await startFakePushService();
});
afterAll(() => push.close());

/** Put the server's clock at a Bangkok time of day. */
const setBangkok = (iso: string, hhmm = '12:00') => setClockOffset(Date.parse(`${iso}T${hhmm}:00+07:00`) - Date.now());
const TODAY = '2026-11-26';
const texts = (phone: string) => db.all<{ body: string; purpose: string }>('SELECT body, purpose FROM sms_outbox WHERE to_phone = ? ORDER BY id', phone);
const addUser = (id: string, nationalId: string, phone: string) => addAccountTo(db, id, nationalId, phone);
const addSession = (id: string, userId: string) =>
	db.run('INSERT INTO sessions (id,user_id,created_at,last_seen_at,expires_at) VALUES (?,?,?,?,?)', id, userId, now(), now(), now() + 3_600_000);
const subscribe = async (userId: string, sessionId: string, device: string | null = null): Promise<Subscriber> => {
	const s = push.subscriber();
	await saveSubscription({ userId, sessionId, device, userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile' }, s);
	return s;
};
const pushesTo = (s: Subscriber) => push.received.filter((r) => r.path === new URL(s.endpoint).pathname).map((r) => JSON.parse(decrypt(s, r.body)));
const appNews = (ref: string, status: 'submitted' | 'approved' = 'submitted'): NoticeParams => ({
	type: 'application',
	ref,
	app: 'section40',
	status,
	reason: null
});
const BOTH = Object.fromEntries(NOTICE_KINDS.map((k) => [k, { push: true, sms: true }])) as Record<NoticeKind, { push: boolean; sms: boolean }>;
const dueParams: NoticeParams = { type: 'contribution_due', section: 39, period: '2026-11', amountSatang: 43_200, due: '2026-12-15', today: false };

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		push.received.length = 0;
		db = await freshDatabase(engine, { PUSH_SERVICE_ORIGINS: push.origin });
		setBangkok(TODAY);
		await seedTestRegistry(db, { persons: 30, today: TODAY, seed: 7 });
		await addUser('u1', DEMO_PEOPLE.s39.id, '0811111111');
		await addSession('s1', 'u1');
	});

	describe('the queue', () => {
		it('sends news of an application by SMS while no device receives push, by push once one does, each once', async () => {
			await notifyNow({ userId: 'u1', key: 'application:S40-1:submitted', kind: 'application', params: appNews('S40-2569-000001'), now: true });
			await notifyNow({ userId: 'u1', key: 'application:S40-1:submitted', kind: 'application', params: appNews('S40-2569-000001'), now: true });
			expect((await texts('0811111111')).map((t) => t.purpose)).toEqual(['application:submitted']);
			expect((await texts('0811111111'))[0]!.body).toContain('S40-2569-000001');

			const phone = await subscribe('u1', 's1');
			await notifyNow({ userId: 'u1', key: 'application:S40-1:approved', kind: 'application', params: appNews('S40-2569-000001', 'approved'), now: true });
			expect(await texts('0811111111')).toHaveLength(1);
			// the push carries the kind and a short text, and opens the list: no reference, name or amount
			expect(pushesTo(phone)).toEqual([{ kind: 'application', lang: 'th', title: 'ประกันสังคม', body: 'มีการอัปเดตคำขอของคุณ', url: '/applications' }]);
			expect(await db.count("SELECT count(*) FROM notices WHERE state = 'sent'")).toBe(2);
		});

		it('sends deadlines by push and SMS unless the citizen chose otherwise, in the account’s language', async () => {
			const phone = await subscribe('u1', 's1');
			await enqueue({ userId: 'u1', key: 'a', kind: 'contribution', params: dueParams });
			expect(await deliverDue()).toBe(1);
			expect(pushesTo(phone)).toHaveLength(1);
			expect((await texts('0811111111')).map((t) => t.body)).toEqual(['ประกันสังคม: เงินสมทบมาตรา 39 เดือนพ.ย. 2569 432.00 บาท ชำระภายใน 15 ธ.ค. 2569']);

			await saveChoices('u1', {
				...BOTH,
				contribution: { push: false, sms: true },
				employer: { push: true, sms: false },
				hospital: { push: false, sms: false }
			});
			await db.run("UPDATE users SET locale = 'en' WHERE id = 'u1'");
			await enqueue({ userId: 'u1', key: 'b', kind: 'contribution', params: { ...dueParams, period: '2026-12', due: '2027-01-15' } });
			await enqueue({ userId: 'u1', key: 'c', kind: 'hospital', params: { type: 'hospital_window_open', from: '2026-12-16', to: '2027-03-31' } });
			await enqueue({
				userId: 'u1',
				key: 'd',
				kind: 'employer',
				params: { type: 'employer_missing', period: '2026-10', due: '2026-11-16', employer: 'บริษัท', employerEn: 'Acme Co.' }
			});
			await deliverDue();
			expect(pushesTo(phone).map((p) => p.kind)).toEqual(['contribution', 'employer']);
			expect((await texts('0811111111')).slice(1).map((t) => t.body)).toEqual([
				'Social Security: your section 39 contribution for Dec 2569 BE, 432.00 baht, is due by 15 Jan 2570 BE.'
			]);
			expect(await db.all('SELECT key, state, pushed, sms FROM notices ORDER BY key')).toEqual([
				{ key: 'a', state: 'sent', pushed: 1, sms: 'sent' },
				{ key: 'b', state: 'sent', pushed: 0, sms: 'sent' },
				{ key: 'c', state: 'dropped', pushed: 0, sms: null },
				{ key: 'd', state: 'sent', pushed: 1, sms: null }
			]);
		});

		it('removes a subscription the push service no longer knows (404, 410), and the other devices still get it', async () => {
			const gone = await subscribe('u1', 's1');
			const kept = await subscribe('u1', 's1');
			const lost = await subscribe('u1', 's1');
			push.answer(gone, 410);
			push.answer(lost, 404);
			await notifyNow({ userId: 'u1', key: 'x', kind: 'application', params: appNews('S40-2569-000002'), now: true });
			expect(pushesTo(kept)).toHaveLength(1);
			expect((await subscriptionsOf('u1')).map((s) => s.endpoint)).toEqual([kept.endpoint]);
			expect(await db.get('SELECT pushed, sms FROM notices')).toEqual({ pushed: 1, sms: null });
		});

		it('holds the schedule’s notices over quiet hours (21:00–08:00 Bangkok); a person’s action goes at once', async () => {
			setBangkok(TODAY, '21:30');
			await enqueue({ userId: 'u1', key: 'reminder', kind: 'contribution', params: dueParams });
			await notifyNow({ userId: 'u1', key: 'system', kind: 'application', params: appNews('S40-2569-000003'), now: false });
			await notifyNow({ userId: 'u1', key: 'officer', kind: 'application', params: appNews('S40-2569-000004'), now: true });
			expect((await texts('0811111111')).map((t) => t.body.includes('000004'))).toEqual([true]);
			setBangkok(addDays(TODAY, 1), '07:59');
			expect(await deliverDue()).toBe(0);
			setBangkok(addDays(TODAY, 1), '08:00');
			expect(await deliverDue()).toBe(2);
			expect(await deliverDue()).toBe(0);
			expect(await texts('0811111111')).toHaveLength(3);
		});

		it('counts texts against the account’s daily cap and half the hourly budget; a text over the budget waits for the next hour, its push not repeated', async () => {
			db = await freshDatabase(engine, { PUSH_SERVICE_ORIGINS: push.origin, NOTICE_SMS_PER_DAY: '2', SMS_PER_HOUR: '4' });
			setBangkok(TODAY, '10:00');
			await seedTestRegistry(db, { persons: 30, today: TODAY, seed: 7 });
			await addUser('u1', DEMO_PEOPLE.s39.id, '0811111111');
			await addUser('u2', DEMO_PEOPLE.s40.id, '0822222222');
			await addSession('s1', 'u1');
			await addSession('s2', 'u2');
			const phone1 = await subscribe('u1', 's1');
			const phone2 = await subscribe('u2', 's2');
			for (const key of ['a', 'b', 'c']) await enqueue({ userId: 'u1', key, kind: 'contribution', params: dueParams });
			for (const key of ['a', 'b']) await enqueue({ userId: 'u2', key, kind: 'contribution', params: dueParams });
			await deliverDue();
			expect(pushesTo(phone1)).toHaveLength(3);
			expect(pushesTo(phone2)).toHaveLength(2);
			const rows = () => db.all('SELECT user_id, key, state, sms FROM notices ORDER BY user_id, key');
			// u1's third text is over its day's cap; u2's texts are over the notices' half of the hour (2 of 4)
			expect(await rows()).toEqual([
				{ user_id: 'u1', key: 'a', state: 'sent', sms: 'sent' },
				{ user_id: 'u1', key: 'b', state: 'sent', sms: 'sent' },
				{ user_id: 'u1', key: 'c', state: 'sent', sms: 'capped' },
				{ user_id: 'u2', key: 'a', state: 'queued', sms: 'retry' },
				{ user_id: 'u2', key: 'b', state: 'queued', sms: 'retry' }
			]);
			// the other half stays for codes
			await sendSms('otp:login', { to: '0822222222', body: 'รหัส 123456' }, { phoneIs: 'on_file' });
			setBangkok(TODAY, '11:00');
			expect(await deliverDue()).toBe(2);
			expect(pushesTo(phone2)).toHaveLength(2);
			expect((await rows()).slice(3)).toEqual([
				{ user_id: 'u2', key: 'a', state: 'sent', sms: 'sent' },
				{ user_id: 'u2', key: 'b', state: 'sent', sms: 'sent' }
			]);
			expect(await texts('0822222222')).toHaveLength(3);
		});

		it('texts instead when the push reaches no device, and sends nothing for a kind with both turned off', async () => {
			const phone = await subscribe('u1', 's1');
			push.answer(phone, 503);
			await saveChoices('u1', { ...BOTH, application: { push: true, sms: false }, hospital: { push: false, sms: false } });
			await notifyNow({ userId: 'u1', key: 'a', kind: 'application', params: appNews('S40-2569-000005'), now: true });
			await enqueue({ userId: 'u1', key: 'h', kind: 'hospital', params: { type: 'hospital_window_open', from: '2026-12-16', to: '2027-03-31' } });
			await deliverDue();
			expect((await texts('0811111111')).map((t) => t.purpose)).toEqual(['application:submitted']);
			expect(await db.all('SELECT key, state, pushed, sms FROM notices ORDER BY key')).toEqual([
				{ key: 'a', state: 'sent', pushed: 0, sms: 'sent' },
				{ key: 'h', state: 'dropped', pushed: 0, sms: null }
			]);
			// the failing service kept the subscription: only 404 and 410 remove one
			expect(await subscriptionsOf('u1')).toHaveLength(1);
		});

		it('a notice that cannot be read is dropped and the rest still go; one left claimed by a stopped process is said after an hour', async () => {
			await enqueue({ userId: 'u1', key: 'bad', kind: 'contribution', params: dueParams });
			await db.run("UPDATE notices SET params = 'not json' WHERE key = 'bad'");
			await enqueue({ userId: 'u1', key: 'good', kind: 'contribution', params: dueParams });
			expect(await deliverDue()).toBe(1);
			await enqueue({ userId: 'u1', key: 'stuck', kind: 'contribution', params: dueParams });
			await db.run("UPDATE notices SET state = 'sending' WHERE key = 'stuck'");
			setBangkok(TODAY, '13:30');
			await reminderHousekeeping();
			expect(await db.all("SELECT key, state, sms FROM notices WHERE key IN ('bad', 'good', 'stuck') ORDER BY key")).toEqual([
				{ key: 'bad', state: 'dropped', sms: 'error' },
				{ key: 'good', state: 'sent', sms: 'sent' },
				{ key: 'stuck', state: 'dropped', sms: 'lost' }
			]);
		});

		it('sends one notice once when two processes deliver at the same moment', async () => {
			for (const key of ['a', 'b', 'c', 'd']) await enqueue({ userId: 'u1', key, kind: 'contribution', params: dueParams });
			const [x, y] = await Promise.all([deliverDue(), deliverDue()]);
			expect(x + y).toBe(4);
			expect(await texts('0811111111')).toHaveLength(4);
		});
	});

	describe('nothing after log-out or closing', () => {
		it('logging out of a device, or signing its session out, removes its subscriptions only', async () => {
			await addSession('s2', 'u1');
			await addSession('s3', 'u1');
			await subscribe('u1', 's1', 'device-a');
			const b = await subscribe('u1', 's2', 'device-b');
			await subscribe('u1', 's3');
			await transaction((tx) => removeDeviceSubscriptions(tx, 'u1', { sessionIds: ['s1'], device: 'device-a' }));
			await revokeSessions({ userId: 'u1', nationalId: DEMO_PEOPLE.s39.id, ip: null }, ['s3']);
			expect((await subscriptionsOf('u1')).map((s) => s.endpoint)).toEqual([b.endpoint]);
			// another account's log-out touches nothing of this one
			await addUser('u2', DEMO_PEOPLE.s40.id, '0822222222');
			await transaction((tx) => removeDeviceSubscriptions(tx, 'u2', { sessionIds: ['s2'], device: 'device-b' }));
			expect(await subscriptionsOf('u1')).toHaveLength(1);
		});

		it('a device that signs in again follows its new session: signing that session out from another device stops it', async () => {
			await subscribe('u1', 's1', 'device-a');
			await addSession('s2', 'u1');
			await linkDeviceSubscriptions('u1', 's2', 'device-a');
			await revokeSessions({ userId: 'u1', nationalId: DEMO_PEOPLE.s39.id, ip: null }, ['s2']);
			expect(await subscriptionsOf('u1')).toEqual([]);
		});

		it('a password or phone change, a reset or a proof ends every other device’s notices; the device that made the change keeps its own', async () => {
			const mine = await subscribe('u1', 's1', 'device-a');
			await subscribe('u1', 's1', 'device-b');
			await subscribe('u1', 's1');
			await transaction((tx) => forgetDevices(tx, 'u1', { device: 'device-a' }));
			expect((await subscriptionsOf('u1')).map((s) => s.endpoint)).toEqual([mine.endpoint]);
			await transaction((tx) => forgetDevices(tx, 'u1', { sessionId: 's9' }));
			expect(await subscriptionsOf('u1')).toEqual([]);
		});

		it('another account cannot take a device’s subscription by its address alone; the same browser signed in to it can', async () => {
			const s = await subscribe('u1', 's1');
			await addUser('u2', DEMO_PEOPLE.s40.id, '0822222222');
			const them = { userId: 'u2', sessionId: 's2', device: null, userAgent: null };
			expect(await saveSubscription(them, { ...s, p256dh: push.subscriber().p256dh })).toBe(false);
			expect(await subscriptionsOf('u1')).toHaveLength(1);
			expect(await saveSubscription(them, s)).toBe(true);
			expect(await subscriptionsOf('u1')).toEqual([]);
			expect(await subscriptionsOf('u2')).toHaveLength(1);
		});

		it('a closed account is told nothing, whatever was queued', async () => {
			const phone = await subscribe('u1', 's1');
			await enqueue({ userId: 'u1', key: 'a', kind: 'contribution', params: dueParams });
			await db.run("UPDATE users SET closed_at = 1, phone = '' WHERE id = 'u1'");
			expect(await deliverDue()).toBe(0);
			expect(pushesTo(phone)).toHaveLength(0);
			expect(await db.get('SELECT state FROM notices')).toEqual({ state: 'dropped' });
		});
	});

	describe('the daily reminder run', () => {
		it('over five weeks of housekeeping, sends each reminder once, on its day, from 08:00, and never in quiet hours', async () => {
			const people = [
				['u1', DEMO_PEOPLE.s39.id, '0811111111'],
				['u2', DEMO_PEOPLE.s40.id, '0822222222'],
				['u3', DEMO_PEOPLE.dismissed.id, '0833333333'],
				['u4', DEMO_PEOPLE.s33Active.id, '0844444444']
			] as const;
			for (const [id, nid, phone] of people.slice(1)) await addUser(id, nid, phone);
			// what the pure rules owe each account, day by day
			const owed = new Map<string, string>();
			for (let d = 0; d < 35; d++) {
				const day = addDays(TODAY, d);
				for (const [id, nid] of people)
					for (const r of await remindersFor(nid, await loadRecords(nid, day, { applications: true }), day))
						if (!owed.has(`${id} ${r.key}`)) owed.set(`${id} ${r.key}`, day);
			}
			// what the demo registry owes in these five weeks, written out: the rules above must agree with it
			expect([...owed].map(([k, day]) => `${day} ${k}`).sort()).toEqual([
				'2026-11-26 u1 missed:39:2026-10',
				'2026-11-26 u3 register:2026-10-31:7',
				'2026-11-28 u3 register:2026-10-31:2',
				'2026-12-10 u1 due:39:2026-11:soon',
				'2026-12-10 u2 due:40:2026-11:soon',
				'2026-12-15 u1 due:39:2026-11:day',
				'2026-12-15 u2 due:40:2026-11:day',
				'2026-12-16 u1 hospital_open:2026-12-16',
				'2026-12-16 u1 missed:39:2026-11',
				'2026-12-16 u2 missed:40:2026-11',
				'2026-12-16 u4 employer:2026-11',
				'2026-12-16 u4 hospital_open:2026-12-16'
			]);
			// every second hour (00:30, 02:30, … 20:30, 22:30 Bangkok): the quiet hours, the first run after 08:00 and the last
			// before 21:00 each day, at half the cost of every hour
			for (let h = 0; h < 35 * 24; h += 2) {
				setClockOffset(Date.parse(`${TODAY}T00:30:00+07:00`) + h * 3_600_000 - Date.now());
				await reminderHousekeeping();
			}
			const sent = await db.all<{ user_id: string; key: string; sent_at: number | string; state: string }>('SELECT user_id, key, sent_at, state FROM notices');
			expect(new Map(sent.map((n) => [`${n.user_id} ${n.key}`, isoDateInBangkok(Number(n.sent_at))]))).toEqual(owed);
			for (const n of sent) {
				expect(n.state).toBe('sent');
				const hour = new Date(Number(n.sent_at) + 7 * 3_600_000).getUTCHours();
				expect(hour).toBeGreaterThanOrEqual(8);
				expect(hour).toBeLessThan(21);
			}
			// one text per notice (the cap of four a day is not reached by anyone here)
			expect(await db.count("SELECT count(*) FROM sms_outbox WHERE purpose LIKE 'reminder:%'")).toBe(sent.length);
			expect((await noticeCounts(0)).reduce((a, c) => a + c.sent, 0)).toBe(sent.length);
		}, 120_000);

		it('a run cut short goes on from its place, and a run made again (a restart) queues nothing twice', async () => {
			for (let i = 2; i <= 5; i++)
				await addUser(`u${i}`, [DEMO_PEOPLE.s40.id, DEMO_PEOPLE.dismissed.id, DEMO_PEOPLE.s33Active.id, DEMO_PEOPLE.neverInsured.id][i - 2]!, `08${i}0000000`);
			setBangkok('2026-12-10', '09:00');
			const first = await runReminders(now(), { batch: 2, budgetMs: 0 });
			expect(first).toMatchObject({ accounts: 2, done: false });
			const rest = await runReminders(now(), { batch: 2 });
			expect(rest).toMatchObject({ accounts: 3, done: true });
			expect(await runReminders(now())).toBeNull();
			const queued = await db.count('SELECT count(*) FROM notices');
			expect(queued).toBe(first!.queued + rest!.queued);
			expect(queued).toBeGreaterThan(0);
			// as if the process had died before saving its place: the whole day's run again
			await db.run('DELETE FROM reminder_runs');
			expect(await runReminders(now())).toMatchObject({ accounts: 5, queued: 0, done: true });
			await deliverDue();
			await db.run('DELETE FROM reminder_runs');
			await runReminders(now());
			expect(await deliverDue()).toBe(0);
			expect(await db.count('SELECT count(*) FROM notices')).toBe(queued);
		});

		it('does not run in quiet hours; the first hour from 08:00 does it', async () => {
			setBangkok('2026-12-10', '07:30');
			expect(await runReminders()).toBeNull();
			setBangkok('2026-12-10', '08:05');
			expect(await runReminders()).toMatchObject({ day: '2026-12-10', done: true });
		});
	});
});
