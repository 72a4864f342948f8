import { describe, expect, it } from 'vitest';
import { addPersonTo, freshDatabase, testEngines } from '../../tests/unit/engines';
import { housekeeping } from './housekeeping';
import { startChallenge } from './auth/otp';
import { createSession } from './auth/session';
import { takeAll } from './auth/rate-limit';
import { setClockOffset } from './clock';

const engines = await testEngines('housekeeping tests on PostgreSQL');

describe.each(engines)('housekeeping on %s', (engine) => {
	it('removes expired sessions, old rate-limit windows and stale challenges, and drops payloads that can no longer be used', async () => {
		const db = await freshDatabase(engine);
		await addPersonTo(db, '1103700123458');
		await db.run(
			"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1','1103700123458','0812345678','x',0,'v',0,0,0)"
		);
		await createSession('u1', {});
		expect(await takeAll([{ key: 'k', max: 1, windowMs: 3_600_000 }])).toBeNull();
		await startChallenge({ purpose: 'register', phone: '0812345678', subject: 's', payload: { passwordHash: '$argon2id$…' }, ip: null, locale: 'th' });
		const count = (t: string) => db.count(`SELECT count(*) FROM ${t}`);

		await housekeeping();
		// rate-limit windows: 'k'; the hourly and daily windows of the phone (with its requester) and of the ID of the code
		// just sent, the hourly and daily ones of the (unproven) number, and the portal's hourly SMS budget with its share
		// for unproven numbers
		expect([await count('sessions'), await count('rate_limits'), await count('otp_challenges')]).toEqual([1, 9, 1]);

		setClockOffset(31 * 60_000); // session idle, challenge expired
		await housekeeping();
		expect(await count('sessions')).toBe(0);
		expect(await db.get('SELECT payload FROM otp_challenges')).toEqual({ payload: null });

		setClockOffset(8 * 86_400_000);
		await housekeeping();
		expect([await count('rate_limits'), await count('otp_challenges')]).toEqual([0, 0]);
	});
});
