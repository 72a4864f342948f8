import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The page-budget benchmark (npm run bench:web) runs end to end and writes its table: one Lighthouse run per page here,
 * into a scratch file (docs/PERFORMANCE.md holds the numbers of a full run, the median of 3 per page). What it measures is not asserted:
 * speed is a benchmark, not a timed test.
 */
test('the Lighthouse page-budget benchmark runs end to end and writes the table', async () => {
	test.setTimeout(600_000);
	const out = 'test-results/bench-web.md';
	fs.rmSync(out, { force: true });
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench-web.ts', '--runs', '1', '--out', out], { stdio: 'inherit', timeout: 540_000 });
	const md = fs.readFileSync(out, 'utf8');
	expect(md).toContain('<!-- bench:web -->');
	for (const page of ['Landing', 'Login', 'Registration step 2', 'Dashboard (signed in)']) {
		const row = md.split('\n').find((l) => l.startsWith(`| ${page} |`));
		expect(row, page).toBeTruthy();
		// performance, accessibility and best-practices scores, LCP, CLS, JS and total bytes: all measured
		expect(row!).toMatch(
			/^\| [^|]+ \| \d+ [✓✗] \| \d+ [✓✗] \| \d+ [✓✗] \| \d+\.\d\d s [✓✗] \| \d\.\d{3} [✓✗] \| \d+ ms \| [\d.]+ KB \/ [\d.]+ KB [✓✗] \| [\d.]+ KB/
		);
	}
	expect(md).toMatch(/What the weight is:/);
});
