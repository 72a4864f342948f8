/**
 * The relying party against the local ThaID-shaped provider (scripts/lib/thaid-provider.ts), over HTTP: the whole
 * authorization code flow, and every failure a relying party must handle.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { demoThaidPersons, startThaidProvider, type Failure, type ThaidProvider } from '../../../scripts/lib/thaid-provider';
import { DEMO_PEOPLE } from '../registry/seed';
import { thaidEndSessionUrl, thaidFinish, thaidStart, type ThaidChecks, type ThaidSettings } from './client';
import { log } from '../log';

const REDIRECT = 'http://localhost:3000/login/thaid/callback/';
const PERSON = {
	pid: '1101700203450',
	title: 'นาย',
	given_name: 'สมชาย',
	family_name: 'ใจดี',
	title_en: 'Mr.',
	given_name_en: 'Somchai',
	family_name_en: 'Jaidee',
	birthdate: '1980-01-31'
};

let provider: ThaidProvider;
let settings: ThaidSettings;
beforeAll(async () => {
	provider = await startThaidProvider({
		clientId: 'prakan',
		clientSecret: 'secret-of-prakan',
		redirectUris: [REDIRECT],
		persons: [PERSON, ...demoThaidPersons()]
	});
	settings = { issuer: provider.issuer, clientId: 'prakan', clientSecret: 'secret-of-prakan', redirectUri: REDIRECT };
});
afterAll(() => provider.close());

/** The citizen goes to ThaID, picks the person (and a failure), and comes back: the callback URL and the checks kept. */
async function signIn(failure: Failure | '' = '', s = settings, pid = PERSON.pid): Promise<{ callback: URL; checks: ThaidChecks }> {
	const start = await thaidStart(s);
	if ('failure' in start) throw new Error('ThaID unavailable');
	const form = await fetch(start.url);
	expect(form.status).toBe(200);
	expect(await form.text()).toContain('สมชาย ใจดี');
	const answer = await fetch(new URL(start.url.pathname, start.url), {
		method: 'POST',
		body: new URLSearchParams({ ...Object.fromEntries(start.url.searchParams), person: pid, failure }),
		redirect: 'manual'
	});
	expect(answer.status).toBe(303);
	return { callback: new URL(answer.headers.get('location')!), checks: start.checks };
}

describe('ThaID sign-in (the local provider)', () => {
	it('asks with PKCE S256, state, nonce and the scopes, at ThaID’s path with its trailing slash', async () => {
		const start = await thaidStart(settings);
		if ('failure' in start) throw new Error('unavailable');
		expect(start.url.pathname).toBe('/api/v2/oauth2/auth/');
		const q = start.url.searchParams;
		expect(Object.fromEntries(q)).toMatchObject({
			response_type: 'code',
			client_id: 'prakan',
			redirect_uri: REDIRECT,
			scope: 'openid pid name name_en birthdate',
			state: start.checks.state,
			nonce: start.checks.nonce,
			code_challenge_method: 'S256'
		});
		expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		// every sign-in its own
		const again = await thaidStart(settings);
		expect('checks' in again && again.checks.state).not.toBe(start.checks.state);
	});

	it('gives the person from the signed id_token; the code works once', async () => {
		const { callback, checks } = await signIn();
		expect(await thaidFinish(settings, callback.searchParams, checks)).toEqual({
			person: {
				nationalId: PERSON.pid,
				titleTh: 'นาย',
				firstNameTh: 'สมชาย',
				lastNameTh: 'ใจดี',
				titleEn: 'Mr.',
				firstNameEn: 'Somchai',
				lastNameEn: 'Jaidee',
				birthDate: '1980-01-31'
			}
		});
		expect(provider.pendingCodes()).toBe(0);
		expect(await thaidFinish(settings, callback.searchParams, checks)).toEqual({ failure: 'invalid' });
	});

	it('refuses an answer meant for another sign-in: another nonce, another PKCE verifier', async () => {
		const a = await signIn();
		expect(await thaidFinish(settings, a.callback.searchParams, { ...a.checks, nonce: 'another' })).toEqual({ failure: 'invalid' });
		const b = await signIn();
		expect(await thaidFinish(settings, b.callback.searchParams, { ...b.checks, codeVerifier: a.checks.codeVerifier })).toEqual({ failure: 'invalid' });
	});

	it('says what went wrong for each failure, and logs no personal data', async () => {
		const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		const expected: Record<Failure, { failure: string; problem?: string }> = {
			cancel: { failure: 'cancelled' },
			no_pid: { failure: 'refused' },
			wrong_state: { failure: 'invalid' },
			expired_code: { failure: 'invalid' },
			bad_signature: { failure: 'invalid' },
			down: { failure: 'unavailable' },
			low_ial: { failure: 'weak', problem: 'low_ial' },
			sub_mismatch: { failure: 'invalid', problem: 'pid_mismatch' }
		};
		for (const [failure, outcome] of Object.entries(expected)) {
			const { callback, checks } = await signIn(failure as Failure);
			expect(await thaidFinish(settings, callback.searchParams, checks), failure).toEqual(outcome);
		}
		expect(warn).toHaveBeenCalledTimes(Object.keys(expected).length);
		expect(JSON.stringify(warn.mock.calls)).not.toMatch(new RegExp(`${PERSON.pid}|สมชาย|Somchai|1980`));
		warn.mockRestore();
	});

	it('log-out ends the session at a provider that publishes an end_session_endpoint, and comes back where registered', async () => {
		const start = await thaidStart(settings);
		if ('failure' in start) throw new Error('unavailable');
		const answer = await fetch(new URL(start.url.pathname, start.url), {
			method: 'POST',
			body: new URLSearchParams({ ...Object.fromEntries(start.url.searchParams), person: PERSON.pid, failure: '' }),
			redirect: 'manual'
		});
		const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
		const open = provider.sessions();
		// the sign-in page knows the browser now
		expect(await (await fetch(start.url, { headers: { cookie } })).text()).toContain('ลงชื่อเข้าใช้ ThaID อยู่แล้ว: สมชาย ใจดี');
		const back = 'http://localhost:3000/login?loggedOut=1';
		const url = await thaidEndSessionUrl({ ...settings, postLogoutRedirectUri: back });
		expect(url?.pathname).toBe('/api/v2/oauth2/logout/');
		expect(Object.fromEntries(url!.searchParams)).toEqual({ client_id: 'prakan', post_logout_redirect_uri: back });
		// no token is kept, so none is sent
		expect(url!.searchParams.has('id_token_hint')).toBe(false);
		const out = await fetch(url!, { headers: { cookie }, redirect: 'manual' });
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe(back);
		expect(provider.sessions()).toBe(open - 1);
		// a way back that was not registered is refused
		const stranger = await thaidEndSessionUrl({ ...settings, postLogoutRedirectUri: 'https://evil.example/' });
		expect((await fetch(stranger!, { redirect: 'manual' })).status).toBe(400);
		// a provider that cannot be reached: log-out here goes on without it
		vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		expect(await thaidEndSessionUrl({ ...settings, issuer: 'http://127.0.0.1:9' })).toBeNull();
		vi.restoreAllMocks();
	});

	it('a provider that does not answer is "unavailable", and a client it does not know gets no sign-in page', async () => {
		vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		const down = await startThaidProvider({ clientId: 'prakan', clientSecret: 'x'.repeat(16), redirectUris: [REDIRECT], persons: [PERSON] });
		await down.close();
		expect(await thaidStart({ ...settings, issuer: down.issuer })).toEqual({ failure: 'unavailable' });
		const start = await thaidStart({ ...settings, redirectUri: 'http://localhost:3000/login/thaid/callback' });
		if ('failure' in start) throw new Error('unavailable');
		// the registered URI ends in a slash: without it ThaID refuses the request
		expect((await fetch(start.url)).status).toBe(400);
		vi.restoreAllMocks();
	});

	it('signs in each of the demo registry’s named people as the registry knows them (npm run dev:thaid lists them)', async () => {
		for (const p of Object.values(DEMO_PEOPLE)) {
			const { callback, checks } = await signIn('', settings, p.id);
			expect(await thaidFinish(settings, callback.searchParams, checks), p.id).toEqual({
				person: {
					nationalId: p.id,
					titleTh: p.th[0],
					firstNameTh: p.th[1],
					lastNameTh: p.th[2],
					titleEn: p.en[0],
					firstNameEn: p.en[1],
					lastNameEn: p.en[2],
					birthDate: p.birth
				}
			});
		}
		const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/dev-thaid.ts', '--check', '--port', '0'], {
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(stdout).toMatch(
			/THAID_ISSUER=http:\/\/127\.0\.0\.1:\d+ THAID_CLIENT_ID=prakan-dev THAID_CLIENT_SECRET=\S+ THAID_REDIRECT_URI=http:\/\/localhost:3000\/login\/thaid\/callback\/ npm start/
		);
	}, 30_000);
});
