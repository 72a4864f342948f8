/**
 * Raising an account's level of identity proof (what each level allows: src/lib/rules/assurance.ts), by ThaID
 * (../thaid/login.ts) or by an officer with the ID card in hand (the officer's screen). A proof only ever raises the
 * level, and each is audited under the person's national ID, so the citizen sees it among their account's events.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { db, one, schema, transaction } from '../db';
import { now } from '../clock';
import { audit } from '../audit';
import { forgetDevices } from '../notify/notices';
import { raisedBy, type Assurance } from '$lib/rules/assurance';

/**
 * The open account `userId` proved at `t` by `by`: its level raised (never lowered); ThaID's first proof remembered.
 * The level it held before, or null when the account is closed or gone. Called inside a transaction, it joins it, so
 * a caller ends the sessions and records the proof in the same one.
 */
export async function raiseAssurance(userId: string, by: 'thaid' | 'in_person', t = now()): Promise<{ before: Assurance } | null> {
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
			.set({ provedAt: t, assurance: raisedBy(u.assurance, by), ...(by === 'thaid' ? { thaidLinkedAt: u.linked ?? t } : {}) })
			.where(eq(schema.users.id, userId));
		return { before: u.assurance };
	});
}

/** The open account of a national ID with its level, or null (no account, or closed). */
export async function accountLevel(nationalId: string): Promise<{ userId: string; assurance: Assurance; provedAt: number | null; phone: string } | null> {
	const u = await one(
		db()
			.select({ userId: schema.users.id, assurance: schema.users.assurance, provedAt: schema.users.provedAt, phone: schema.users.phone })
			.from(schema.users)
			.where(and(eq(schema.users.nationalId, nationalId), isNull(schema.users.closedAt)))
	);
	return u ?? null;
}

/**
 * An officer, with the person's ID card read at the counter and its photo checked against the face, and the person
 * saying the account's number is theirs, proves the account in person: every session of it ends (they were opened with
 * the number and password as they were). Recorded with the officer and the place (the citizen sees where).
 */
export async function proveInPerson(
	officer: { id: string; place: string },
	nationalId: string,
	ip: string | null
): Promise<{ ok: true } | { ok: false; reason: 'no_account' }> {
	const account = await accountLevel(nationalId);
	if (!account) return { ok: false, reason: 'no_account' };
	// raised, the sessions opened before (by the number and password as they were) ended, and recorded: all or none
	const r = await transaction(
		async (tx) => {
			const r = await raiseAssurance(account.userId, 'in_person');
			if (!r) return null;
			await tx.delete(schema.sessions).where(eq(schema.sessions.userId, account.userId));
			await forgetDevices(tx, account.userId);
			await audit({
				actor: `staff:${officer.id}`,
				action: 'account.proved',
				subject: nationalId,
				ip,
				detail: { by: 'in_person', before: r.before, place: officer.place }
			});
			return r;
		},
		{ durable: true }
	);
	if (!r) return { ok: false, reason: 'no_account' };
	return { ok: true };
}
