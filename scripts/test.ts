/**
 * npm test: every check the project has, in stages, then the time each stage took (so the next change sees where the
 * time goes). Lint runs beside svelte-check and then the build (each mostly uses one core; their output is printed
 * whole as each ends; lint reads no file the other two write); then the unit tests (with tests/http, which run the
 * build) and the end-to-end tests, each using every core. Stops at the first stage that fails, as `a && b` would, and
 * exits with its status.
 */
import { spawn } from 'node:child_process';

interface Stage {
	name: string;
	script: string;
}
/** lanes run side by side, the stages of a lane one after another */
const lanes: Stage[][] = [
	[{ name: 'lint', script: 'lint' }],
	[
		{ name: 'check', script: 'check' },
		{ name: 'build', script: 'build' }
	]
];
const serial: Stage[] = [
	{ name: 'unit', script: 'test:unit' },
	{ name: 'e2e', script: 'test:e2e' }
];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const times: { name: string; seconds: number; code: number }[] = [];
const started = Date.now();

function run(stage: Stage, buffered: boolean): Promise<number> {
	const t0 = Date.now();
	return new Promise((resolve) => {
		const child = spawn(npm, ['run', '--silent', stage.script], { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
		const chunks: Buffer[] = [];
		child.stdout?.on('data', (c: Buffer) => chunks.push(c));
		child.stderr?.on('data', (c: Buffer) => chunks.push(c));
		child.on('close', (code, signal) => {
			const status = code ?? (signal ? 1 : 0);
			times.push({ name: stage.name, seconds: (Date.now() - t0) / 1000, code: status });
			if (buffered) {
				process.stdout.write(`\n── ${stage.name} ${status === 0 ? 'passed' : `FAILED (exit ${status})`} ──\n`);
				process.stdout.write(Buffer.concat(chunks));
			}
			resolve(status);
		});
	});
}

function report(): void {
	const total = (Date.now() - started) / 1000;
	const width = Math.max(...times.map((t) => t.name.length));
	console.log('\nnpm test: time per stage (lint beside check then build)');
	for (const t of times) console.log(`  ${t.name.padEnd(width)}  ${t.seconds.toFixed(0).padStart(4)} s${t.code === 0 ? '' : `  FAILED (exit ${t.code})`}`);
	console.log(`  ${'total'.padEnd(width)}  ${total.toFixed(0).padStart(4)} s (wall)`);
}

async function lane(stages: Stage[]): Promise<number> {
	for (const stage of stages) {
		const status = await run(stage, true);
		if (status !== 0) return status;
	}
	return 0;
}

let code = Math.max(...(await Promise.all(lanes.map(lane))));
for (const stage of serial) {
	if (code !== 0) break;
	code = await run(stage, false);
}
report();
process.exit(code);
