/** How a promise stands now, without waiting for it (for tests that move a fake clock and look in between). */
export function watch<T>(p: Promise<T>) {
	const s: { value?: T; error?: unknown; settled: boolean } = { settled: false };
	p.then(
		(v) => Object.assign(s, { value: v, settled: true }),
		(e: unknown) => Object.assign(s, { error: e, settled: true })
	);
	return s;
}
