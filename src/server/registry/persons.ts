import { eq } from 'drizzle-orm';
import { db, schema, one } from '../db';

export type Person = typeof schema.persons.$inferSelect;

export async function findPerson(nationalId: string): Promise<Person | undefined> {
	return await one(db().select().from(schema.persons).where(eq(schema.persons.nationalId, nationalId)));
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
