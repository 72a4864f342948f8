/**
 * npm start with PROCESSES above 1: this process (the primary) forks that many app processes, which share the port
 * (node:cluster hands out the connections), and starts another when one dies while the others keep serving.
 * - An app process that ends before it ever listened ends the start: its reason is its own one line (a port in use,
 *   a build missing); starting it again would fail the same way.
 * - One that keeps dying after it listened is started again at most every 5 seconds, so a bad release does not spin.
 * - SIGTERM or SIGINT is passed on: each app process finishes its requests in flight (scripts/http.ts), then this one
 *   exits.
 * Nothing another process needs lives in process memory (sessions, limits, drafts, codes are in the database), and
 * the hourly housekeeping runs in the one process holding its lease (src/server/lease.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import { log } from '../src/server/log';

export function supervise(processes: number): void {
	const listened = new WeakSet<Worker>();
	const deaths: number[] = [];
	let stopping = false;
	let alive = 0;
	const fork = () => {
		alive++;
		cluster.fork();
	};
	cluster.on('listening', (w) => listened.add(w));
	cluster.on('exit', (w, code, signal) => {
		alive--;
		if (stopping) {
			if (alive === 0) process.exit(0);
			return;
		}
		if (!listened.has(w)) {
			stopping = true;
			for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
			process.exit(code || 1);
		}
		const t = Date.now();
		deaths.push(t);
		while (deaths[0]! < t - 60_000) deaths.shift();
		log.error({ worker: w.process.pid, exitCode: code, signal }, 'An app process ended: starting another');
		setTimeout(fork, deaths.length > processes ? 5_000 : 0);
	});
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'Stopping the app processes');
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	for (let i = 0; i < processes; i++) fork();
}
