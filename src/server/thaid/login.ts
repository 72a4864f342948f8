/**
 * Signing in with ThaID, and proving an account with it (./client.ts does the OpenID Connect; what each level allows:
 * src/lib/rules/assurance.ts). The national ID ThaID gives is DOPA's: it names the account. A proof only ever raises
 * the account's level, and is audited, so the citizen sees it among their account's events.
 */
import { accountLevel, raiseAssurance } from '../accounts/assurance';
import type { Assurance } from '$lib/rules/assurance';
import { now } from '../clock';
import { audit } from '../audit';
import { signedIn } from '../accounts/login';
import type { ThaidPerson } from './claims';

export type ThaidSignIn = { ok: true; userId: string; firstProof: boolean; before: Assurance } | { ok: false; reason: 'no_account' };
export type ThaidProof = { ok: true; firstProof: boolean } | { ok: false; reason: 'other_person' | 'closed' };

type Ctx = { ip: string | null; userAgent?: string | null; device?: string | null };

/** A ThaID sign-in: the open account of the person ThaID proved, or none (they register first). */
export async function thaidSignIn(person: ThaidPerson, ctx: Ctx): Promise<ThaidSignIn> {
	const t = now();
	const account = await accountLevel(person.nationalId);
	if (!account) return { ok: false, reason: 'no_account' };
	const p = await raiseAssurance(account.userId, 'thaid', t);
	if (!p) return { ok: false, reason: 'no_account' };
	if (p.first)
		await audit({ actor: account.userId, action: 'account.proved', subject: person.nationalId, ip: ctx.ip, detail: { by: 'thaid', before: p.before } });
	await signedIn(account.userId, person.nationalId, ctx, t, 'thaid');
	return { ok: true, userId: account.userId, firstProof: p.first, before: p.before };
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
	const p = await raiseAssurance(user.id, 'thaid');
	if (!p) return { ok: false, reason: 'closed' };
	await audit({ actor: user.id, action: 'account.proved', subject: user.nationalId, ip: ctx.ip, detail: { by: 'thaid', before: p.before } });
	return { ok: true, firstProof: p.first };
}
