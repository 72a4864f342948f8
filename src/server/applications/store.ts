/**
 * Applications: created once per attempt (idempotency key), moved along a lifecycle with a status history,
 * every change audited and texted to the citizen. The kind modules (section40, unemployment, hospital) hold
 * the rules; this module holds what they share.
 */
import { and, asc, desc, eq, like } from 'drizzle-orm';
import { db, schema, IMMEDIATE, durably } from '../db';
import { now, today as todayInThailand } from '../clock';
import { log } from '../log';
import { audit } from '../audit';
import { sendSms, SmsFailed } from '../sms';
import { m } from '$lib/paraglide/messages';
import { toBE } from '$lib/format/date';

export type Kind = (typeof schema.APPLICATION_KINDS)[number];
export type Status = (typeof schema.APPLICATION_STATUSES)[number];
export type ApplicationRow = typeof schema.applications.$inferSelect;

export const REF_PREFIX: Record<Kind, string> = { section40: 'S40', unemployment: 'UNE', hospital: 'HOS' };

/** Where each status may go next, per kind. Section 40 becomes active only by payment (see section40.ts). */
export const TRANSITIONS: Record<Kind, Partial<Record<Status, readonly Status[]>>> = {
	// expired → active: a payment made by the last valid day whose callback arrives after the expiry job ran
	section40: { submitted: ['active', 'rejected', 'expired'], expired: ['active'], active: ['ended'] },
	unemployment: { submitted: ['under_review', 'approved', 'rejected'], under_review: ['approved', 'rejected'], approved: ['paid', 'ended'], paid: ['ended'] },
	hospital: { submitted: ['under_review', 'approved', 'rejected'], under_review: ['approved', 'rejected'] }
};

/** Statuses after which nothing more happens. */
export const FINAL: readonly Status[] = ['rejected', 'ended', 'expired'];

/** The open (not final) statuses: a citizen has at most one open application of each kind. */
export function isOpen(a: Pick<ApplicationRow, 'status' | 'kind'>): boolean {
	if (FINAL.includes(a.status)) return false;
	if (a.kind === 'hospital' && a.status === 'approved') return false;
	if (a.kind === 'section40' && a.status === 'active') return false;
	return true;
}

/** e.g. S40-2569-000123: the next number in the kind's sequence for the Buddhist Era year of `on`. */
function nextRef(kind: Kind, on: string): string {
	const prefix = `${REF_PREFIX[kind]}-${toBE(Number(on.slice(0, 4)))}-`;
	const last = db()
		.select({ ref: schema.applications.ref })
		.from(schema.applications)
		.where(like(schema.applications.ref, `${prefix}%`))
		.orderBy(desc(schema.applications.ref))
		.get();
	const n = last ? Number(last.ref.slice(prefix.length)) + 1 : 1;
	return prefix + String(n).padStart(6, '0');
}

export type CreateResult = { created: boolean; app: ApplicationRow };

function byKey(key: string): ApplicationRow | undefined {
	return db().select().from(schema.applications).where(eq(schema.applications.idempotencyKey, key)).get();
}

/**
 * Create the application, or return the one this attempt already created (same idempotency key): a double click,
 * a retry after a timeout or a resubmit after a crash all land on the first. `decide` runs inside the same
 * transaction, on the citizen's records as they are then: it refuses (e.g. an open application of the kind already
 * exists) or gives what the portal computed for the application (its outcome).
 */
export function createApplication<R>(args: {
	kind: Kind;
	personId: string;
	userId: string;
	key: string;
	answers: unknown;
	ip: string | null;
	decide: () => { refused: R } | { outcome: unknown };
}): CreateResult | { refused: R } | { foreignKey: true } {
	const d = db();
	// the citizen is shown the reference once this returns: the commit is durable
	const r = durably(() =>
		d.transaction(() => {
			const existing = byKey(args.key);
			if (existing) return existing.userId === args.userId ? { created: false, app: existing } : { foreignKey: true as const };
			const decision = args.decide();
			if ('refused' in decision) return decision;
			const t = now();
			const on = todayInThailand();
			const app = d
				.insert(schema.applications)
				.values({
					ref: nextRef(args.kind, on),
					kind: args.kind,
					personId: args.personId,
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
				.get();
			d.insert(schema.applicationEvents).values({ applicationId: app.id, at: t, status: 'submitted', actor: 'citizen' }).run();
			audit({ actor: `user:${args.userId}`, action: `application.submit.${args.kind}`, subject: args.personId, ip: args.ip, detail: { ref: app.ref } });
			return { created: true, app };
		}, IMMEDIATE)
	);
	if ('created' in r && r.created) void notify(r.app, 'submitted');
	return r;
}

export function getApplication(ref: string): ApplicationRow | undefined {
	return db().select().from(schema.applications).where(eq(schema.applications.ref, ref)).get();
}

/** The citizen's own application, or undefined (someone else's reference reads as not found). */
export function getOwnApplication(ref: string, personId: string): ApplicationRow | undefined {
	return db()
		.select()
		.from(schema.applications)
		.where(and(eq(schema.applications.ref, ref), eq(schema.applications.personId, personId)))
		.get();
}

export function listApplications(personId: string): ApplicationRow[] {
	return db().select().from(schema.applications).where(eq(schema.applications.personId, personId)).orderBy(desc(schema.applications.createdAt)).all();
}

export function openApplication(personId: string, kind: Kind): ApplicationRow | undefined {
	return listApplications(personId).find((a) => a.kind === kind && isOpen(a));
}

export function applicationEvents(applicationId: number) {
	return db()
		.select()
		.from(schema.applicationEvents)
		.where(eq(schema.applicationEvents.applicationId, applicationId))
		.orderBy(asc(schema.applicationEvents.at), asc(schema.applicationEvents.id))
		.all();
}

export type AdvanceResult =
	{ ok: true; app: ApplicationRow } | { ok: false; reason: 'not_found' | 'not_allowed' | 'reason_required' | 'payment_only' | 'rate_required'; from?: Status };

/** Side effects of entering a status, run inside the status change's transaction (registered by the kind modules). */
const effects: Partial<Record<Kind, (app: ApplicationRow, to: Status, on: string) => void>> = {};
export function onStatus(kind: Kind, fn: (app: ApplicationRow, to: Status, on: string) => void): void {
	effects[kind] = fn;
}

/**
 * Move an application to a new status: checked against the lifecycle, recorded as an event, audited, its side
 * effects applied in the same transaction, and the citizen texted. `viaPayment` is set only by the payment callback.
 */
export function advance(
	ref: string,
	to: Status,
	opts: { reason?: string | null; actor: string; ip?: string | null; viaPayment?: boolean }
): AdvanceResult & { sms?: Promise<void> } {
	const d = db();
	const r = d.transaction((): AdvanceResult => {
		const app = d.select().from(schema.applications).where(eq(schema.applications.ref, ref)).get();
		if (!app) return { ok: false, reason: 'not_found' };
		if (!TRANSITIONS[app.kind][app.status]?.includes(to)) return { ok: false, reason: 'not_allowed', from: app.status };
		if (to === 'rejected' && !opts.reason?.trim()) return { ok: false, reason: 'reason_required', from: app.status };
		if (app.kind === 'section40' && to === 'active' && !opts.viaPayment) return { ok: false, reason: 'payment_only', from: app.status };
		// a force-majeure claim has no standing rate (Act s.79/1): it is approved only once the officer has set the
		// rate of the event's announcement (setForceMajeureRate), so the payments have an amount
		if (
			app.kind === 'unemployment' &&
			to === 'approved' &&
			(JSON.parse(app.outcome) as { figures?: { dailySatang?: number | null } }).figures?.dailySatang === null
		)
			return { ok: false, reason: 'rate_required', from: app.status };
		const t = now();
		const reason = opts.reason?.trim() || null;
		d.update(schema.applications)
			.set({ status: to, updatedAt: t, ...(to === 'rejected' ? { reason } : {}) })
			.where(eq(schema.applications.id, app.id))
			.run();
		d.insert(schema.applicationEvents).values({ applicationId: app.id, at: t, status: to, reason, actor: opts.actor }).run();
		effects[app.kind]?.(app, to, todayInThailand());
		audit({ actor: opts.actor, action: `application.${to}`, subject: app.personId, ip: opts.ip ?? null, detail: { ref, from: app.status, reason } });
		return { ok: true, app: { ...app, status: to, updatedAt: t, reason: to === 'rejected' ? reason : app.reason } };
	}, IMMEDIATE);
	if (!r.ok) return r;
	return { ...r, sms: notify(r.app, to, opts.reason ?? null) };
}

/** Text the citizen about a status change, in the language of their account. Never throws. */
export async function notify(app: ApplicationRow, status: Status, reason: string | null = null): Promise<void> {
	const user = db().select({ phone: schema.users.phone, locale: schema.users.locale }).from(schema.users).where(eq(schema.users.id, app.userId)).get();
	// a closed account has no phone any more
	if (!user?.phone) return;
	const locale = user.locale;
	const kind = kindName(app.kind, locale);
	const state = statusName(app.kind, status, locale);
	const body = reason
		? m.sms_application_reason({ ref: app.ref, kind, status: state, reason }, { locale })
		: m.sms_application({ ref: app.ref, kind, status: state }, { locale });
	try {
		await sendSms(`application:${status}`, { to: user.phone, body });
	} catch (e) {
		if (!(e instanceof SmsFailed)) log.error({ err: e, ref: app.ref, status }, 'Unexpected error texting an application status');
	}
}

export function kindName(kind: Kind, locale?: 'th' | 'en'): string {
	const o = locale ? { locale } : undefined;
	return kind === 'section40' ? m.app_kind_section40({}, o) : kind === 'unemployment' ? m.app_kind_unemployment({}, o) : m.app_kind_hospital({}, o);
}

export function statusName(kind: Kind, status: Status, locale?: 'th' | 'en'): string {
	const o = locale ? { locale } : undefined;
	switch (status) {
		case 'submitted':
			return kind === 'section40' ? m.app_status_awaiting_payment({}, o) : m.app_status_submitted({}, o);
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
export function applicationByKey(key: string, userId: string): ApplicationRow | undefined {
	if (!key) return undefined;
	const a = byKey(key);
	return a?.userId === userId ? a : undefined;
}
