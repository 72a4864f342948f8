/**
 * npm run screenshots:pwa — the screenshots in the web app manifest (the richer install dialog): the dashboard and the
 * contributions page on a phone (360×720 CSS px at 2×), the dashboard on a desktop (1280×800). Runs the production build
 * on a throwaway demo database and signs the section 33 demo person in. Needs `npm run build` first.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { DEMO_PEOPLE } from '../src/server/registry/seed';
import { startApp, demoSession } from './lib/app-server';

const PORT = 3310;
const DB = 'data/screenshots.db';
const OUT = 'static/screenshots';

for (const s of ['', '-wal', '-shm']) fs.rmSync(DB + s, { force: true });
const stop = await startApp(DB, PORT, { SEED_PERSONS: '200' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
	const token = demoSession(DB, DEMO_PEOPLE.s33Active.id);
	fs.mkdirSync(OUT, { recursive: true });
	const shots = [
		{ path: '/dashboard', name: 'dashboard-narrow', width: 360, height: 720, scale: 2 },
		{ path: '/contributions', name: 'contributions-narrow', width: 360, height: 720, scale: 2 },
		{ path: '/dashboard', name: 'dashboard-wide', width: 1280, height: 800, scale: 1 }
	];
	for (const s of shots) {
		const context = await browser.newContext({ viewport: { width: s.width, height: s.height }, deviceScaleFactor: s.scale, serviceWorkers: 'block' });
		await context.addCookies([{ name: 'session', value: token, url: `http://localhost:${PORT}` }]);
		const page = await context.newPage();
		await page.goto(`http://localhost:${PORT}${s.path}`);
		await page.evaluate(() => document.fonts.ready);
		await page.screenshot({ path: `${OUT}/${s.name}.png` });
		await context.close();
		console.log(`${OUT}/${s.name}.png`);
	}
} finally {
	await browser.close();
	await stop();
	for (const s of ['', '-wal', '-shm']) fs.rmSync(DB + s, { force: true });
}
