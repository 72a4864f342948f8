/**
 * Signing in with ThaID, and proving an account with it (./client.ts does the OpenID Connect; what each level allows:
 * src/lib/rules/assurance.ts). The national ID ThaID gives is DOPA's: it names the account. A proof only ever raises
 * the account's level, and is audited, so the citizen sees it among their account's events.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';
import { audit } from '../audit';
import { signedIn } from '../accounts/login';
import { raisedBy, type Assurance } from '$lib/rules/assurance';
import type { ThaidPerson } from './claims';

export type ThaidSignIn = { ok: true; userId: string; firstProof: boolean } | { ok: false; reason: 'no_account' };
export type ThaidProof = { ok: true; firstProof: boolean } | { ok: false; reason: 'other_person' | 'closed' };

type Ctx = { ip: string | null; userAgent?: string | null; device?: string | null };

/**
 * The account proved by ThaID at `t`: its level raised (never lowered), the first ThaID proof remembered. Returns
 * whether this was ThaID's first proof of it, or null when there is no open account with that id.
 */
async function prove(userId: string, t: number): Promise<{ firstProof: boolean; before: Assurance } | null> {
	return await transaction(async (tx) => {
		const u = await one(
			tx
				.select({ linked: schema.users.thaidLinkedAt, assurance: schema.users.assurance })
				.from(schema.users)
				.where(and(eq(schema.users.id, userId), isNull(schema.users.closedAt)))
		);
		if (!u) return null;
		await tx
			.update(schema.users)
			.set({ thaidLinkedAt: u.linked ?? t, provedAt: t, assurance: raisedBy(u.assurance, 'thaid') })
			.where(eq(schema.users.id, userId));
		return { firstProof: u.linked === null, before: u.assurance };
	});
}

/** A ThaID sign-in: the open account of the person ThaID proved, or none (they register first). */
export async function thaidSignIn(person: ThaidPerson, ctx: Ctx): Promise<ThaidSignIn> {
	const t = now();
	const user = await one(
		db()
			.select({ id: schema.users.id })
			.from(schema.users)
			.where(and(eq(schema.users.nationalId, person.nationalId), isNull(schema.users.closedAt)))
	);
	if (!user) return { ok: false, reason: 'no_account' };
	const p = await prove(user.id, t);
	if (!p) return { ok: false, reason: 'no_account' };
	if (p.firstProof)
		await audit({ actor: user.id, action: 'account.proved', subject: person.nationalId, ip: ctx.ip, detail: { by: 'thaid', before: p.before } });
	await signedIn(user.id, person.nationalId, ctx, t, 'thaid');
	return { ok: true, userId: user.id, firstProof: p.firstProof };
}

/**
 * A signed-in citizen proves their account with ThaID. ThaID must prove the account's own person: another person's
 * ThaID (someone else's phone in the citizen's hand) proves nothing, and is recorded.
 */
export async function thaidProve(user: { id: string; nationalId: string }, person: ThaidPerson, ctx: Ctx): Promise<ThaidProof> {
	if (person.nationalId !== user.nationalId) {
		await audit({ actor: user.id, action: 'account.proof_refused', subject: user.nationalId, ip: ctx.ip, detail: { by: 'thaid', reason: 'other_person' } });
		return { ok: false, reason: 'other_person' };
	}
	const p = await prove(user.id, now());
	if (!p) return { ok: false, reason: 'closed' };
	await audit({ actor: user.id, action: 'account.proved', subject: user.nationalId, ip: ctx.ip, detail: { by: 'thaid', before: p.before } });
	return { ok: true, firstProof: p.firstProof };
}
