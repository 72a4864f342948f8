/**
 * Prakan as a relying party of ThaID (OpenID Connect, openid-client): discovery, the authorization code flow with PKCE
 * S256 and a fresh `state` and `nonce` every time, client_secret_basic at the token endpoint, and the id_token checked
 * against the provider's published keys with ES256 (what ThaID signs with; openid-client expects RS256 unless told).
 * Tokens are used for the claims they carry and never kept. See shared/domain/thaid.md.
 */
import * as oidc from 'openid-client';
import { log } from '../log';
import { thaidPerson, type ClaimProblem, type ThaidPerson } from './claims';

export interface ThaidSettings {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** exactly as registered in DOPA's RP Admin (ThaID compares it character for character) */
	redirectUri: string;
	/** where the provider sends the browser after ending its session at log-out (registered with it too) */
	postLogoutRedirectUri?: string;
}

/** The scopes asked for: the national ID, the Thai and English names and the birth date. */
export const THAID_SCOPES = 'openid pid name name_en birthdate';

/** What the callback must be checked against: kept by the app between the redirect and the callback (never in the URL). */
export interface ThaidChecks {
	state: string;
	nonce: string;
	codeVerifier: string;
}

/**
 * Why a ThaID sign-in did not give a person: the citizen cancelled in the app; ThaID refused the app the national ID
 * (its client is not approved for the pid scope); ThaID could not be reached or failed; the answer did not hold up
 * (another state, a used or expired code, a bad signature, or claims that are missing or malformed); ThaID proved the
 * person less surely than MIN_IAL (`weak`: they can raise it in ThaID).
 */
export type ThaidFailure = 'cancelled' | 'refused' | 'unavailable' | 'invalid' | 'weak';
export type ThaidOutcome = { person: ThaidPerson } | { failure: ThaidFailure; problem?: ClaimProblem };

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The provider's configuration, discovered once per process (again after a failure: ThaID may have been down). */
function configuration(s: ThaidSettings): Promise<oidc.Configuration> {
	const key = `${s.issuer} ${s.clientId}`;
	let c = configurations.get(key);
	if (!c) {
		const server = new URL(s.issuer);
		c = oidc.discovery(
			server,
			s.clientId,
			{ id_token_signed_response_alg: 'ES256', redirect_uris: [s.redirectUri], response_types: ['code'] },
			oidc.ClientSecretBasic(s.clientSecret),
			{
				timeout: 10,
				execute: [
					// the id_token's signature is checked against the published keys (openid-client skips it by default for a
					// token that comes straight from the token endpoint over TLS)
					oidc.enableNonRepudiationChecks,
					// plain http only for a provider on this machine (npm run dev:thaid, the tests)
					...(server.protocol === 'http:' && isLocal(server.hostname) ? [oidc.allowInsecureRequests] : [])
				]
			}
		);
		configurations.set(key, c);
		c.catch(() => configurations.delete(key));
	}
	return c;
}

const isLocal = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** The address to send the citizen to, and the checks to keep for the callback. */
export async function thaidStart(s: ThaidSettings, opts: { uiLocales?: string } = {}): Promise<{ url: URL; checks: ThaidChecks } | { failure: 'unavailable' }> {
	let c: oidc.Configuration;
	try {
		c = await configuration(s);
	} catch (e) {
		log.warn({ thaid: { failure: 'unavailable', code: (e as { code?: string }).code } }, 'ThaID could not be reached (discovery)');
		return { failure: 'unavailable' };
	}
	const codeVerifier = oidc.randomPKCECodeVerifier();
	const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier };
	const url = oidc.buildAuthorizationUrl(c, {
		redirect_uri: s.redirectUri,
		scope: THAID_SCOPES,
		state: checks.state,
		nonce: checks.nonce,
		code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		...(opts.uiLocales ? { ui_locales: opts.uiLocales } : {})
	});
	return { url, checks };
}

/** What an error from openid-client (or the network under it) means for the citizen. */
function failureOf(e: unknown): ThaidFailure {
	const err = e as { error?: string; status?: number; code?: string; cause?: { code?: string; error?: string; status?: number }; name?: string };
	const error = err.error ?? err.cause?.error;
	if (error === 'access_denied') return 'cancelled';
	if (error === 'invalid_scope') return 'refused';
	const status = err.status ?? err.cause?.status;
	if (error === 'temporarily_unavailable' || error === 'server_error' || (typeof status === 'number' && status >= 500)) return 'unavailable';
	// fetch failed: refused, reset, timed out, or no such host
	if (
		err.name === 'TypeError' ||
		err.name === 'TimeoutError' ||
		err.name === 'AbortError' ||
		/^(ECONN|ENOTFOUND|EAI_|UND_ERR)/.test(err.cause?.code ?? err.code ?? '')
	)
		return 'unavailable';
	return 'invalid';
}

/**
 * The callback's parameters: the answer checked (state, code exchange with the PKCE verifier, the id_token's signature, issuer,
 * audience, expiry and nonce) and the person read from its claims. Errors are logged with their codes only, never
 * with the claims.
 */
export async function thaidFinish(s: ThaidSettings, callback: URLSearchParams, checks: ThaidChecks): Promise<ThaidOutcome> {
	// the callback's parameters on the registered redirect URI, which is what goes back to ThaID with the code (the
	// address the request reached may be spelt otherwise behind a proxy)
	const callbackUrl = new URL(s.redirectUri);
	callbackUrl.search = callback.toString();
	let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
	try {
		const c = await configuration(s);
		tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
			expectedState: checks.state,
			expectedNonce: checks.nonce,
			pkceCodeVerifier: checks.codeVerifier,
			idTokenExpected: true
		});
	} catch (e) {
		const failure = failureOf(e);
		const err = e as { error?: string; code?: string; message?: string };
		log.warn({ thaid: { failure, error: err.error, code: err.code } }, `ThaID sign-in did not complete: ${failure}`);
		return { failure };
	}
	const claims = tokens.claims() ?? {};
	const r = thaidPerson(claims as Record<string, unknown>, tokens as unknown as Record<string, unknown>);
	if ('problem' in r) {
		const failure = r.problem === 'low_ial' ? 'weak' : 'invalid';
		log.warn({ thaid: { failure, problem: r.problem } }, `ThaID's answer could not be used: ${r.problem}`);
		return { failure, problem: r.problem };
	}
	return r;
}

/**
 * Where to send the browser to end its ThaID session at log-out (OpenID Connect RP-initiated logout), or null when the
 * provider publishes no end_session_endpoint (ThaID's published configuration has none that we know of) or cannot be
 * reached. No id_token_hint: tokens are not kept, so the request names the client instead.
 */
export async function thaidEndSessionUrl(s: ThaidSettings): Promise<URL | null> {
	try {
		const c = await configuration(s);
		if (!c.serverMetadata().end_session_endpoint) return null;
		return oidc.buildEndSessionUrl(c, {
			client_id: s.clientId,
			...(s.postLogoutRedirectUri ? { post_logout_redirect_uri: s.postLogoutRedirectUri } : {})
		});
	} catch (e) {
		log.warn({ thaid: { failure: 'unavailable', code: (e as { code?: string }).code } }, 'ThaID could not be reached to end its session');
		return null;
	}
}
