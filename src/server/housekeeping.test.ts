import { describe, expect, it } from 'vitest';
import { freshDb, addPerson } from '../../tests/unit/fresh-db';
import { housekeeping } from './housekeeping';
import { startChallenge } from './auth/otp';
import { createSession } from './auth/session';
import { takeAll } from './auth/rate-limit';
import { setClockOffset } from './clock';

describe('housekeeping', () => {
	it('removes expired sessions, old rate-limit windows and stale challenges, and drops payloads that can no longer be used', async () => {
		const db = freshDb();
		addPerson(db, '1103700123458');
		db.$client
			.prepare(
				"INSERT INTO users (id,national_id,phone,password_hash,phone_verified_at,terms_version,terms_accepted_at,password_changed_at,created_at) VALUES ('u1','1103700123458','0812345678','x',0,'v',0,0,0)"
			)
			.run();
		await createSession('u1', {});
		expect(await takeAll([{ key: 'k', max: 1, windowMs: 3_600_000 }])).toBeNull();
		await startChallenge({ purpose: 'register', phone: '0812345678', subject: 's', payload: { passwordHash: '$argon2id$…' }, ip: null, locale: 'th' });
		const count = (t: string) => (db.$client.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n;

		await housekeeping();
		// rate-limit windows: 'k'; the hourly and daily windows of the phone (with its requester) and of the ID of the code
		// just sent, the hourly and daily ones of the (unproven) number, and the portal's hourly SMS budget with its share
		// for unproven numbers
		expect([count('sessions'), count('rate_limits'), count('otp_challenges')]).toEqual([1, 9, 1]);

		setClockOffset(31 * 60_000); // session idle, challenge expired
		await housekeeping();
		expect(count('sessions')).toBe(0);
		expect(db.$client.prepare('SELECT payload FROM otp_challenges').get()).toEqual({ payload: null });

		setClockOffset(8 * 86_400_000);
		await housekeeping();
		expect([count('rate_limits'), count('otp_challenges')]).toEqual([0, 0]);
	});
});
