/** A fresh in-memory database with the real migrations, and the default configuration, for server unit tests. */
import { resetConfigForTests } from '../../src/server/config';
import { openDb, migrateDb, setDbForTests, type Db } from '../../src/server/db';
import { setClockOffset } from '../../src/server/clock';
import { setSmsSenderForTests } from '../../src/server/sms';

/** The default configuration with `env` over it (settings from the environment left out), the clock at real time, the SMS outbox. */
export function resetTestEnvironment(env: Record<string, string> = {}): void {
	for (const key of Object.keys(process.env))
		if (/^(SMS_|TWILIO_|OTP_|LOGIN_|REGISTER_|RESET_|APPLY_|SESSION_|STAFF_|DEV_CLOCK|SECRET_KEY)/.test(key)) delete process.env[key];
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

export function addPerson(db: Db, nationalId: string, birthDate = '1985-03-27', first = 'สมชาย', last = 'ใจดี'): void {
	db.$client
		.prepare(
			'INSERT INTO persons (national_id,title_th,first_name_th,last_name_th,title_en,first_name_en,last_name_en,birth_date,gender) VALUES (?,?,?,?,?,?,?,?,?)'
		)
		.run(nationalId, 'นาย', first, last, 'Mr.', 'Somchai', 'Jaidee', birthDate, 'M');
}

/** The newest code texted to a phone (read from the outbox, the way the dev page shows it). */
export function lastCode(db: Db, phone: string): string {
	const row = db.$client.prepare('SELECT body FROM sms_outbox WHERE to_phone = ? ORDER BY id DESC LIMIT 1').get(phone) as { body: string } | undefined;
	const m = row?.body.match(/(?<!\d)(\d{6})(?!\d)/);
	if (!m) throw new Error(`no code sent to ${phone}`);
	return m[1]!;
}
