/**
 * Timers for a deadline the server set (`at` on the server's clock, which read `serverNow` when it sent the page): `warn`
 * runs `warnMs` before it, `end` runs `endAfterMs` after it. Returns what cancels both, as an $effect's clean-up.
 */
export function deadline(at: number, serverNow: number, o: { warnMs: number; warn: () => void; end: () => void; endAfterMs?: number }): () => void {
	const left = at - serverNow;
	const w = setTimeout(o.warn, Math.max(0, left - o.warnMs));
	const e = setTimeout(o.end, Math.max(0, left + (o.endAfterMs ?? 0)));
	return () => {
		clearTimeout(w);
		clearTimeout(e);
	};
}
