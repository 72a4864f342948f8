/**
 * Section 40 membership: eligibility up front, the application (confirmed by an SMS code), and what the slip asks
 * to be paid. The payment itself, which opens the coverage, is in payment.ts.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { db, schema, one } from '../../db';
import { createApplication, type Submission, openApplication } from '../store';
import { section40Eligibility, slipValidUntil, type S40Refusal } from '$lib/rules/applications';
import { section40Contribution } from '$lib/rules/contributions';
import type { Address } from '../questions';

export interface S40Answers {
	pensioner?: 'yes' | 'no';
	address?: Address;
	occupation?: string;
	occupationOther?: string;
	option?: '1' | '2' | '3';
}

export interface S40Outcome {
	option: 1 | 2 | 3;
	amountSatang: number;
	governmentSatang: number;
	validUntil: string;
}

export async function section40Context(nationalId: string, today: string) {
	const person = (await one(db().select().from(schema.persons).where(eq(schema.persons.nationalId, nationalId))))!;
	const open = await one(
		db()
			.select()
			.from(schema.coverages)
			.where(and(eq(schema.coverages.personId, nationalId), isNull(schema.coverages.endDate)))
	);
	const eligibility = section40Eligibility({ birthDate: person.birthDate, nationality: person.nationality, openSection: open?.section ?? null, today });
	return { person, eligibility, pending: (await openApplication(nationalId, 'section40')) ?? null };
}

export type S40Context = Awaited<ReturnType<typeof section40Context>>;

/** The account's registered mobile number: the confirmation code goes there, and the check page shows it masked. */
export async function registeredPhone(userId: string): Promise<string> {
	return (await one(db().select({ phone: schema.users.phone }).from(schema.users).where(eq(schema.users.id, userId))))!.phone;
}

export function outcomeFor(option: 1 | 2 | 3, submittedOn: string): S40Outcome {
	const c = section40Contribution(option);
	return { option, amountSatang: c.insuredSatang, governmentSatang: c.governmentSatang, validUntil: slipValidUntil(submittedOn) };
}

/** Submit after the SMS code was right. Refuses when the citizen is not eligible or already has a slip open. */
export function submitSection40(args: Submission<S40Answers>) {
	const option = Number(args.answers.option) as 1 | 2 | 3;
	return createApplication<S40Refusal | 'pending'>('section40', args, async () => {
		const ctx = await section40Context(args.nationalId, args.today);
		if (!ctx.eligibility.ok) return { ok: false, refusal: ctx.eligibility.reason };
		if (args.answers.pensioner !== 'no') return { ok: false, refusal: 'pensioner' };
		if (ctx.pending) return { ok: false, refusal: 'pending' };
		return { ok: true, outcome: outcomeFor(option, args.today) };
	});
}
