/** Vitest's global setup: a run's assertion counts start from nothing (see ./unit-count.ts). */
import fs from 'node:fs';

export default function setup(): void {
	fs.rmSync('test-counts/unit', { recursive: true, force: true });
}
