/**
 * npm test: every check the project has, in stages, then the time each stage took (so the next change sees where the
 * time goes). A stage starts as soon as the stages it needs have passed, so the two cores stay busy: lint (one core,
 * about 100 s) runs beside svelte-check, then the build (svelte-check and the build both write .svelte-kit), then the
 * unit tests (tests/http runs the build); the end-to-end tests start when everything else has passed, with the
 * machine to themselves (some of them measure how fast others are served). A stage that fails lets the running ones
 * finish but starts no other, as `a && b` would, and npm test exits with its status.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

interface Stage {
	name: string;
	script: string;
	/** the stages that must pass first */
	after: string[];
	/**
	 * run at a lower CPU priority: the unit stage fills every core (four threads, servers, PostgreSQL), and lint beside it
	 * (one long single-threaded run) then crawled — measured on 2 cores: lint 190 s beside it and the unit stage done at
	 * 199 s; niced, lint 110 s and the unit stage done at 171 s
	 */
	nice?: boolean;
	/** printed as it comes (the stage runs alone at the end, or beside stages whose output is held back), or whole at its end */
	stream: boolean;
}
const stages: Stage[] = [
	{ name: 'lint', script: 'lint', after: [], stream: false },
	{ name: 'check', script: 'check', after: [], stream: false },
	{ name: 'build', script: 'build', after: ['check'], stream: false },
	{ name: 'unit', script: 'test:unit', after: ['build'], stream: true, nice: true },
	{ name: 'e2e', script: 'test:e2e', after: ['lint', 'unit'], stream: true }
];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const times: { name: string; start: number; seconds: number; code: number }[] = [];
const started = Date.now();

function run(stage: Stage): Promise<number> {
	const t0 = Date.now();
	return new Promise((resolve) => {
		const args = ['run', '--silent', stage.script];
		// nice(1) lowers the priority of the stage and of every process it starts (Linux and macOS)
		const niced = stage.nice === true && process.platform !== 'win32';
		const child = spawn(niced ? 'nice' : npm, niced ? ['-n', '10', npm, ...args] : args, { stdio: stage.stream ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
		const chunks: Buffer[] = [];
		child.stdout?.on('data', (c: Buffer) => chunks.push(c));
		child.stderr?.on('data', (c: Buffer) => chunks.push(c));
		child.on('close', (code, signal) => {
			const status = code ?? (signal ? 1 : 0);
			times.push({ name: stage.name, start: (t0 - started) / 1000, seconds: (Date.now() - t0) / 1000, code: status });
			if (!stage.stream) {
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
	console.log('\nnpm test: time per stage (started at, took)');
	for (const t of times)
		console.log(
			`  ${t.name.padEnd(width)}  at ${t.start.toFixed(0).padStart(4)} s  ${t.seconds.toFixed(0).padStart(4)} s${t.code === 0 ? '' : `  FAILED (exit ${t.code})`}`
		);
	const skipped = stages.filter((s) => !times.some((t) => t.name === s.name)).map((s) => s.name);
	if (skipped.length) console.log(`  not run: ${skipped.join(', ')}`);
	console.log(`  ${'total'.padEnd(width)}  ${total.toFixed(0).padStart(4)} s (wall)`);
	const counts = [unitCounts(), e2eCounts()].filter(Boolean);
	if (counts.length) console.log(`  reached: ${counts.join('; ')}`);
}

/**
 * What the unit stage reached (tests/support/unit-count.ts writes a line per test file), so a change to the suite can
 * show it lost nothing.
 */
function unitCounts(): string | null {
	if (!times.some((t) => t.name === 'unit')) return null;
	let tests = 0;
	let assertions = 0;
	for (const f of fs.existsSync('test-counts/unit') ? fs.readdirSync('test-counts/unit') : [])
		for (const line of fs.readFileSync(`test-counts/unit/${f}`, 'utf8').split('\n').filter(Boolean)) {
			const c = JSON.parse(line) as { tests: number; assertions: number };
			tests += c.tests;
			assertions += c.assertions;
		}
	return `unit ${tests} tests, ${assertions} assertions`;
}

/** The same for the end-to-end stage (tests/support/e2e-count-reporter.ts). */
function e2eCounts(): string | null {
	if (!times.some((t) => t.name === 'e2e') || !fs.existsSync('test-counts/e2e.json')) return null;
	const c = JSON.parse(fs.readFileSync('test-counts/e2e.json', 'utf8')) as { tests: number; expects: number };
	return `e2e ${c.tests} tests, ${c.expects} expect calls`;
}

const passed = new Set<string>();
const running = new Map<string, Promise<void>>();
let code = 0;
for (;;) {
	if (code === 0)
		for (const stage of stages)
			if (!passed.has(stage.name) && !running.has(stage.name) && stage.after.every((a) => passed.has(a)))
				running.set(
					stage.name,
					run(stage).then((status) => {
						running.delete(stage.name);
						if (status === 0) passed.add(stage.name);
						else code = code || status;
					})
				);
	if (running.size === 0) break;
	await Promise.race(running.values());
}
report();
process.exit(code);
