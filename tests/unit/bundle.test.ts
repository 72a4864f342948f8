/**
 * The browser never gets server code: the built client bundle must not contain the database driver,
 * the SMS SDK or the password hasher. Needs `npm run build` first (npm test builds before it runs the unit tests).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const CLIENT = 'build/client';

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('built client bundle', () => {
	it('exists (run npm run build first)', () => {
		expect(fs.existsSync(CLIENT), 'build/client is missing: run `npm run build` before the unit tests').toBe(true);
	});

	it.each(['better-sqlite3', 'twilio', 'argon2', 'drizzle-orm', 'bwip-js', 'otp_challenges', 'password_hash', 'TWILIO_AUTH_TOKEN', 'PAYMENT_CALLBACK_SECRET'])(
		'contains no trace of %s',
		(needle) => {
			if (!fs.existsSync(CLIENT)) throw new Error('build/client is missing');
			const hits = files(CLIENT)
				.filter((f) => /\.(js|mjs|css|html|json)$/.test(f))
				.filter((f) => fs.readFileSync(f, 'utf8').toLowerCase().includes(needle.toLowerCase()));
			expect(hits).toEqual([]);
		}
	);
});
