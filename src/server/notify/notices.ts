/**
 * Notices to citizens: reminders from the daily run and news of their applications, each queued once under its key
 * (notices.key, unique per account) and sent by push to the account's devices and by SMS, as the citizen chose
 * (src/lib/notices.ts). A notice made during quiet hours by the portal's own schedule waits until 08:00; one caused by
 * somebody's action at that moment (the citizen, an officer) goes at once.
 *
 * Exactly once: the queue row is made once (its key); a process claims it ('queued' → 'sending', a conditional update
 * only one process can win) before sending, and marks it 'sent' after. A process that dies while sending leaves it
 * 'sending': it is not sent again (a second text costs money and confuses; a lost one is logged).
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { db, one, schema, transaction, type Db } from '../db';
import { now } from '../clock';
import { log } from '../log';
import { take } from '../limits';
import { sendSms, SmsBudgetExceeded, SmsFailed } from '../sms';
import { afterQuietHours, channelsFor, type Channels } from '$lib/notices';
import { isoDateInBangkok } from '$lib/format/date';
import type { NoticeKind } from '$lib/vocabulary';
import { renderNotice, type NoticeParams } from './render';
import { sendPush } from './push';

export interface Enqueue {
	userId: string;
	key: string;
	kind: NoticeKind;
	params: NoticeParams;
	/** somebody's action now (not the portal's schedule): not held over quiet hours */
	now?: boolean;
}

/** Queue a notice unless one with its key was queued before; the id of the new row, or null. */
export async function enqueue(n: Enqueue, t = now()): Promise<number | null> {
	const rows = await transaction((tx) =>
		tx
			.insert(schema.notices)
			.values({
				userId: n.userId,
				key: n.key,
				kind: n.kind,
				params: JSON.stringify(n.params),
				createdAt: t,
				dueAt: n.now ? t : afterQuietHours(t),
				state: 'queued'
			})
			.onConflictDoNothing()
			.returning({ id: schema.notices.id })
	);
	return rows[0]?.id ?? null;
}

/** Queue and, when it may go now, send it straight away (news of an application). Never throws. */
export async function notifyNow(n: Enqueue, t = now()): Promise<void> {
	try {
		const id = await enqueue(n, t);
		if (id !== null) await deliverDue(t, [id]);
	} catch (e) {
		log.error({ err: e, kind: n.kind }, 'A notice could not be queued or sent');
	}
}

/** Send the queued notices whose time has come (or only those of `ids`), each by one process only. */
export async function deliverDue(t = now(), ids?: readonly number[], batch = 200): Promise<number> {
	let sent = 0;
	for (;;) {
		const due = await db()
			.select({ id: schema.notices.id })
			.from(schema.notices)
			.where(and(eq(schema.notices.state, 'queued'), lte(schema.notices.dueAt, t), ids ? inArray(schema.notices.id, [...ids]) : undefined))
			.orderBy(asc(schema.notices.dueAt))
			.limit(batch);
		for (const { id } of due) if (await deliverOne(id, t)) sent++;
		if (due.length < batch || ids) return sent;
	}
}

async function deliverOne(id: number, t: number): Promise<boolean> {
	const claimed = await one(
		transaction((tx) =>
			tx
				.update(schema.notices)
				.set({ state: 'sending' })
				.where(and(eq(schema.notices.id, id), eq(schema.notices.state, 'queued')))
				.returning()
		)
	);
	if (!claimed) return false;
	const user = await one(
		db()
			.select({ phone: schema.users.phone, locale: schema.users.locale, closedAt: schema.users.closedAt })
			.from(schema.users)
			.where(eq(schema.users.id, claimed.userId))
	);
	// a closed account is told nothing more
	if (!user || user.closedAt !== null || !user.phone) {
		await finish(id, { state: 'dropped', pushed: 0, sms: null }, t);
		return false;
	}
	const subs = await subscriptionsOf(claimed.userId);
	const ch = channelsFor(claimed.kind, await savedChoice(claimed.userId, claimed.kind), subs.length > 0);
	const params = JSON.parse(claimed.params) as NoticeParams;
	const text = renderNotice(params, user.locale, isoDateInBangkok(t));
	let pushed = 0;
	if (ch.push)
		for (const s of subs) {
			const r = await sendPush(s, { kind: claimed.kind, title: text.title, body: text.push, url: text.url });
			if (r.result === 'sent') {
				pushed++;
				await transaction((tx) => tx.update(schema.pushSubscriptions).set({ lastSentAt: t }).where(eq(schema.pushSubscriptions.id, s.id)));
			} else if (r.result === 'gone') {
				await transaction((tx) => tx.delete(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.id, s.id)));
				log.info({ status: r.status }, 'push subscription removed: the push service no longer knows it');
			} else log.warn({ error: r.error, kind: claimed.kind }, 'push failed');
		}
	const purpose = params.type === 'application' ? `application:${params.status}` : `reminder:${params.type}`;
	const sms = ch.sms ? await text_(claimed.userId, purpose, user.phone, text.sms, t) : null;
	await finish(id, { state: 'sent', pushed, sms }, t);
	return true;
}

/** The text of a notice: counted against the account's daily notice cap and the portal's hourly SMS budget. */
async function text_(userId: string, purpose: string, phone: string, body: string, t: number): Promise<string> {
	if (!(await take('notice_sms', { userId }, t)).ok) {
		log.warn({ purpose }, 'notice SMS not sent: the account had its texts for today');
		return 'capped';
	}
	try {
		await sendSms(purpose, { to: phone, body });
		return 'sent';
	} catch (e) {
		if (e instanceof SmsBudgetExceeded) return 'budget';
		if (!(e instanceof SmsFailed)) log.error({ err: e, purpose }, 'Unexpected error texting a notice');
		return 'failed';
	}
}

async function finish(id: number, r: { state: 'sent' | 'dropped'; pushed: number; sms: string | null }, t: number): Promise<void> {
	await transaction((tx) =>
		tx
			.update(schema.notices)
			.set({ ...r, sentAt: t })
			.where(eq(schema.notices.id, id))
	);
}

// ── Choices ──

export async function savedChoice(userId: string, kind: NoticeKind): Promise<Channels | null> {
	return (
		(await one(
			db()
				.select({ push: schema.noticePrefs.push, sms: schema.noticePrefs.sms })
				.from(schema.noticePrefs)
				.where(and(eq(schema.noticePrefs.userId, userId), eq(schema.noticePrefs.kind, kind)))
		)) ?? null
	);
}

export async function savedChoices(userId: string): Promise<Partial<Record<NoticeKind, Channels>>> {
	const rows = await db()
		.select({ kind: schema.noticePrefs.kind, push: schema.noticePrefs.push, sms: schema.noticePrefs.sms })
		.from(schema.noticePrefs)
		.where(eq(schema.noticePrefs.userId, userId));
	return Object.fromEntries(rows.map((r) => [r.kind, { push: r.push, sms: r.sms }]));
}

export async function saveChoices(userId: string, choices: Record<NoticeKind, Channels>): Promise<void> {
	await transaction(async (tx) => {
		for (const [kind, c] of Object.entries(choices) as [NoticeKind, Channels][])
			await tx
				.insert(schema.noticePrefs)
				.values({ userId, kind, push: c.push, sms: c.sms })
				.onConflictDoUpdate({ target: [schema.noticePrefs.userId, schema.noticePrefs.kind], set: { push: c.push, sms: c.sms } });
	});
}

// ── Devices ──

/** The account's devices that receive its notifications, as a part of a read (its value: `userId`): the profile page. */
export const pushDevicesPart = (d: Db) =>
	d
		.select({
			id: schema.pushSubscriptions.id,
			userAgent: schema.pushSubscriptions.userAgent,
			createdAt: schema.pushSubscriptions.createdAt,
			lastSentAt: schema.pushSubscriptions.lastSentAt
		})
		.from(schema.pushSubscriptions)
		.where(eq(schema.pushSubscriptions.userId, sql.placeholder('userId')))
		.orderBy(asc(schema.pushSubscriptions.createdAt));

export async function subscriptionsOf(userId: string) {
	return await db()
		.select({
			id: schema.pushSubscriptions.id,
			endpoint: schema.pushSubscriptions.endpoint,
			p256dh: schema.pushSubscriptions.p256dh,
			auth: schema.pushSubscriptions.auth,
			device: schema.pushSubscriptions.device,
			userAgent: schema.pushSubscriptions.userAgent,
			createdAt: schema.pushSubscriptions.createdAt,
			lastSentAt: schema.pushSubscriptions.lastSentAt
		})
		.from(schema.pushSubscriptions)
		.where(eq(schema.pushSubscriptions.userId, userId))
		.orderBy(asc(schema.pushSubscriptions.createdAt));
}

export interface NewSubscription {
	endpoint: string;
	p256dh: string;
	auth: string;
}

/**
 * Save this browser's subscription for the account. An endpoint is one browser's: saved again (the same browser, or
 * after another account used it) it moves to this account, session and device.
 */
export async function saveSubscription(
	who: { userId: string; sessionId: string; device: string | null; userAgent: string | null },
	s: NewSubscription,
	t = now()
): Promise<void> {
	const values = { userId: who.userId, sessionId: who.sessionId, device: who.device, userAgent: who.userAgent?.slice(0, 300) ?? null };
	await transaction((tx) =>
		tx
			.insert(schema.pushSubscriptions)
			.values({ id: crypto.randomUUID(), endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth, createdAt: t, ...values })
			.onConflictDoUpdate({ target: schema.pushSubscriptions.endpoint, set: { p256dh: s.p256dh, auth: s.auth, createdAt: t, lastSentAt: null, ...values } })
	);
}

/** Remove one of the account's subscriptions (the profile page's "stop"), or this browser's own by its endpoint. */
export async function removeSubscription(userId: string, by: { id: string } | { endpoint: string }): Promise<number> {
	const match = 'id' in by ? eq(schema.pushSubscriptions.id, by.id) : eq(schema.pushSubscriptions.endpoint, by.endpoint);
	const gone = await transaction((tx) =>
		tx
			.delete(schema.pushSubscriptions)
			.where(and(eq(schema.pushSubscriptions.userId, userId), match))
			.returning({ id: schema.pushSubscriptions.id })
	);
	return gone.length;
}

/** Logging out of a device (or signing its session out from another) stops its notifications. */
export async function removeDeviceSubscriptions(userId: string, by: { sessionIds: readonly string[]; device?: string | null }): Promise<void> {
	const conds: SQL[] = [];
	if (by.sessionIds.length) conds.push(inArray(schema.pushSubscriptions.sessionId, [...by.sessionIds]));
	if (by.device) conds.push(eq(schema.pushSubscriptions.device, by.device));
	if (!conds.length) return;
	await transaction((tx) => tx.delete(schema.pushSubscriptions).where(and(eq(schema.pushSubscriptions.userId, userId), or(...conds))));
}

/** Closing an account: its devices and its waiting notices go. */
export async function forgetAccountNotices(tx: Parameters<Parameters<typeof transaction>[0]>[0], userId: string): Promise<void> {
	await tx.delete(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.userId, userId));
	await tx.delete(schema.noticePrefs).where(eq(schema.noticePrefs.userId, userId));
	await tx
		.update(schema.notices)
		.set({ state: 'dropped', sentAt: now() })
		.where(and(eq(schema.notices.userId, userId), eq(schema.notices.state, 'queued')));
}

const DAY_MS = 86_400_000;
const BANGKOK_MS = 7 * 3_600_000;

/** Notices sent per Bangkok day and kind, and how many went by push and by SMS (the administrator's page). */
export async function noticeCounts(from: number, to = now()): Promise<{ day: string; kind: NoticeKind; sent: number; push: number; sms: number }[]> {
	const n = schema.notices;
	// constants written into the statement, so that PostgreSQL sees the grouped expression and the selected one as the same
	const day = sql<number>`(${n.sentAt} + ${sql.raw(String(BANGKOK_MS))}) / ${sql.raw(String(DAY_MS))}`.mapWith(Number);
	const rows = await db()
		.select({
			day,
			kind: n.kind,
			sent: sql<number>`count(*)`.mapWith(Number),
			push: sql<number>`sum(case when ${n.pushed} > 0 then 1 else 0 end)`.mapWith(Number),
			sms: sql<number>`sum(case when ${n.sms} = 'sent' then 1 else 0 end)`.mapWith(Number)
		})
		.from(n)
		.where(and(eq(n.state, 'sent'), gte(n.sentAt, from), lt(n.sentAt, to)))
		.groupBy(day, n.kind)
		.orderBy(desc(day), asc(n.kind));
	return rows.map((r) => ({ ...r, day: new Date(Math.floor(r.day) * DAY_MS).toISOString().slice(0, 10) }));
}
