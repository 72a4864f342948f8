/**
 * Counts what the end-to-end suite checks, so a change to the suite can show it lost nothing: every `expect` call reached
 * (Playwright reports each as a step of category "expect") and the tests that ran. Written to test-counts/e2e.json
 * and printed at the end.
 */
import fs from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

export default class CountReporter implements Reporter {
	private expects = new Map<string, number>();
	private durations = new Map<string, number>();
	private outcomes = new Map<string, string>();

	private key(test: TestCase): string {
		return `${test.location.file.split('/tests/e2e/')[1] ?? test.location.file} › ${test.titlePath().slice(3).join(' › ')}`;
	}

	onStepEnd(test: TestCase, _result: TestResult, step: TestStep): void {
		if (step.category !== 'expect') return;
		const k = this.key(test);
		this.expects.set(k, (this.expects.get(k) ?? 0) + 1);
	}

	onTestEnd(test: TestCase, result: TestResult): void {
		const k = this.key(test);
		this.durations.set(k, (this.durations.get(k) ?? 0) + result.duration);
		this.outcomes.set(k, result.status);
	}

	onEnd(result: FullResult): void {
		const tests = [...this.outcomes.keys()].sort();
		const expects = [...this.expects.values()].reduce((a, b) => a + b, 0);
		const passed = [...this.outcomes.values()].filter((s) => s === 'passed').length;
		const perFile = new Map<string, { tests: number; expects: number; ms: number }>();
		for (const t of tests) {
			const f = t.split(' › ')[0]!;
			const row = perFile.get(f) ?? { tests: 0, expects: 0, ms: 0 };
			row.tests += 1;
			row.expects += this.expects.get(t) ?? 0;
			row.ms += this.durations.get(t) ?? 0;
			perFile.set(f, row);
		}
		fs.mkdirSync('test-counts', { recursive: true });
		fs.writeFileSync(
			'test-counts/e2e.json',
			JSON.stringify(
				{
					status: result.status,
					tests: tests.length,
					passed,
					expects,
					files: Object.fromEntries(perFile),
					perTest: Object.fromEntries(
						tests.map((t) => [t, { expects: this.expects.get(t) ?? 0, ms: this.durations.get(t) ?? 0, status: this.outcomes.get(t) }])
					)
				},
				null,
				'\t'
			)
		);
		console.log(`\ne2e: ${tests.length} tests (${passed} passed), ${expects} expect calls reached`);
	}

	printsToStdio(): boolean {
		return false;
	}
}
