/**
 * Access control, from the built app's own route manifest (not a hand list): every route of the citizen area and of
 * the signed-in staff area, as a page, as its `__data.json` and as a form post, signed out and with each wrong role,
 * under path spellings the router decodes or normalises differently from a string check (`%73`, `%2F`, `//`, `/./`,
 * `..`, upper case, trailing slash, `;` and `%00` tails). None may answer 2xx with data, and none a 5xx.
 *
 * Sent with node:http, which puts the path on the wire as written (a URL parser would tidy `/./` and `..` away first).
 */
import { expect, test } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshPerson, query } from '../support/people';
import { CENTRE, sessionFor, staffSessionFor, type Role } from '../support/sessions';
import { SESSION_COOKIE } from '../../src/server/auth/session';
import { STAFF_COOKIE } from '../../src/server/staff/session';
import { rolesFor } from '../../src/server/staff/access';
import { serveApp } from './app';

const app = serveApp('access');
const ROLES: Role[] = ['officer', 'hospital', 'admin', 'employer'];

interface ManifestRoute {
	id: string;
	params: { name: string }[];
	page: object | null;
	endpoint: unknown;
}

async function routes(): Promise<ManifestRoute[]> {
	// the manifest the built server (build/) was made from
	const file = path.resolve('.svelte-kit/output/server/manifest.js');
	const { manifest } = (await import(pathToFileURL(file).href)) as { manifest: { _: { routes: ManifestRoute[] } } };
	return manifest._.routes;
}

/** "/staff/(in)/employer/review/[id]" → "/staff/employer/review/1" */
function samplePath(id: string): string {
	return id.replace(/\/\([^)]+\)/g, '').replace(/\[\.{3}[^\]]+\]|\[\[?[^\]]+\]?\]/g, '1') || '/';
}

/** The spellings of a path a string check and the router may disagree on. */
function spellings(p: string): string[] {
	const segs = p.split('/').filter(Boolean);
	const enc = (s: string, i: number) => s.slice(0, i) + '%' + s.charCodeAt(i).toString(16).padStart(2, '0') + s.slice(i + 1);
	const first = segs[0]!;
	const rest = segs.slice(1).join('/');
	const tail = rest ? `/${rest}` : '';
	const out = [
		p,
		`/${enc(first, 0)}${tail}`, // /%73taff/admin
		`/${enc(first, Math.min(2, first.length - 1))}${tail}`, // /st%61ff/admin
		segs.length > 1 ? `/${first}%2F${rest}` : `${p}%2F`, // an encoded slash
		segs.length > 1 ? `/${first}%2f${rest}` : `/%2f${first}`,
		`/${p}`, // //staff/admin
		p.replace(/\/(?=[^/]*$)/, '//'), // /staff//admin
		`/.${p}`, // /./staff/admin
		`/x/..${p}`, // /x/../staff/admin
		`/%2e${p}`, // /%2e/staff/admin
		`/x/%2e%2e${p}`,
		p.toUpperCase(),
		`${p}/`,
		`${p};x=1`,
		`/${first};x${tail}`,
		`${p}%00`,
		`${p}%00.js`,
		`/${first}%00${tail}`,
		p.replace(/\//g, '\\').replace(/^\\/, '/') // /staff\admin
	];
	return [...new Set(out)];
}

interface Answer {
	status: number;
	location: string;
	type: string;
	body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function send(method: 'GET' | 'POST', rawPath: string, cookie: string, accept: string): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const body = method === 'POST' ? 'x=1' : undefined;
		const req = http.request(
			{
				host: '127.0.0.1',
				port: app.port,
				method,
				path: rawPath,
				agent,
				headers: {
					host: `localhost:${app.port}`,
					accept,
					...(cookie ? { cookie } : {}),
					...(body ? { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } : {})
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: String(res.headers.location ?? ''),
						type: String(res.headers['content-type'] ?? ''),
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** A 2xx may only carry no data: a data request's redirect or error, never a page or a node's data. */
function leak(a: Answer): string | null {
	if (a.status >= 500) return `${a.status}`;
	if (a.status < 200 || a.status >= 300) return null;
	if (a.type.includes('json')) {
		try {
			const j = JSON.parse(a.body.split('\n')[0]!) as { type?: string };
			if (j.type === 'redirect' || j.type === 'error') return null;
		} catch {
			/* not JSON: a leak below */
		}
	}
	return `${a.status} ${a.type} ${a.body.slice(0, 120).replace(/\s+/g, ' ')}`;
}

/** Runs the requests a few at a time; returns every leak found. */
async function probe(targets: { route: string; who: string; cookie: string }[], paths: (route: string) => string[]): Promise<string[]> {
	const jobs: (() => Promise<string | null>)[] = [];
	for (const t of targets)
		for (const p of paths(t.route))
			for (const [method, accept, suffix] of [
				['GET', 'text/html', ''],
				['GET', '*/*', '/__data.json?x-sveltekit-invalidated=001'],
				['POST', 'text/html', '']
			] as const) {
				const raw = suffix ? p.replace(/\/?$/, '') + suffix : p;
				jobs.push(async () => {
					const a = await send(method, raw, t.cookie, accept);
					const l = leak(a);
					return l ? `${t.who} ${method} ${raw} → ${l}` : null;
				});
			}
	const found: string[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			while (next < jobs.length) {
				const r = await jobs[next++]!();
				if (r) found.push(r);
			}
		})
	);
	expect(jobs.length).toBeGreaterThan(100);
	return found;
}

/** A session of the role (a citizen, or staff of one role), made with the app's own functions: the Cookie header. */
async function cookieOf(role: Role | 'citizen'): Promise<string> {
	// not through the sign-in forms (they have tests of their own): this test is about what a session may reach
	if (role === 'citizen') return `${SESSION_COOKIE}=${(await sessionFor(freshPerson())).token}`;
	const extra =
		role === 'officer'
			? ['--centre', CENTRE]
			: role === 'hospital'
				? ['--hospital', query<{ code: string }>('SELECT code FROM hospitals ORDER BY code LIMIT 1')[0]!.code]
				: role === 'employer'
					? (() => {
							const e = query<{ account: string; branch: string }>('SELECT account_no AS account, branch FROM employers ORDER BY id LIMIT 1')[0]!;
							return ['--account', e.account, '--branch', e.branch];
						})()
					: [];
	return `${STAFF_COOKIE}=${(await staffSessionFor(role, extra)).token}`;
}

test('no protected route answers data or an error to anyone signed out or of the wrong role, however its path is spelled', async () => {
	const all = await routes();
	const citizen = all.filter((r) => r.id.startsWith('/(app)/'));
	const staff = all.filter((r) => r.id.startsWith('/staff/') && rolesFor(r.id) !== 'public');
	expect(citizen.length).toBeGreaterThan(20);
	expect(staff.length).toBeGreaterThan(10);
	// every staff route outside the (in) group is a public sign-in page, and nothing else is
	expect(all.filter((r) => r.id.startsWith('/staff') && !r.id.startsWith('/staff/(in)/')).every((r) => rolesFor(r.id) === 'public')).toBe(true);

	const cookies: Record<string, string> = {};
	for (const [who, c] of await Promise.all((['citizen', ...ROLES] as const).map(async (r) => [r, await cookieOf(r)] as const))) cookies[who] = c;

	// the identities are real: each one reaches its own pages
	expect((await send('GET', '/dashboard', cookies.citizen!, 'text/html')).status).toBe(200);
	for (const r of ROLES) expect((await send('GET', `/staff/${r}`, cookies[r]!, 'text/html')).status, r).toBe(200);
	expect((await send('GET', '/staff/admin/__data.json?x-sveltekit-invalidated=001', cookies.admin!, '*/*')).body).toContain('staff');

	const targets = [
		// a staff member's cookie is no citizen's session (and the browser would not even send it outside /staff)
		...citizen.flatMap((r) => [
			{ route: r.id, who: 'signed-out', cookie: '' },
			{ route: r.id, who: 'admin', cookie: cookies.admin! }
		]),
		...staff.flatMap((r) => {
			const allowed = rolesFor(r.id) as readonly string[];
			const wrong = allowed.length === 0 ? [] : ROLES.filter((x) => !allowed.includes(x));
			return [
				{ route: r.id, who: 'signed-out', cookie: '' },
				{ route: r.id, who: 'citizen', cookie: cookies.citizen! },
				...wrong.map((w) => ({ route: r.id, who: w, cookie: cookies[w]! }))
			];
		})
	];
	const leaks = await probe(targets, (id) => spellings(samplePath(id)));
	expect(leaks).toEqual([]);
}, 300_000);
