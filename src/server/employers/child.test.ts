import { describe, expect, it } from 'vitest';
import { findPrlimit, MAX_LINE_CHARS, spawnLimited, type ChildLimits } from './child';

const LIMITS: ChildLimits = { heapMb: 64, memoryMb: 200, cpuSeconds: 1, timeoutMs: 5_000 };

/** Runs a child to its end; what it said, and why it stopped (null: it ended by itself). */
async function run(source: string, limits = LIMITS, opts: { prlimit?: boolean } = {}) {
	const c = spawnLimited(source, null, limits, opts);
	c.process.stdin!.end();
	c.inputEnded();
	const said: unknown[] = [];
	for await (const m of c.messages()) said.push(m);
	return { said, stopped: await c.exited };
}

describe('a child process under limits (the spreadsheet reader’s)', () => {
	it('runs on Debian with util-linux prlimit, and a well-behaved child answers by lines of JSON without the server’s secrets', async () => {
		expect(findPrlimit()).toMatch(/prlimit$/);
		process.env.PRAKAN_TEST_SECRET = 'x';
		const r = await run(`process.stdout.write(JSON.stringify({ ok: 1, env: Object.keys(process.env) }) + '\\n')`);
		delete process.env.PRAKAN_TEST_SECRET;
		expect(r).toEqual({ said: [{ ok: 1, env: [] }], stopped: null });
	});

	it('memory past RLIMIT_DATA in Buffers (outside the heap limit) ends the child, not this process', async () => {
		const r = await run(`const keep = []; for (;;) keep.push(Buffer.alloc(16 << 20, 1));`);
		expect(r.stopped).toBe('memory');
	});

	it('without prlimit, the server’s watch of the resident size kills it', async () => {
		const r = await run(`const keep = []; for (;;) keep.push(Buffer.alloc(16 << 20, 1));`, { ...LIMITS, memoryMb: 150 }, { prlimit: false });
		expect(r.stopped).toBe('memory');
	});

	it('a full JavaScript heap (a V8 fatal error) ends the child alone', async () => {
		const r = await run(`const keep = []; for (;;) keep.push({ a: Math.random(), b: [1, 2, 3] });`, { ...LIMITS, memoryMb: 1024, cpuSeconds: 30 });
		expect(r.stopped).toBe('memory');
	});

	it('CPU time past RLIMIT_CPU ends it (SIGXCPU)', async () => {
		const t = Date.now();
		const r = await run(`for (;;) {}`, { ...LIMITS, timeoutMs: 20_000 });
		expect(r.stopped).toBe('cpu');
		expect(Date.now() - t).toBeLessThan(10_000);
	});

	it('a line past MAX_LINE_CHARS ends the child at once, read in time linear in its length', async () => {
		const t = Date.now();
		// one endless line in 64 KiB writes: read by joining the whole line again for every chunk, this took minutes
		const r = await run(`const s = 'x'.repeat(65536); const w = () => { while (process.stdout.write(s)); process.stdout.once('drain', w); }; w();`, {
			...LIMITS,
			cpuSeconds: 30
		});
		expect(r).toEqual({ said: [], stopped: 'memory' });
		expect(MAX_LINE_CHARS).toBe(8 * 1024 * 1024);
		expect(Date.now() - t).toBeLessThan(5_000);
	});

	it('the wall clock from the end of its input ends one that waits forever', async () => {
		const r = await run(`setInterval(() => {}, 1000);`, { ...LIMITS, timeoutMs: 300 });
		expect(r.stopped).toBe('timeout');
		// and this process is still here, able to start the next one
		expect((await run(`process.stdout.write('{"again":true}\\n')`)).said).toEqual([{ again: true }]);
	});
});
