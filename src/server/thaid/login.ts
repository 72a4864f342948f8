/**
 * Signing in with ThaID, and proving an account with it (./client.ts does the OpenID Connect; what each level allows:
 * src/lib/rules/assurance.ts). The national ID ThaID gives is DOPA's: it names the account.
 *
 * An account opened by SMS is not raised by ThaID at once. Its number and password were set by whoever knew the
 * person's ID, name and birth date: raised as it is, they (and any session opened with them) would hold the higher
 * level too. So the proved person first says whether the account's number is theirs (`confirmProof`), or takes the
 * account back with their own number (the take-over repair, accounts/account.ts); only then is it raised, and every
 * other session ends. An account already proved is simply proved again.
 */
import { and, eq, ne } from 'drizzle-orm';
import { schema, transaction } from '../db';
import { accountLevel, raiseAssurance } from '../accounts/assurance';
import { isProved } from '$lib/rules/assurance';
import { now } from '../clock';
import { audit } from '../audit';
import { forgetDevices } from '../notify/notices';
import { signedIn } from '../accounts/login';
import type { ThaidPerson } from './claims';

/** `pending`: the account was opened by SMS; the person must confirm its number (or repair it) before it is raised. */
export type ThaidSignIn = { ok: true; userId: string; pending: boolean } | { ok: false; reason: 'no_account' };
export type ThaidProof = { ok: true; pending: boolean } | { ok: false; reason: 'other_person' | 'closed' };

type Ctx = { ip: string | null; userAgent?: string | null; device?: string | null };

/** A ThaID sign-in: the open account of the person ThaID proved, or none (they register first). */
export async function thaidSignIn(person: ThaidPerson, ctx: Ctx): Promise<ThaidSignIn> {
	const t = now();
	const account = await accountLevel(person.nationalId);
	if (!account) return { ok: false, reason: 'no_account' };
	const pending = !isProved(account.assurance);
	if (!pending && !(await raiseAssurance(account.userId, 'thaid', t))) return { ok: false, reason: 'no_account' };
	await signedIn(account.userId, person.nationalId, ctx, t, 'thaid');
	return { ok: true, userId: account.userId, pending };
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
	const account = await accountLevel(user.nationalId);
	if (!account || account.userId !== user.id) return { ok: false, reason: 'closed' };
	if (!isProved(account.assurance)) return { ok: true, pending: true };
	await raiseAssurance(user.id, 'thaid');
	return { ok: true, pending: false };
}

/**
 * The person ThaID proved says the account's number is theirs: the account is raised to ThaID's level, and every
 * other session (opened with the number and password as they were) ends.
 */
export async function confirmProof(who: { userId: string; nationalId: string; sessionId: string; ip: string | null }): Promise<boolean> {
	const t = now();
	// raised, the other sessions ended, and recorded: all or none
	return await transaction(
		async (tx) => {
			const p = await raiseAssurance(who.userId, 'thaid', t);
			if (!p) return false;
			await tx.delete(schema.sessions).where(and(eq(schema.sessions.userId, who.userId), ne(schema.sessions.id, who.sessionId)));
			await forgetDevices(tx, who.userId, { sessionId: who.sessionId });
			await audit({ actor: who.userId, action: 'account.proved', subject: who.nationalId, ip: who.ip, detail: { by: 'thaid', before: p.before } });
			return true;
		},
		{ durable: true }
	);
}
