/**
 * A child process with limits the operating system holds, for work on untrusted input (an employer's spreadsheet).
 *
 * A worker thread shares the server's process: its heap limit does not cover Buffers, and a V8 fatal error in it (a
 * string past V8's length limit, an allocation that fails) ends the whole server. A child process fails alone. Its
 * limits:
 * - `--max-old-space-size` for the JavaScript heap;
 * - RLIMIT_DATA (memory the process may map writable: heap, Buffers, strings) and RLIMIT_CPU (CPU seconds, SIGXCPU at
 *   the soft limit, SIGKILL two seconds later), set by util-linux `prlimit` before Node starts (RLIMIT_AS would not do:
 *   V8 reserves address space it never uses, and Node does not start under 1 GB);
 * - here, in the server: its resident memory read from /proc every 100 ms, and a wall-clock limit from the end of its
 *   input, both ending it with SIGKILL. These also hold where `prlimit` is missing.
 * The child gets an empty environment (the server's holds its secrets), and talks by lines of JSON on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { log } from '../log';

export interface ChildLimits {
	/** the JavaScript heap */
	heapMb: number;
	/** all memory: RLIMIT_DATA, and the resident size the server watches */
	memoryMb: number;
	cpuSeconds: number;
	/** wall clock, from the end of the child's input (`inputEnded`) */
	timeoutMs: number;
}

/** The longest line of JSON a child may send (its messages are batches of at most about a megabyte). */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** Why a child was stopped: memory (any of the memory limits, or a V8 fatal error), CPU time or the wall clock. */
export type Stopped = 'memory' | 'cpu' | 'timeout' | 'failed';

let prlimitPath: string | null | undefined;
/** util-linux `prlimit` on the PATH (Debian: /usr/bin/prlimit, part of the essential util-linux), or null. */
export function findPrlimit(): string | null {
	if (prlimitPath !== undefined) return prlimitPath;
	const dirs = (process.env.PATH || '/usr/local/bin:/usr/bin:/bin').split(path.delimiter);
	prlimitPath = dirs.map((d) => path.join(d, 'prlimit')).find((p) => fs.existsSync(p)) ?? null;
	if (!prlimitPath) log.warn('prlimit (util-linux) is missing: spreadsheet readers run without OS memory and CPU limits, under the server’s own watch');
	return prlimitPath;
}

function rssMb(pid: number): number | null {
	try {
		const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
		return m ? Number(m[1]) / 1024 : null;
	} catch {
		return null;
	}
}

export interface LimitedChild {
	readonly process: ChildProcess;
	/** the lines of JSON the child writes, parsed, read as the consumer asks for them (the child waits meanwhile) */
	messages(): AsyncGenerator<unknown>;
	/** null when the child exited by itself with status 0, otherwise why it stopped */
	readonly exited: Promise<Stopped | null>;
	/** the input is all sent: the wall clock starts (the minutes a slow connection takes to send a file are not the child's) */
	inputEnded(): void;
	/** ends the child (SIGKILL) */
	kill(): void;
}

/** Runs `source` (CommonJS) in a new Node process under `limits`; `arg` reaches it as JSON in process.argv[1]. */
export function spawnLimited(source: string, arg: unknown, limits: ChildLimits, opts: { prlimit?: boolean } = {}): LimitedChild {
	const node = [`--max-old-space-size=${limits.heapMb}`, '--max-semi-space-size=16', '-e', source, JSON.stringify(arg)];
	const prlimit = opts.prlimit === false ? null : findPrlimit();
	const [cmd, args] = prlimit
		? [
				prlimit,
				[
					`--data=${limits.memoryMb * 1024 * 1024}`,
					`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 2}`,
					'--core=0',
					'--fsize=0',
					'--',
					process.execPath,
					...node
				]
			]
		: [process.execPath, node];
	const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: {} });
	let reason: Stopped | null = null;
	const stop = (why: Stopped) => {
		reason ??= why;
		child.kill('SIGKILL');
	};
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-2000)));
	// a child that dies before reading all of its input: the write fails, the exit tells why
	child.stdin!.on('error', () => {});
	const watch = setInterval(() => {
		const mb = child.pid ? rssMb(child.pid) : null;
		if (mb !== null && mb > limits.memoryMb) stop('memory');
	}, 100);
	let timer: NodeJS.Timeout | undefined;
	const exited = new Promise<Stopped | null>((resolve) => {
		child.once('error', () => stop('failed')); // cannot start
		child.once('close', (code, signal) => {
			clearInterval(watch);
			clearTimeout(timer);
			if (reason) return resolve(reason);
			if (signal === 'SIGXCPU') return resolve('cpu');
			// V8's fatal errors (heap limit, a string past its length, an allocation refused under RLIMIT_DATA) abort; the
			// kernel's out-of-memory killer sends SIGKILL
			if (signal || /out of memory|Allocation failed|Invalid string length|Array buffer allocation failed/i.test(stderr)) return resolve('memory');
			if (code !== 0) log.warn({ code, stderr: stderr.slice(0, 500) }, 'A limited child process failed');
			resolve(code === 0 ? null : 'failed');
		});
	});
	async function* messages(): AsyncGenerator<unknown> {
		// pieces of the line not yet ended; only each new chunk is searched for its end, so a long line costs its length
		// once, and a line past MAX_LINE_CHARS ends the child (its sender is not one we wrote)
		let pieces: string[] = [];
		let pending = 0;
		child.stdout!.setEncoding('utf8');
		for await (const chunk of child.stdout! as AsyncIterable<string>) {
			let from = 0;
			let nl: number;
			while ((nl = chunk.indexOf('\n', from)) >= 0) {
				pieces.push(chunk.slice(from, nl));
				const line = pieces.join('');
				pieces = [];
				pending = 0;
				from = nl + 1;
				if (line) yield JSON.parse(line);
			}
			if (from < chunk.length) {
				pieces.push(chunk.slice(from));
				pending += chunk.length - from;
				if (pending > MAX_LINE_CHARS) {
					stop('memory');
					return;
				}
			}
		}
	}
	return {
		process: child,
		messages,
		exited,
		inputEnded: () => (timer ??= setTimeout(() => stop('timeout'), limits.timeoutMs)),
		kill: () => child.kill('SIGKILL')
	};
}
