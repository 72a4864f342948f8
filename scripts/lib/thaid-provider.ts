/**
 * A local OpenID Connect provider shaped like ThaID (shared/domain/thaid.md), for development and tests only (npm run
 * dev:thaid; the end-to-end setup): the same paths with their trailing slashes, ES256 id_tokens, HTTP Basic client
 * authentication, PKCE S256, and the claims both in the id_token and in the token response. Its sign-in page lists
 * demo persons to choose from, and a switch for each failure a relying party must handle:
 *
 * - cancel: the citizen cancels in the app (error=access_denied)
 * - no_pid: the client may not read the national ID (error=invalid_scope)
 * - wrong_state: the answer comes back with another state (a forged or crossed callback)
 * - expired_code: the code has expired before it is exchanged
 * - bad_signature: the id_token is signed with a key the provider does not publish
 * - down: the token endpoint answers 503 (the provider is down after the citizen has signed in)
 * - low_ial: the person's ThaID identity is proved below IAL 2.3 (`ial` is "1.3"; every other answer says "2.3")
 * - sub_mismatch: the id_token's `sub` is another person's national ID than its `pid`
 *
 * Codes are single use and live 60 s. A sign-in leaves a session at the provider (a cookie), which its sign-in page
 * shows and its end-session endpoint (OpenID Connect RP-initiated logout, which ThaID itself is not known to offer)
 * ends. Nothing here is meant for production, and the app never starts it.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { DEMO_PEOPLE } from '../../src/server/registry/seed';

export const FAILURES = ['cancel', 'no_pid', 'wrong_state', 'expired_code', 'bad_signature', 'down', 'low_ial', 'sub_mismatch'] as const;

/** A valid national ID of nobody in the demo registry: the subject of a `sub_mismatch` answer. */
const STRANGER_PID = '1234567890121';
export type Failure = (typeof FAILURES)[number];

/** A person the provider can sign in, with the claims ThaID would send. */
export interface ThaidTestPerson {
	pid: string;
	title: string;
	given_name: string;
	family_name: string;
	title_en: string;
	given_name_en: string;
	family_name_en: string;
	/** YYYY-MM-DD, as ThaID sends it */
	birthdate: string;
	gender?: string;
}

/** The demo registry's named people (one of each kind of member) as ThaID would describe them. */
export function demoThaidPersons(): ThaidTestPerson[] {
	return Object.values(DEMO_PEOPLE).map((p) => ({
		pid: p.id,
		title: p.th[0],
		given_name: p.th[1],
		family_name: p.th[2],
		title_en: p.en[0],
		given_name_en: p.en[1],
		family_name_en: p.en[2],
		birthdate: p.birth,
		gender: p.gender === 'M' ? 'male' : 'female'
	}));
}

export interface ThaidProviderOptions {
	port?: number;
	host?: string;
	clientId: string;
	clientSecret: string;
	/** the redirect URIs registered for the client, compared character for character (as ThaID's RP Admin does) */
	redirectUris: string[];
	persons: ThaidTestPerson[];
	/** this many seconds a code lives (default 60) */
	codeSeconds?: number;
	/** where the end-session endpoint may send the browser back (default: `/login?loggedOut=1` at each redirect URI's origin) */
	postLogoutRedirectUris?: string[];
}

export interface ThaidProvider {
	issuer: string;
	close: () => Promise<void>;
	/** the codes issued and not yet exchanged (tests check single use) */
	pendingCodes: () => number;
	/** one more person to sign in as (a test's own registry person) */
	addPerson: (p: ThaidTestPerson) => void;
	/** the sessions open at the provider (browsers signed in and not logged out) */
	sessions: () => number;
}

interface Grant {
	clientId: string;
	redirectUri: string;
	scope: string[];
	nonce: string | null;
	challenge: string;
	person: ThaidTestPerson;
	expiresAt: number;
	failure: Failure | null;
}

const AUTH = '/api/v2/oauth2/auth/';
const TOKEN = '/api/v2/oauth2/token/';
const JWKS = '/jwks/';
const END_SESSION = '/api/v2/oauth2/logout/';
const SESSION_COOKIE = 'thaid_test_session';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function claimsFor(p: ThaidTestPerson, scope: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	if (scope.includes('pid')) out.pid = p.pid;
	if (scope.includes('name')) {
		out.name = `${p.title} ${p.given_name} ${p.family_name}`;
		Object.assign(out, { title: p.title, given_name: p.given_name, family_name: p.family_name });
	}
	if (scope.includes('name_en')) {
		out.name_en = `${p.title_en} ${p.given_name_en} ${p.family_name_en}`;
		Object.assign(out, { title_en: p.title_en, given_name_en: p.given_name_en, family_name_en: p.family_name_en });
	}
	if (scope.includes('birthdate')) out.birthdate = p.birthdate;
	if (scope.includes('gender') && p.gender) out.gender = p.gender;
	return out;
}

async function body(req: http.IncomingMessage): Promise<URLSearchParams> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const c of req) {
		size += (c as Buffer).length;
		if (size > 64 * 1024) throw new Error('body too large');
		chunks.push(c as Buffer);
	}
	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify(value));
}

function page(res: http.ServerResponse, status: number, html: string): void {
	res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
	res.end(`<!doctype html><html lang="th"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>ThaID (ทดสอบ)</title>${html}</html>`);
}

/** Start the provider; its issuer is http://host:port (no trailing slash, as ThaID's). */
export async function startThaidProvider(options: ThaidProviderOptions): Promise<ThaidProvider> {
	// a copy: persons are added to it
	const opts = { ...options, persons: [...options.persons] };
	const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
	// a second key, never published: what a forged id_token is signed with
	const { privateKey: strangerKey } = await generateKeyPair('ES256');
	const kid = crypto.randomBytes(8).toString('hex');
	const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
	const grants = new Map<string, Grant>();
	/** the provider's own sessions: cookie value → the person signed in */
	const sessions = new Map<string, string>();
	const postLogout = opts.postLogoutRedirectUris ?? opts.redirectUris.map((u) => `${new URL(u).origin}/login?loggedOut=1`);
	const sessionOf = (req: http.IncomingMessage) => {
		const sid = /(?:^|;\s*)thaid_test_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
		return sid && sessions.has(sid) ? { sid, pid: sessions.get(sid)! } : null;
	};
	const codeSeconds = opts.codeSeconds ?? 60;
	let issuer = '';

	const sign = (claims: Record<string, unknown>, key: CryptoKey, aud: string) =>
		new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
			.setIssuer(issuer)
			.setAudience(aud)
			.setIssuedAt()
			.setExpirationTime('15m')
			.sign(key);

	/** The authorization request's parameters, checked as ThaID does: the client and its exact redirect URI first. */
	function authRequest(
		q: URLSearchParams
	): { error: string } | { redirectUri: string; scope: string[]; state: string | null; nonce: string | null; challenge: string } {
		const redirectUri = q.get('redirect_uri') ?? '';
		if (q.get('client_id') !== opts.clientId || !opts.redirectUris.includes(redirectUri))
			return { error: 'invalid_request: unknown client_id or redirect_uri' };
		if (q.get('response_type') !== 'code') return { error: 'unsupported_response_type' };
		const challenge = q.get('code_challenge');
		if (!challenge || q.get('code_challenge_method') !== 'S256') return { error: 'invalid_request: PKCE S256 is required' };
		const scope = (q.get('scope') ?? '').split(' ').filter(Boolean);
		if (!scope.includes('openid')) return { error: 'invalid_scope: openid is required' };
		return { redirectUri, scope, state: q.get('state'), nonce: q.get('nonce'), challenge };
	}

	const back = (redirectUri: string, params: Record<string, string | null>) => {
		const u = new URL(redirectUri);
		for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
		return u.toString();
	};

	const server = http.createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', issuer);
			if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration')
				return json(res, 200, {
					issuer,
					authorization_endpoint: issuer + AUTH,
					token_endpoint: issuer + TOKEN,
					jwks_uri: issuer + JWKS,
					end_session_endpoint: issuer + END_SESSION,
					response_types_supported: ['code'],
					grant_types_supported: ['authorization_code'],
					subject_types_supported: ['public'],
					id_token_signing_alg_values_supported: ['ES256'],
					token_endpoint_auth_methods_supported: ['client_secret_basic'],
					code_challenge_methods_supported: ['S256'],
					scopes_supported: ['openid', 'pid', 'name', 'name_en', 'birthdate', 'gender'],
					claims_supported: [
						'sub',
						'pid',
						'name',
						'name_en',
						'title',
						'given_name',
						'family_name',
						'title_en',
						'given_name_en',
						'family_name_en',
						'birthdate',
						'gender'
					]
				});
			if (req.method === 'GET' && url.pathname === JWKS) return json(res, 200, { keys: [jwk] });

			if (url.pathname === AUTH) {
				const q = req.method === 'POST' ? await body(req) : url.searchParams;
				const r = authRequest(q);
				if ('error' in r) return page(res, 400, `<h1>ThaID: คำขอไม่ถูกต้อง</h1><p>${escape(r.error)}</p>`);
				if (req.method === 'GET') {
					const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('');
					const current = sessionOf(req);
					const signedIn = current ? opts.persons.find((p) => p.pid === current.pid) : undefined;
					const persons = opts.persons
						.map(
							(p, i) =>
								`<p><label><input type="radio" name="person" value="${escape(p.pid)}"${(signedIn ? p === signedIn : i === 0) ? ' checked' : ''}> ${escape(`${p.title}${p.given_name} ${p.family_name}`)} (${escape(p.pid)})</label></p>`
						)
						.join('');
					const session = signedIn
						? `<p data-testid="thaid-session">ลงชื่อเข้าใช้ ThaID อยู่แล้ว: ${escape(`${signedIn.given_name} ${signedIn.family_name}`)}</p>`
						: '';
					const failures = ['', ...FAILURES].map((f) => `<option value="${f}">${f || 'ไม่มี (สำเร็จ)'}</option>`).join('');
					return page(
						res,
						200,
						`<h1>ThaID (ผู้ให้บริการทดสอบ)</h1>${session}<form method="post" action="${AUTH}">${hidden}<fieldset><legend>เลือกผู้ยืนยันตัวตน</legend>${persons}</fieldset><p><label>จำลองความผิดพลาด <select name="failure">${failures}</select></label></p><p><button type="submit">ยืนยันตัวตน</button></p></form>`
					);
				}
				if (req.method !== 'POST') return page(res, 405, '<p>method not allowed</p>');
				const failure = (FAILURES as readonly string[]).includes(q.get('failure') ?? '') ? (q.get('failure') as Failure) : null;
				if (failure === 'cancel')
					return res
						.writeHead(303, { location: back(r.redirectUri, { error: 'access_denied', error_description: 'cancelled by the user', state: r.state }) })
						.end();
				if (failure === 'no_pid' && r.scope.includes('pid'))
					return res
						.writeHead(303, {
							location: back(r.redirectUri, { error: 'invalid_scope', error_description: 'pid is not allowed for this client', state: r.state })
						})
						.end();
				const person = opts.persons.find((p) => p.pid === q.get('person'));
				if (!person) return page(res, 400, '<p>เลือกผู้ยืนยันตัวตน</p>');
				const code = crypto.randomBytes(24).toString('base64url');
				grants.set(code, {
					clientId: opts.clientId,
					redirectUri: r.redirectUri,
					scope: r.scope,
					nonce: r.nonce,
					challenge: r.challenge,
					person,
					expiresAt: failure === 'expired_code' ? Date.now() - 1000 : Date.now() + codeSeconds * 1000,
					failure
				});
				const state = failure === 'wrong_state' ? crypto.randomBytes(16).toString('base64url') : r.state;
				// the browser is signed in at the provider now (the same session if it was)
				const sid = sessionOf(req)?.sid ?? crypto.randomBytes(16).toString('base64url');
				sessions.set(sid, person.pid);
				return res
					.writeHead(303, {
						location: back(r.redirectUri, { code, state }),
						'set-cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`
					})
					.end();
			}

			if (req.method === 'GET' && url.pathname === END_SESSION) {
				// RP-initiated logout: a known client, and a way back registered for it, compared character for character
				const to = url.searchParams.get('post_logout_redirect_uri');
				if (url.searchParams.get('client_id') !== opts.clientId || (to !== null && !postLogout.includes(to)))
					return page(res, 400, '<h1>ThaID: คำขอไม่ถูกต้อง</h1><p>invalid_request: unknown client_id or post_logout_redirect_uri</p>');
				const current = sessionOf(req);
				if (current) sessions.delete(current.sid);
				const cookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
				if (to) return res.writeHead(303, { location: back(to, { state: url.searchParams.get('state') }), 'set-cookie': cookie }).end();
				res.setHeader('set-cookie', cookie);
				return page(res, 200, '<h1>ออกจากระบบ ThaID แล้ว</h1>');
			}

			if (req.method === 'POST' && url.pathname === TOKEN) {
				const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
				const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
				if (id !== opts.clientId || secret !== opts.clientSecret) return json(res, 401, { error: 'invalid_client' });
				const q = await body(req);
				if (q.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
				const code = q.get('code') ?? '';
				const grant = grants.get(code);
				// single use: a code is gone once it has been presented, whatever the outcome
				grants.delete(code);
				if (grant?.failure === 'down') return json(res, 503, { error: 'temporarily_unavailable' });
				if (!grant || grant.expiresAt < Date.now() || grant.redirectUri !== q.get('redirect_uri'))
					return json(res, 400, { error: 'invalid_grant', error_description: 'the code is unknown, used or expired' });
				const verifier = q.get('code_verifier') ?? '';
				if (crypto.createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
					return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE' });
				const claims = { ...claimsFor(grant.person, grant.scope), ial: grant.failure === 'low_ial' ? '1.3' : '2.3' };
				const sub = grant.failure === 'sub_mismatch' ? STRANGER_PID : grant.person.pid;
				const idToken = await sign(
					{ sub, ...(grant.nonce ? { nonce: grant.nonce } : {}), auth_time: Math.floor(Date.now() / 1000), ...claims },
					grant.failure === 'bad_signature' ? strangerKey : privateKey,
					grant.clientId
				);
				return json(res, 200, {
					access_token: crypto.randomBytes(24).toString('base64url'),
					token_type: 'Bearer',
					expires_in: 900,
					scope: grant.scope.join(' '),
					id_token: idToken,
					...claims
				});
			}
			json(res, 404, { error: 'not_found' });
		})().catch((e: unknown) => {
			if (!res.headersSent) json(res, 500, { error: 'server_error', error_description: String(e) });
		});
	});
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
	const address = server.address() as import('node:net').AddressInfo;
	issuer = `http://${opts.host ?? '127.0.0.1'}:${address.port}`;
	return {
		issuer,
		pendingCodes: () => grants.size,
		sessions: () => sessions.size,
		addPerson: (p) => {
			if (!opts.persons.some((q) => q.pid === p.pid)) opts.persons.push(p);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
