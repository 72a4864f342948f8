import { and, eq } from 'drizzle-orm';
import { db, schema, one } from '../db';

export type Person = typeof schema.persons.$inferSelect;

export async function findPerson(nationalId: string): Promise<Person | undefined> {
	return await one(db().select().from(schema.persons).where(eq(schema.persons.nationalId, nationalId)));
}

/**
 * The registry person who holds this passport of this state and was born on `birthDate` (seed 003: a foreign insured
 * person shows the SSO card with a passport). A passport number is unique only within its state, so both are asked;
 * the birth date is the check that the person in front of the clerk is the holder. Undefined unless exactly one.
 */
export async function personByPassport(passportNo: string, nationality: string, birthDate: string): Promise<Person | undefined> {
	const found = await db()
		.select()
		.from(schema.persons)
		.where(and(eq(schema.persons.passportNo, passportNo), eq(schema.persons.nationality, nationality), eq(schema.persons.birthDate, birthDate)))
		.limit(2);
	return found.length === 1 ? found[0] : undefined;
}

function norm(s: string): string {
	return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Does what the citizen typed match the registry? Names in Thai or English, exactly (spacing and case aside). */
export function identityMatches(p: Person, typed: { firstName: string; lastName: string; birthDate: string }): boolean {
	const first = norm(typed.firstName);
	const last = norm(typed.lastName);
	const thai = first === norm(p.firstNameTh) && last === norm(p.lastNameTh);
	const eng = first === norm(p.firstNameEn) && last === norm(p.lastNameEn);
	return (thai || eng) && typed.birthDate === p.birthDate;
}
