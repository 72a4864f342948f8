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
import { fullUntil, take } from '../limits';
import { sendSms, SmsBudgetExceeded, SmsFailed } from '../sms';
import { afterQuietHours, defaultChannels, type Channels } from '$lib/notices';
import { BANGKOK_OFFSET_MS, isoDateInBangkok } from '$lib/format/date';
import type { NoticeKind } from '$lib/vocabulary';
import { renderNotice, type NoticeParams } from './render';
import { hashToken } from '../auth/tokens';
import { sendPush } from './push';

type Tx = Parameters<Parameters<typeof transaction>[0]>[0];

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
	const seen = new Set<number>();
	for (;;) {
		const due = (
			await db()
				.select({ id: schema.notices.id })
				.from(schema.notices)
				.where(and(eq(schema.notices.state, 'queued'), lte(schema.notices.dueAt, t), ids ? inArray(schema.notices.id, [...ids]) : undefined))
				.orderBy(asc(schema.notices.dueAt), asc(schema.notices.id))
				.limit(batch)
		).filter((r) => !seen.has(r.id));
		for (const { id } of due) {
			seen.add(id);
			try {
				if (await deliverOne(id, t)) sent++;
			} catch (err) {
				// one notice that cannot be sent (its record unreadable, the database gone a moment) must not stop the rest
				log.error({ err, noticeId: id }, 'a notice could not be sent; it is dropped');
				await finish(id, { state: 'dropped', pushed: 0, sms: 'error' }, t).catch(() => {});
			}
		}
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
	const params = JSON.parse(claimed.params) as NoticeParams;
	const text = renderNotice(params, user.locale, isoDateInBangkok(t));
	// a text held back by the hour's budget comes back for its text only: the push went the first time
	const retry = claimed.sms === 'retry';
	const chosen = (await savedChoices(claimed.userId))[claimed.kind] ?? defaultChannels(claimed.kind);
	let pushed = retry ? claimed.pushed : 0;
	if (chosen.push && !retry)
		for (const s of await subscriptionsOf(claimed.userId)) {
			const r = await sendPush(s, { kind: claimed.kind, lang: user.locale, title: text.title, body: text.push, url: text.url });
			if (r.result === 'sent') {
				pushed++;
				await transaction((tx) => tx.update(schema.pushSubscriptions).set({ lastSentAt: t }).where(eq(schema.pushSubscriptions.id, s.id)));
			} else if (r.result === 'gone') {
				await transaction((tx) => tx.delete(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.id, s.id)));
				log.info({ status: r.status }, 'push subscription removed: the push service no longer knows it');
			} else log.warn({ error: r.error, kind: claimed.kind }, 'push failed');
		}
	// by SMS when chosen, and instead of a push that reached no device (none receives them, or every one failed)
	const bySms = chosen.sms || (chosen.push && pushed === 0);
	if (!bySms) {
		await finish(id, { state: pushed > 0 ? 'sent' : 'dropped', pushed, sms: null }, t);
		return pushed > 0;
	}
	const purpose = params.type === 'application' ? `application:${params.status}` : `reminder:${params.type}`;
	const sms = await text_(claimed.userId, purpose, user.phone, text.sms, t);
	if (sms.result === 'budget') {
		// the hour's share is used up: the text waits for the next hour (past quiet hours), and is sent once then
		await transaction((tx) =>
			tx
				.update(schema.notices)
				.set({ state: 'queued', sms: 'retry', pushed, dueAt: afterQuietHours(sms.retryAt) })
				.where(eq(schema.notices.id, id))
		);
		return false;
	}
	await finish(id, { state: pushed > 0 || sms.result === 'sent' ? 'sent' : 'dropped', pushed, sms: sms.result }, t);
	return pushed > 0 || sms.result === 'sent';
}

type TextResult = { result: 'sent' | 'failed' | 'capped' } | { result: 'budget'; retryAt: number };

/** The text of a notice: within the account's daily notice cap and the notices' share of the hourly SMS budget. */
async function text_(userId: string, purpose: string, phone: string, body: string, t: number): Promise<TextResult> {
	// counted once sent: a text held back by the hour's budget does not use up the account's day
	if ((await fullUntil('notice_sms', { userId }, t)) !== null) {
		log.warn({ purpose }, 'notice SMS not sent: the account had its texts for today');
		return { result: 'capped' };
	}
	try {
		await sendSms(purpose, { to: phone, body }, { notice: true });
		await take('notice_sms', { userId }, t);
		return { result: 'sent' };
	} catch (e) {
		if (e instanceof SmsBudgetExceeded) return { result: 'budget', retryAt: e.retryAt };
		if (!(e instanceof SmsFailed)) log.error({ err: e, purpose }, 'Unexpected error texting a notice');
		return { result: 'failed' };
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
 * Save this browser's subscription for the account (`device`: the id in its device cookie). An endpoint is one
 * browser's: saved again by the same account it is renewed; another account takes it over only with the same browser
 * keys (the same browser, signed in to another account), so knowing someone's endpoint is not enough to take their
 * device's notices or silence them. False when refused.
 */
export async function saveSubscription(
	who: { userId: string; sessionId: string; device: string | null; userAgent: string | null },
	s: NewSubscription,
	t = now()
): Promise<boolean> {
	const ps = schema.pushSubscriptions;
	const values = {
		userId: who.userId,
		sessionId: who.sessionId,
		device: who.device ? hashToken(who.device) : null,
		userAgent: who.userAgent?.slice(0, 300) ?? null
	};
	const saved = await transaction((tx) =>
		tx
			.insert(ps)
			.values({ id: crypto.randomUUID(), endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth, createdAt: t, ...values })
			.onConflictDoUpdate({
				target: ps.endpoint,
				set: { p256dh: s.p256dh, auth: s.auth, createdAt: t, lastSentAt: null, ...values },
				setWhere: or(eq(ps.userId, who.userId), eq(ps.p256dh, s.p256dh))
			})
			.returning({ id: ps.id })
	);
	return saved.length > 0;
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

/**
 * Logging out of a device, or signing its sessions out from another, stops its notifications: those saved under the
 * sessions, and (at log-out) those of the browser's device cookie, `device` (stored as its SHA-256, as login_devices keeps it).
 */
export async function removeDeviceSubscriptions(tx: Tx, userId: string, by: { sessionIds: readonly string[]; device?: string | null }): Promise<void> {
	const conds: SQL[] = [];
	if (by.sessionIds.length) conds.push(inArray(schema.pushSubscriptions.sessionId, [...by.sessionIds]));
	if (by.device) conds.push(eq(schema.pushSubscriptions.device, hashToken(by.device)));
	if (conds.length) await tx.delete(schema.pushSubscriptions).where(and(eq(schema.pushSubscriptions.userId, userId), or(...conds)));
}

/**
 * The account's sessions were ended for its safety (a password or phone changed, a reset, the account proved at a
 * counter or by ThaID): every device stops receiving its notifications, except the one that made the change (its
 * session kept, or its device cookie), so a device someone else signed in on is not told any more.
 */
export async function forgetDevices(tx: Tx, userId: string, keep: { sessionId?: string | null; device?: string | null } = {}): Promise<void> {
	const ps = schema.pushSubscriptions;
	const kept: SQL[] = [];
	if (keep.sessionId) kept.push(eq(ps.sessionId, keep.sessionId));
	if (keep.device) kept.push(eq(ps.device, hashToken(keep.device)));
	await tx.delete(ps).where(and(eq(ps.userId, userId), kept.length ? sql`not (coalesce(${or(...kept)}, false))` : undefined));
}

/** A new session on a browser: the subscriptions saved from it follow it (signing that session out then stops them). */
export async function linkDeviceSubscriptions(userId: string, sessionId: string, device: string | null): Promise<void> {
	if (!device) return;
	const ps = schema.pushSubscriptions;
	await transaction((tx) =>
		tx
			.update(ps)
			.set({ sessionId })
			.where(and(eq(ps.userId, userId), eq(ps.device, hashToken(device))))
	);
}

/** Closing an account: its devices and its waiting notices go. */
export async function forgetAccountNotices(tx: Tx, userId: string): Promise<void> {
	await tx.delete(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.userId, userId));
	await tx.delete(schema.noticePrefs).where(eq(schema.noticePrefs.userId, userId));
	await tx
		.update(schema.notices)
		.set({ state: 'dropped', sentAt: now() })
		.where(and(eq(schema.notices.userId, userId), eq(schema.notices.state, 'queued')));
}

const DAY_MS = 86_400_000;

/** Notices sent per Bangkok day and kind, and how many went by push and by SMS (the administrator's page). */
export async function noticeCounts(from: number, to = now()): Promise<{ day: string; kind: NoticeKind; sent: number; push: number; sms: number }[]> {
	const n = schema.notices;
	// constants written into the statement, so that PostgreSQL sees the grouped expression and the selected one as the same
	const day = sql<number>`(${n.sentAt} + ${sql.raw(String(BANGKOK_OFFSET_MS))}) / ${sql.raw(String(DAY_MS))}`.mapWith(Number);
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
