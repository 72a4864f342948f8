/**
 * Server-side state of a multi-step flow (registration, password reset), keyed by an HttpOnly cookie
 * holding a random token; the database keeps only the token's hash. Reload and Back never lose answers.
 */
import { eq, lt } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';
import { generateToken, hashToken } from '../auth/tokens';

export type DraftKind =
	'register' | 'reset' | 'section40' | 'unemployment' | 'hospital' | 'phone' | 'staff_login' | 'staff_activate' | 'thaid' | 'proof' | 'counter' | 'confirm';
export const DRAFT_TTL_MS = 60 * 60_000;
/** An application in progress is kept for a day: a citizen may stop to find a document and come back. */
export const APPLICATION_DRAFT_TTL_MS = 24 * 60 * 60_000;

export function draftTtl(kind: DraftKind): number {
	// a sign-in half done does not wait an hour (ThaID's: the citizen is in the ThaID app meanwhile)
	if (kind === 'staff_login' || kind === 'thaid' || kind === 'proof' || kind === 'counter') return 10 * 60_000;
	return kind === 'register' || kind === 'reset' || kind === 'phone' || kind === 'staff_activate' || kind === 'confirm'
		? DRAFT_TTL_MS
		: APPLICATION_DRAFT_TTL_MS;
}

export async function readDraft<T>(kind: DraftKind, token: string | undefined): Promise<T | null> {
	if (!token) return null;
	const row = await one(
		db()
			.select()
			.from(schema.flowDrafts)
			.where(eq(schema.flowDrafts.id, hashToken(token)))
	);
	if (!row || row.kind !== kind || row.expiresAt <= now()) return null;
	return JSON.parse(row.data) as T;
}

/** Save the draft; returns the token (a new one when there was none). */
export async function writeDraft<T>(kind: DraftKind, token: string | undefined, data: T): Promise<string> {
	const t = now();
	const ttl = draftTtl(kind);
	const tok = token ?? generateToken();
	await transaction((tx) =>
		tx
			.insert(schema.flowDrafts)
			.values({ id: hashToken(tok), kind, data: JSON.stringify(data), createdAt: t, updatedAt: t, expiresAt: t + ttl })
			.onConflictDoUpdate({ target: schema.flowDrafts.id, set: { data: JSON.stringify(data), updatedAt: t, expiresAt: t + ttl } })
	);
	return tok;
}

/** Read the draft and delete it at once (single use: of two requests with the same cookie, one gets it). */
export async function takeDraft<T>(kind: DraftKind, token: string | undefined): Promise<T | null> {
	if (!token) return null;
	const [row] = await transaction((tx) =>
		tx
			.delete(schema.flowDrafts)
			.where(eq(schema.flowDrafts.id, hashToken(token)))
			.returning({ kind: schema.flowDrafts.kind, data: schema.flowDrafts.data, expiresAt: schema.flowDrafts.expiresAt })
	);
	if (!row || row.kind !== kind || row.expiresAt <= now()) return null;
	return JSON.parse(row.data) as T;
}

export async function deleteDraft(token: string | undefined): Promise<void> {
	if (token) await transaction((tx) => tx.delete(schema.flowDrafts).where(eq(schema.flowDrafts.id, hashToken(token))));
}

export async function pruneDrafts(): Promise<void> {
	await transaction((tx) => tx.delete(schema.flowDrafts).where(lt(schema.flowDrafts.expiresAt, now())));
}
