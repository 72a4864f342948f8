/**
 * The built client: it exists, and the service worker precaches the app shell only. Needs `npm run build` first (npm test
 * builds before it runs the unit tests). Server code is kept out of it by the build itself (scripts/lib/server-only-guard.ts).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const CLIENT = 'build/client';

describe('built client bundle', () => {
	it('exists (run npm run build first)', () => {
		expect(fs.existsSync(CLIENT), 'build/client is missing: run `npm run build` before the unit tests').toBe(true);
	});
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
