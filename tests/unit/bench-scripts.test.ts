/**
 * The benchmarks (npm run bench, bench:web, bench:load, bench:import, bench:queries, bench:register) are not run by the tests: speed is measured by
 * them, not asserted here. What is checked is that each still starts: its modules load and its options parse.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

describe('the benchmark scripts', () => {
	for (const [script, name] of [
		['bench', 'bench'],
		['bench-web', 'bench:web'],
		['bench-load', 'bench:load'],
		['bench-import', 'bench:import'],
		['bench-queries', 'bench:queries'],
		['bench-register', 'bench:register']
	] as const)
		it(`${script} starts (--check)`, async () => {
			const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, '--check'], {
				encoding: 'utf8',
				timeout: 30_000
			});
			expect(stdout.trim()).toBe(`${name}: ready`);
			// the test waits as long as the script is given (loading lighthouse or the app's modules takes seconds, more on a
			// machine busy with the other test files)
		}, 35_000);
});
