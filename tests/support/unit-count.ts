/**
 * Counts the assertions each unit test file reaches (vitest's own count per test), so a change to the suite can show it
 * lost nothing. Each file appends one line to test-counts/unit/ (emptied at the start of each run by
 * ./unit-count-setup.ts); `scripts/test.ts` adds them up.
 */
import { afterAll, afterEach, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

let assertions = 0;
let tests = 0;
afterEach(() => {
	assertions += expect.getState().assertionCalls;
	tests += 1;
});
afterAll(() => {
	const dir = path.resolve('test-counts/unit');
	fs.mkdirSync(dir, { recursive: true });
	const file = expect.getState().testPath ?? 'unknown';
	fs.appendFileSync(path.join(dir, `${process.pid}.jsonl`), JSON.stringify({ file: path.relative(process.cwd(), file), tests, assertions }) + '\n');
});
