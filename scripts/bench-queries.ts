/**
 * npm run bench:queries [-- --persons 300 --engine sqlite|postgres]
 *
 * How many database statements each signed-in page runs, for a section 33, a section 39 and a section 40 member:
 * the built server with COUNT_QUERIES on answers each request with the count (x-query-count). Counts, not timings,
 * so one run says it. Writes the table to docs/PERFORMANCE.md. Needs `npm run build` first. With `--engine postgres`, on a
 * throw-away PostgreSQL cluster (Debian's package), where each statement is a round trip to the database server.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_PEOPLE } from '../src/server/registry/seed';
import { benchPostgres, demoSession, engineOption, exitIfCheck, postgresDemoSession, seedPostgres, spawnApp, writePerformanceSection } from './lib/app-server';

const { values } = parseArgs({
	options: {
		check: { type: 'boolean', default: false },
		persons: { type: 'string', default: '300' },
		engine: { type: 'string', default: 'sqlite' }
	}
});
const onPostgres = engineOption(values.engine) === 'postgres';
exitIfCheck(values.check, 'bench:queries');

const PAGES = ['/dashboard', '/status', '/hospital', '/contributions', '/benefits', '/savings', '/entitlements', '/applications', '/profile'];
const MEMBERS = [
	['section 33', DEMO_PEOPLE.s33Active.id],
	['section 39', DEMO_PEOPLE.s39.id],
	['section 40', DEMO_PEOPLE.s40.id]
] as const;
const PORT = 3301;
const file = `data/bench-queries.db`;
for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
const cluster = onPostgres ? await benchPostgres() : null;
// PostgreSQL: the file's folder only keeps the secret key
const url = cluster ? await seedPostgres(cluster, 'bench_queries', Number(values.persons)) : undefined;
const env: Record<string, string> = { COUNT_QUERIES: 'true', SEED_PERSONS: values.persons!, SESSION_IDLE_MINUTES: '600' };
if (url) env.DATABASE_URL = url;
const app = await spawnApp(file, PORT, env, { quiet: true });
const counts: Record<string, number[]> = {};
try {
	for (const [, id] of MEMBERS) {
		const token = url ? await postgresDemoSession(url, id) : demoSession(file, id);
		// a session's last-seen time is written at most once a minute (a transaction): done here, not counted on a page
		await (await fetch(`http://localhost:${PORT}/applications/__data.json`, { headers: { cookie: `session=${token}` } })).arrayBuffer();
		for (const page of PAGES) {
			// the page's data as the browser asks for it after the first load, and the full page: both counted
			for (const path of [page, `${page}/__data.json`]) {
				const r = await fetch(`http://localhost:${PORT}${path}`, { headers: { cookie: `session=${token}` }, redirect: 'manual' });
				await r.arrayBuffer();
				if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
				(counts[path] ??= []).push(Number(r.headers.get('x-query-count')));
			}
		}
	}
} finally {
	await app.stop();
	cluster?.stop();
}
const rows = Object.entries(counts).map(([path, n]) => `| ${path} | ${n.join(' | ')} |`);
console.log(rows.join('\n'));
writePerformanceSection(
	onPostgres ? 'bench:queries-postgres' : 'bench:queries',
	`## Database statements per page${onPostgres ? ' on PostgreSQL' : ''}

Counted by \`npm run bench:queries${onPostgres ? ' -- --engine postgres' : ''}\` (scripts/bench-queries.ts) on ${new Date().toISOString().slice(0, 10)}: the statements each request ran (COUNT_QUERIES${onPostgres ? '; on PostgreSQL each is a round trip to the database server' : '; on SQLite nothing leaves the process, and the BEGIN and COMMIT of a read of several parts in one snapshot are counted too'}), signed in as the demo members below, on the production build. Each includes reading the session (one statement). A records page reads what it shows in one read (src/server/registry/records.ts: the parts read together, one statement on PostgreSQL). The session's last-seen time, written at most once a minute (a transaction), is written by a request before these and not counted. The first /dashboard of a new contribution month also notes that the citizen has seen it (a transaction: three statements more than its __data.json, asked for after it).

| page | ${MEMBERS.map(([what]) => what).join(' | ')} |
|---|${MEMBERS.map(() => '---').join('|')}|
${rows.join('\n')}
`
);
console.log('wrote docs/PERFORMANCE.md');
