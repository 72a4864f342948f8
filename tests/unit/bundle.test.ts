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

describe('service worker precache (the app shell only)', () => {
	const sw = () => fs.readFileSync(path.join(CLIENT, 'service-worker.js'), 'utf8');
	const urls = () => [...sw().matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);

	it('holds the offline page, its data, every script and style it loads, the fonts, the icons and the manifest', () => {
		const list = urls();
		expect(list).toEqual(
			expect.arrayContaining(['offline', 'offline/__data.json', 'manifest.webmanifest', 'icons/pwa-192x192.png', 'icons/maskable-icon-512x512.png'])
		);
		const html = fs.readFileSync('build/prerendered/offline.html', 'utf8');
		const needed = [...html.matchAll(/"\/(_app\/immutable\/[^"]+\.(?:js|woff2))"/g)].map((m) => m[1]!);
		expect(needed.length).toBeGreaterThan(3);
		expect(list).toEqual(expect.arrayContaining(needed));
		expect(list.filter((u) => u.endsWith('.woff2'))).toHaveLength(4);
	});

	it('leaves out other pages, the install screenshots and anything personal', () => {
		const list = urls();
		const html = fs.readFileSync('build/prerendered/offline.html', 'utf8');
		const pages = list.filter((u) => u.includes('/nodes/'));
		for (const p of pages) expect(html, `${p} is not a page the offline page loads`).toContain(p);
		expect(pages.length).toBeLessThanOrEqual(3);
		expect(list.some((u) => u.startsWith('screenshots/'))).toBe(false);
		expect(list.some((u) => /^(dashboard|contributions|status|hospital|benefits|savings|applications|api)\b/.test(u))).toBe(false);
	});
});
