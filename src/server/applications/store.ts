/**
 * Applications: created once per attempt (idempotency key), moved along their kind's lifecycle with a status
 * history, every change audited and texted to the citizen. The kinds (one folder each) hold the rules; this module
 * holds what they share.
 */
import type { Locale } from '$lib/i18n';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { afterCommit, db, one, returned, schema, transaction } from '../db';
import { now, today as todayInThailand } from '../clock';
import { audit } from '../audit';
import { notifyNow } from '../notify/notices';
import { m } from '$lib/paraglide/messages';
import { toBE } from '$lib/format/date';
import type { Kind, ApplicationStatus as Status } from '$lib/vocabulary';
import { LIFECYCLES } from './lifecycles';

export type ApplicationRow = typeof schema.applications.$inferSelect;

type LocaleOption = { locale: Locale } | undefined;

/** What the store needs to know about a kind to move its applications (each kind's lifecycle.ts). */
export interface Lifecycle {
	/** the letters of its references: S40-2569-000123 */
	refPrefix: string;
	name: (o?: LocaleOption) => string;
	/** where each status may go next */
	transitions: Partial<Record<Status, readonly Status[]>>;
	/** the statuses in which an application is still open: a citizen has at most one open application of each kind */
	open: readonly Status[];
	/** a status's name where the kind calls it something else */
	statusName?: (s: Status, o?: LocaleOption) => string | undefined;
	/** a move the transitions allow but this application is not ready for */
	refuse?: (app: ApplicationRow, to: Status, opts: { viaPayment?: boolean }) => 'payment_only' | 'rate_required' | null;
	/** what entering a status does, inside the status change's transaction */
	onEnter?: (app: ApplicationRow, to: Status, on: string) => Promise<void>;
}

/** The statuses this application may move to next. */
export function nextStatuses(a: Pick<ApplicationRow, 'status' | 'kind'>): readonly Status[] {
	return LIFECYCLES[a.kind].transitions[a.status] ?? [];
}

export function isOpen(a: Pick<ApplicationRow, 'status' | 'kind'>): boolean {
	return LIFECYCLES[a.kind].open.includes(a.status);
}

/**
 * e.g. S40-2569-000123: the next number in the kind's sequence for the Buddhist Era year of `on`, taken in a
 * transaction of its own (one atomic update of the kind and year's counter), never inside the application's: there,
 * reading the newest reference would make every simultaneous submission of a kind conflict with every other.
 */
async function nextRef(kind: Kind, on: string): Promise<string> {
	const prefix = `${LIFECYCLES[kind].refPrefix}-${toBE(Number(on.slice(0, 4)))}-`;
	const r = schema.applicationRefs;
	const { last } = await transaction(
		(tx) =>
			returned(
				tx
					.insert(r)
					.values({ prefix, last: 1 })
					.onConflictDoUpdate({ target: r.prefix, set: { last: sql`${r.last} + 1` } })
					.returning({ last: r.last })
			),
		{ isolation: 'read committed' }
	);
	return prefix + String(last).padStart(6, '0');
}

/** `created` is false when this attempt had already created it; `foreign_key` when the key is another account's. */
export type CreateResult<R> =
	| { ok: true; created: boolean; app: ApplicationRow; /** the citizen told of it (the page does not wait for it) */ notice?: Promise<void> }
	| { ok: false; reason: 'refused'; refusal: R }
	| { ok: false; reason: 'foreign_key' };

async function byKey(key: string): Promise<ApplicationRow | undefined> {
	return await one(db().select().from(schema.applications).where(eq(schema.applications.idempotencyKey, key)));
}

/**
 * Create the application, or return the one this attempt already created (same idempotency key): a double click,
 * a retry after a timeout or a resubmit after a crash all land on the first. `decide` runs inside the same
 * transaction, on the citizen's records as they are then: it refuses (e.g. an open application of the kind already
 * exists) or gives what the portal computed for the application (its outcome).
 */
/** An application as sent: who, the attempt's key, the answers, and the day it is decided on. */
export interface Submission<A> {
	userId: string;
	nationalId: string;
	key: string;
	answers: A;
	today: string;
	ip: string | null;
}

export async function createApplication<R>(
	kind: Kind,
	args: Submission<unknown>,
	decide: () => Promise<{ ok: false; refusal: R } | { ok: true; outcome: unknown }>
): Promise<CreateResult<R>> {
	// a repeated attempt finds its application without taking a new number (the transaction below checks again)
	const earlier = await byKey(args.key);
	if (earlier) return earlier.userId === args.userId ? { ok: true, created: false, app: earlier } : { ok: false, reason: 'foreign_key' };
	const ref = await nextRef(kind, todayInThailand());
	// the citizen is shown the reference once this returns: the commit is durable
	const r = await transaction(
		async (tx): Promise<CreateResult<R>> => {
			const existing = await byKey(args.key);
			if (existing) return existing.userId === args.userId ? { ok: true, created: false, app: existing } : { ok: false, reason: 'foreign_key' };
			const decision = await decide();
			if (!decision.ok) return { ok: false, reason: 'refused', refusal: decision.refusal };
			const t = now();
			const on = todayInThailand();
			const app = await returned(
				tx
					.insert(schema.applications)
					.values({
						ref,
						kind,
						personId: args.nationalId,
						userId: args.userId,
						status: 'submitted',
						idempotencyKey: args.key,
						answers: JSON.stringify(args.answers),
						outcome: JSON.stringify(decision.outcome),
						submittedOn: on,
						createdAt: t,
						updatedAt: t
					})
					.returning()
			);
			await tx.insert(schema.applicationEvents).values({ applicationId: app.id, at: t, status: 'submitted', actor: 'citizen' });
			await audit({ actor: `user:${args.userId}`, action: `application.submit.${kind}`, subject: args.nationalId, ip: args.ip, detail: { ref: app.ref } });
			return { ok: true, created: true, app };
		},
		{ durable: true }
	);
	return r.ok && r.created ? { ...r, notice: notify(r.app, 'submitted') } : r;
}

export async function getApplication(ref: string): Promise<ApplicationRow | undefined> {
	return await one(db().select().from(schema.applications).where(eq(schema.applications.ref, ref)));
}

/** The citizen's own application, or undefined (someone else's reference reads as not found). */
export async function getOwnApplication(ref: string, personId: string): Promise<ApplicationRow | undefined> {
	return await one(
		db()
			.select()
			.from(schema.applications)
			.where(and(eq(schema.applications.ref, ref), eq(schema.applications.personId, personId)))
	);
}

export async function listApplications(personId: string): Promise<ApplicationRow[]> {
	return await db().select().from(schema.applications).where(eq(schema.applications.personId, personId)).orderBy(desc(schema.applications.createdAt));
}

export async function openApplication(personId: string, kind: Kind): Promise<ApplicationRow | undefined> {
	return (await listApplications(personId)).find((a) => a.kind === kind && isOpen(a));
}

export async function applicationEvents(applicationId: number) {
	return await db()
		.select()
		.from(schema.applicationEvents)
		.where(eq(schema.applicationEvents.applicationId, applicationId))
		.orderBy(asc(schema.applicationEvents.at), asc(schema.applicationEvents.id));
}

export type AdvanceResult =
	{ ok: true; app: ApplicationRow } | { ok: false; reason: 'not_found' | 'not_allowed' | 'reason_required' | 'payment_only' | 'rate_required'; from?: Status };

/**
 * Move an application to a new status: checked against its kind's lifecycle, recorded as an event, audited, the
 * lifecycle's effects applied in the same transaction, and the citizen texted. `viaPayment` is set only by the
 * payment callback.
 */
export async function advance(
	ref: string,
	to: Status,
	opts: { reason?: string | null; actor: string; ip?: string | null; viaPayment?: boolean }
): Promise<AdvanceResult & { sms?: Promise<void> }> {
	const r = await transaction(async (tx): Promise<AdvanceResult> => {
		const app = await one(tx.select().from(schema.applications).where(eq(schema.applications.ref, ref)));
		if (!app) return { ok: false, reason: 'not_found' };
		const life = LIFECYCLES[app.kind];
		if (!nextStatuses(app).includes(to)) return { ok: false, reason: 'not_allowed', from: app.status };
		if (to === 'rejected' && !opts.reason?.trim()) return { ok: false, reason: 'reason_required', from: app.status };
		const refused = life.refuse?.(app, to, opts);
		if (refused) return { ok: false, reason: refused, from: app.status };
		const t = now();
		const reason = opts.reason?.trim() || null;
		await tx
			.update(schema.applications)
			.set({ status: to, updatedAt: t, ...(to === 'rejected' ? { reason } : {}) })
			.where(eq(schema.applications.id, app.id));
		await tx.insert(schema.applicationEvents).values({ applicationId: app.id, at: t, status: to, reason, actor: opts.actor });
		await life.onEnter?.(app, to, todayInThailand());
		await audit({ actor: opts.actor, action: `application.${to}`, subject: app.personId, ip: opts.ip ?? null, detail: { ref, from: app.status, reason } });
		return { ok: true, app: { ...app, status: to, updatedAt: t, reason: to === 'rejected' ? reason : app.reason } };
	});
	if (!r.ok) return r;
	// when called inside a larger transaction (a payment), the text goes once that is saved
	const sms = new Promise<void>((resolve) =>
		afterCommit((committed) =>
			resolve(
				committed ? notify(r.app, to, opts.reason ?? null, opts.viaPayment === true || opts.actor === 'citizen' || opts.actor.startsWith('user:')) : undefined
			)
		)
	);
	return { ...r, sms };
}

/**
 * Tell the citizen about a status change, by the channels they chose for news of applications (by default push, or
 * SMS where no device receives it), in the language of their account; once per change. What the citizen did
 * themselves (a submission, a report-in, a payment) is told at once; a change made by an officer or by the portal's
 * own schedule waits out quiet hours (21:00–08:00). Never throws.
 */
export async function notify(app: ApplicationRow, status: Status, reason: string | null = null, byCitizen = true): Promise<void> {
	await notifyNow({
		userId: app.userId,
		key: `application:${app.ref}:${status}:${app.updatedAt}`,
		kind: 'application',
		params: { type: 'application', ref: app.ref, app: app.kind, status, reason },
		now: byCitizen
	});
}

export function kindName(kind: Kind, locale?: Locale): string {
	return LIFECYCLES[kind].name(locale ? { locale } : undefined);
}

export function statusName(kind: Kind, status: Status, locale?: Locale): string {
	const o = locale ? { locale } : undefined;
	const own = LIFECYCLES[kind].statusName?.(status, o);
	if (own) return own;
	switch (status) {
		case 'submitted':
			return m.app_status_submitted({}, o);
		case 'under_review':
			return m.app_status_under_review({}, o);
		case 'approved':
			return m.app_status_approved({}, o);
		case 'rejected':
			return m.app_status_rejected({}, o);
		case 'active':
			return m.app_status_active({}, o);
		case 'paid':
			return m.app_status_paid({}, o);
		case 'ended':
			return m.app_status_ended({}, o);
		case 'expired':
			return m.app_status_expired({}, o);
	}
}

/** The application an attempt already created (a repeated submit after the draft is gone), if it is this user's. */
export async function applicationByKey(key: string, userId: string): Promise<ApplicationRow | undefined> {
	if (!key) return undefined;
	const a = await byKey(key);
	return a?.userId === userId ? a : undefined;
}
