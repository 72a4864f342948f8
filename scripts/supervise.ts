/**
 * npm start with PROCESSES above 1: this process (the primary) forks that many app processes, which share the port
 * (node:cluster hands out the connections), and starts another when one dies while the others keep serving.
 * - If the first app processes end before any of them listened, the start ends: the reason is their own one line (a
 *   build missing); starting them again would fail the same way. Later, a replacement that fails is only retried.
 * - One that keeps dying after it listened is started again at most every 5 seconds, so a bad release does not spin.
 * - SIGTERM or SIGINT is passed on: each app process finishes its requests in flight (scripts/http.ts), then this one
 *   exits.
 * Nothing another process needs lives in process memory (sessions, limits, drafts, codes are in the database), and
 * the hourly housekeeping runs in the one process holding its lease (src/server/lease.ts).
 */
import cluster from 'node:cluster';
import { log } from '../src/server/log';

export function supervise(processes: number): void {
	let served = false;
	const deaths: number[] = [];
	const pending = new Set<NodeJS.Timeout>();
	let stopping = false;
	let alive = 0;
	const fork = () => {
		if (stopping) return;
		alive++;
		cluster.fork();
	};
	cluster.on('listening', () => (served = true));
	cluster.on('exit', (w, code, signal) => {
		alive--;
		if (stopping) {
			if (alive === 0) process.exit(0);
			return;
		}
		if (!served) {
			stopping = true;
			for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
			process.exit(code || 1);
		}
		const t = Date.now();
		deaths.push(t);
		while (deaths[0]! < t - 60_000) deaths.shift();
		log.error({ worker: w.process.pid, exitCode: code, signal }, 'An app process ended: starting another');
		const timer = setTimeout(
			() => {
				pending.delete(timer);
				fork();
			},
			deaths.length > processes ? 5_000 : 0
		);
		pending.add(timer);
	});
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'Stopping the app processes');
		for (const t of pending) clearTimeout(t);
		// every process already gone (a crash loop waiting out its delay): nothing to wait for
		if (alive === 0) process.exit(0);
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	for (let i = 0; i < processes; i++) fork();
}
