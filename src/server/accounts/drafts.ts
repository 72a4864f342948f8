/**
 * Server-side state of a multi-step flow (registration, password reset), keyed by an HttpOnly cookie
 * holding a random token; the database keeps only the token's hash. Reload and Back never lose answers.
 */
import { eq, lt } from 'drizzle-orm';
import { db, schema } from '../db';
import { now } from '../clock';
import { generateToken, hashToken } from '../auth/tokens';

export type DraftKind = 'register' | 'reset' | 'section40' | 'unemployment' | 'hospital' | 'phone' | 'staff_login' | 'staff_activate';
export const DRAFT_TTL_MS = 60 * 60_000;
/** An application in progress is kept for a day: a citizen may stop to find a document and come back. */
export const APPLICATION_DRAFT_TTL_MS = 24 * 60 * 60_000;

export function draftTtl(kind: DraftKind): number {
	if (kind === 'staff_login') return 10 * 60_000; // a sign-in half done does not wait an hour
	return kind === 'register' || kind === 'reset' || kind === 'phone' || kind === 'staff_activate' ? DRAFT_TTL_MS : APPLICATION_DRAFT_TTL_MS;
}

export function readDraft<T>(kind: DraftKind, token: string | undefined): T | null {
	if (!token) return null;
	const row = db()
		.select()
		.from(schema.flowDrafts)
		.where(eq(schema.flowDrafts.id, hashToken(token)))
		.get();
	if (!row || row.kind !== kind || row.expiresAt <= now()) return null;
	return JSON.parse(row.data) as T;
}

/** Save the draft; returns the token (a new one when there was none). */
export function writeDraft<T>(kind: DraftKind, token: string | undefined, data: T): string {
	const t = now();
	const ttl = draftTtl(kind);
	const tok = token ?? generateToken();
	db()
		.insert(schema.flowDrafts)
		.values({ id: hashToken(tok), kind, data: JSON.stringify(data), createdAt: t, updatedAt: t, expiresAt: t + ttl })
		.onConflictDoUpdate({ target: schema.flowDrafts.id, set: { data: JSON.stringify(data), updatedAt: t, expiresAt: t + ttl } })
		.run();
	return tok;
}

export function deleteDraft(token: string | undefined): void {
	if (token)
		db()
			.delete(schema.flowDrafts)
			.where(eq(schema.flowDrafts.id, hashToken(token)))
			.run();
}

export function pruneDrafts(): void {
	db().delete(schema.flowDrafts).where(lt(schema.flowDrafts.expiresAt, now())).run();
}
