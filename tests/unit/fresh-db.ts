/** A fresh in-memory database with the real migrations, and the default configuration, for server unit tests. */
import { resetConfigForTests } from '../../src/server/config';
import { openDb, migrateDb, setDbForTests, type Db } from '../../src/server/db';
import { setClockOffset } from '../../src/server/clock';
import { setSmsSenderForTests } from '../../src/server/sms';

/** The default configuration with `env` over it (settings from the environment left out), the clock at real time, the SMS outbox. */
export function resetTestEnvironment(env: Record<string, string> = {}): void {
	for (const key of Object.keys(process.env))
		if (/^(SMS_|TWILIO_|OTP_|LOGIN_|REGISTER_|RESET_|APPLY_|SESSION_|STAFF_|DEV_CLOCK|SECRET_KEY|VAPID_|PUSH_|NOTICE_)/.test(key)) delete process.env[key];
	resetConfigForTests({ DATABASE_PATH: ':memory:', ...env });
	setClockOffset(0);
	setSmsSenderForTests(undefined);
}

export function freshDb(env: Record<string, string> = {}): Db {
	resetTestEnvironment(env);
	const db = openDb(':memory:');
	migrateDb(db);
	setDbForTests(db);
	return db;
}

/** A registry person's row: the statement, and its values for `nationalId` (addPerson, and engines.ts's addPersonTo). */
export const INSERT_PERSON =
	'INSERT INTO persons (national_id,title_th,first_name_th,last_name_th,title_en,first_name_en,last_name_en,birth_date,gender) VALUES (?,?,?,?,?,?,?,?,?)';
export function personValues(nationalId: string, birthDate = '1985-03-27', first = 'สมชาย', last = 'ใจดี'): string[] {
	return [nationalId, 'นาย', first, last, 'Mr.', 'Somchai', 'Jaidee', birthDate, 'M'];
}

export function addPerson(db: Db, nationalId: string, birthDate?: string, first?: string, last?: string): void {
	db.$client.prepare(INSERT_PERSON).run(...personValues(nationalId, birthDate, first, last));
}

/** The newest code texted to a phone, read from the outbox the way the dev page shows it (lastCode, codeSentTo). */
export const LAST_TEXT = 'SELECT body FROM sms_outbox WHERE to_phone = ? ORDER BY id DESC LIMIT 1';
export function codeIn(row: { body: string } | undefined, phone: string): string {
	const m = row?.body.match(/(?<!\d)(\d{6})(?!\d)/);
	if (!m) throw new Error(`no code sent to ${phone}`);
	return m[1]!;
}

export function lastCode(db: Db, phone: string): string {
	return codeIn(db.$client.prepare(LAST_TEXT).get(phone) as { body: string } | undefined, phone);
}
