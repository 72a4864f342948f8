/**
 * npm run bench:web [-- --runs 3 --out docs/PERFORMANCE.md]
 *
 * Lighthouse (mobile emulation, its default simulated slow-4G throttling and 4× CPU slowdown) on the landing page, login,
 * registration step 2 (the details form, after accepting the terms) and the signed-in dashboard, against the production
 * build served the way `npm start` serves it (compression, immutable hashed assets). Each page is measured `runs` times
 * in a fresh Chromium profile (first visit: empty cache, no service worker) and the median run is reported. Writes the
 * table, the page budgets and what dominates each page's weight to docs/PERFORMANCE.md. Needs `npm run build` first
 * (the npm script builds).
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { DEMO_PEOPLE } from '../src/server/registry/seed';
import { startApp, demoSession, writePerformanceSection, exitIfCheck } from './lib/app-server';

const { values } = parseArgs({
	options: { check: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' }, out: { type: 'string', default: 'docs/PERFORMANCE.md' } }
});
exitIfCheck(values.check, 'bench:web');
const RUNS = Math.max(1, Number(values.runs));
const PORT = 3320;
const ORIGIN = `http://localhost:${PORT}`;
const DB = `data/bench-web-${process.pid}.db`;
const KB = 1024;

interface Budget {
	js: number;
	total?: number;
}
interface Page {
	name: string;
	path: string;
	budget: Budget;
	cookie?: () => Promise<string>;
}

interface Measure {
	performance: number;
	accessibility: number;
	bestPractices: number;
	lcpMs: number;
	cls: number;
	tbtMs: number;
	fcpMs: number;
	siMs: number;
	/** Bytes the service worker fetched to precache the app shell (after the page loaded), part of the totals. */
	swBytes: number;
	jsBytes: number;
	fontBytes: number;
	cssBytes: number;
	docBytes: number;
	totalBytes: number;
	requests: number;
	heaviest: { url: string; bytes: number; type: string }[];
	failed: string[];
}

/** The flow cookie of a registration that has accepted the terms (step 1), so step 2 opens. */
async function registrationCookie(): Promise<string> {
	const res = await fetch(`${ORIGIN}/register/terms`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: ORIGIN },
		body: 'accept=yes'
	});
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
	if (res.status !== 303 || cookies.length === 0) throw new Error(`accepting the terms failed: ${res.status}`);
	return cookies.join('; ');
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function measure(lhr: Lhr): Measure {
	const audit = (id: string) => lhr.audits[id];
	const items = (
		(audit('network-requests')?.details as { items?: { url: string; transferSize?: number; resourceType?: string; sessionTargetType?: string }[] } | undefined)
			?.items ?? []
	).filter((r) => r.url.startsWith(ORIGIN));
	const bytes = (type: string) => items.filter((r) => r.resourceType === type).reduce((a, r) => a + (r.transferSize ?? 0), 0);
	const failed = Object.values(lhr.categories)
		.flatMap((c) => c.auditRefs.map((ref) => ({ cat: c.id, ref })))
		.filter(({ cat, ref }) => cat !== 'performance' && ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
		.map(({ cat, ref }) => `${cat}: ${ref.id}`);
	return {
		performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
		accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
		bestPractices: Math.round((lhr.categories['best-practices']?.score ?? 0) * 100),
		lcpMs: audit('largest-contentful-paint')?.numericValue ?? NaN,
		cls: audit('cumulative-layout-shift')?.numericValue ?? NaN,
		tbtMs: audit('total-blocking-time')?.numericValue ?? NaN,
		fcpMs: audit('first-contentful-paint')?.numericValue ?? NaN,
		siMs: audit('speed-index')?.numericValue ?? NaN,
		swBytes: items.filter((r) => r.sessionTargetType === 'worker').reduce((a, r) => a + (r.transferSize ?? 0), 0),
		jsBytes: bytes('Script'),
		fontBytes: bytes('Font'),
		cssBytes: bytes('Stylesheet'),
		docBytes: bytes('Document'),
		totalBytes: items.reduce((a, r) => a + (r.transferSize ?? 0), 0),
		requests: items.length,
		heaviest: items
			.map((r) => ({ url: new URL(r.url).pathname, bytes: r.transferSize ?? 0, type: r.resourceType ?? '' }))
			.sort((a, b) => b.bytes - a.bytes)
			.slice(0, 3),
		failed
	};
}

async function run(url: string, cookie: string | undefined): Promise<Measure> {
	const chrome = await chromeLauncher.launch({
		chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices'],
			extraHeaders: cookie ? { Cookie: cookie } : undefined
		});
		if (!result) throw new Error(`no Lighthouse result for ${url}`);
		if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
		const finalUrl = result.lhr.finalDisplayedUrl;
		if (new URL(finalUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended at ${finalUrl}`);
		return measure(result.lhr);
	} finally {
		chrome.kill();
	}
}

const median = (xs: Measure[]): Measure => [...xs].sort((a, b) => a.performance - b.performance || b.lcpMs - a.lcpMs)[Math.floor(xs.length / 2)]!;

for (const s of ['', '-wal', '-shm']) fs.rmSync(DB + s, { force: true });
const stop = await startApp(DB, PORT, { SEED_PERSONS: '1000', SESSION_IDLE_MINUTES: '600' });
const results: { page: Page; m: Measure; runs: Measure[] }[] = [];
try {
	const session = `session=${demoSession(DB, DEMO_PEOPLE.s33Active.id)}`;
	const pages: Page[] = [
		{ name: 'Landing', path: '/', budget: { js: 60 * KB, total: 250 * KB } },
		{ name: 'Login', path: '/login', budget: { js: 60 * KB } },
		{ name: 'Registration step 2', path: '/register/details', budget: { js: 100 * KB }, cookie: registrationCookie },
		{ name: 'Dashboard (signed in)', path: '/dashboard', budget: { js: 100 * KB }, cookie: async () => session }
	];
	for (const page of pages) {
		const runs: Measure[] = [];
		for (let i = 0; i < RUNS; i++) {
			const m = await run(ORIGIN + page.path, await page.cookie?.());
			runs.push(m);
			console.log(
				`${page.name} #${i + 1}: perf ${m.performance} a11y ${m.accessibility} bp ${m.bestPractices} FCP ${Math.round(m.fcpMs)} ms LCP ${Math.round(m.lcpMs)} ms SI ${Math.round(m.siMs)} ms TBT ${Math.round(m.tbtMs)} ms CLS ${m.cls.toFixed(3)} JS ${(m.jsBytes / KB).toFixed(1)} KB total ${(m.totalBytes / KB).toFixed(1)} KB (service worker ${(m.swBytes / KB).toFixed(1)} KB)${m.failed.length ? ` failed: ${m.failed.join(', ')}` : ''}`
			);
		}
		results.push({ page, m: median(runs), runs });
	}
} finally {
	await stop();
	for (const s of ['', '-wal', '-shm']) fs.rmSync(DB + s, { force: true });
}

// ── the report ──
const kb = (b: number) => `${(b / KB).toFixed(1)} KB`;
const ok = (pass: boolean) => (pass ? '✓' : '✗');
const checks: string[] = [];
const row = ({ page, m }: (typeof results)[number]) => {
	const c = [
		m.performance >= 95,
		m.accessibility === 100,
		m.bestPractices === 100,
		m.lcpMs <= 2000,
		m.cls <= 0.05,
		m.jsBytes <= page.budget.js,
		page.budget.total === undefined || m.totalBytes <= page.budget.total
	];
	if (!c.every(Boolean)) checks.push(page.name);
	return `| ${page.name} | ${m.performance} ${ok(c[0]!)} | ${m.accessibility} ${ok(c[1]!)} | ${m.bestPractices} ${ok(c[2]!)} | ${(m.lcpMs / 1000).toFixed(2)} s ${ok(c[3]!)} | ${m.cls.toFixed(3)} ${ok(c[4]!)} | ${Math.round(m.tbtMs)} ms | ${kb(m.jsBytes)} / ${kb(page.budget.js)} ${ok(c[5]!)} | ${kb(m.totalBytes)}${page.budget.total ? ` / ${kb(page.budget.total)} ${ok(c[6]!)}` : ''} | ${m.requests} |`;
};
const spread = results
	.map(
		({ page, runs }) =>
			`${page.name}: performance ${runs.map((r) => r.performance).join(', ')}; LCP ${runs.map((r) => (r.lcpMs / 1000).toFixed(2)).join(', ')} s`
	)
	.join('; ');
const weight = results
	.map(
		({ page, m }) =>
			`- **${page.name}**: JavaScript ${kb(m.jsBytes)}, fonts ${kb(m.fontBytes)}, CSS ${kb(m.cssBytes)}, HTML ${kb(m.docBytes)}. Heaviest: ${m.heaviest.map((h) => `\`${h.url}\` ${kb(h.bytes)}`).join(', ')}.${m.failed.length ? ` Audits below 100: ${m.failed.join(', ')}.` : ''}`
	)
	.join('\n');
const md = `## Page budgets (Lighthouse)

Measured by \`npm run bench:web\` (scripts/bench-web.ts) on ${new Date().toISOString().slice(0, 10)}: Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, Chromium from Debian, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}.
Mobile emulation with Lighthouse's default throttling (simulated slow 4G: 150 ms RTT, 1.6 Mbit/s down; 4× CPU slowdown); first visit (empty cache, no service worker);
the production build as \`npm start\` serves it (brotli for HTML, precompressed static files); median of ${RUNS} runs per page. Transfer sizes are bytes on the wire (compressed).

| page | performance (≥ 95) | accessibility (100) | best practices (100) | LCP (≤ 2.0 s) | CLS (≤ 0.05) | TBT | JS transferred / budget | total transferred / budget | requests |
|---|---|---|---|---|---|---|---|---|---|
${results.map(row).join('\n')}

${checks.length === 0 ? 'Every budget is met.' : `Budgets missed on: ${checks.join(', ')} (✗ above).`}

What the weight is:
${weight}

Runs: ${spread}.
`;
writePerformanceSection('bench:web', md, values.out);
console.log(md);
console.log(`wrote ${values.out}`);
