/**
 * Counting the database statements a request runs, for the per-page read budget (npm run bench:queries). Off
 * unless COUNT_QUERIES is set (never in production): better-sqlite3 (its `verbose` hook) and drizzle on PostgreSQL
 * (its logger) call `noteQuery` for every statement they run, and the statements are counted against the request they
 * ran in (AsyncLocalStorage: both call it inside the request's own async code, as the statement is sent).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<{ statements: number }>();

export function noteQuery(): void {
	const c = current.getStore();
	if (c) c.statements++;
}

/** Run `fn` counting the statements it runs; the count is read from `counter` when it is done. */
export function countingQueries<T>(fn: () => T): { counter: { statements: number }; result: T } {
	const counter = { statements: 0 };
	return { counter, result: current.run(counter, fn) };
}
