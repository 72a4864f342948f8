/**
 * The ThaID routes' work with the request: what is kept between the way out and the way back (the checks, in a draft
 * behind an HttpOnly cookie that only the database can read, single use, ten minutes), and what the callback leads to.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { clearDraft, keepDevice, safeRedirect, saveDraft, secureCookies, signInDevice, startSession, takeDraftOf, type ProofDraft } from '../web';
import { thaidEndSessionUrl, thaidFinish, thaidStart, type ThaidChecks, type ThaidSettings } from './client';
import { thaidProve, thaidSignIn } from './login';
import { startThaidRegistration, type RegisterDraft } from '../accounts/registration';

interface ThaidDraft {
	checks: ThaidChecks;
	/** log in (signed out), or prove the signed-in account `userId` */
	purpose: 'login' | 'prove';
	userId: string | null;
	/** a same-site path (checked when kept and again when used) */
	returnTo: string;
}

/**
 * This browser signed in to ThaID for us (its own session there, which our log-out ends where ThaID can); then, for a
 * minute after our log-out, that the page ending it may send the browser there. Neither is a secret: a forged one
 * only sends the browser to ThaID's own log-out.
 */
const USED_THAID = 'prakan_thaid';
const ENDING_THAID = 'prakan_thaid_out';
const cookieOptions = (event: Pick<RequestEvent, 'url'>) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(event.url) });

/**
 * At log-out (the session already ended): where to go next. A browser that used ThaID goes by /logout/thaid, which
 * sends it to ThaID's end_session_endpoint (a page, not this redirect: the log-out is a form, and the pages' policy
 * lets a form's redirects go to this site only); otherwise, or when ThaID publishes none, the log-in page.
 */
export async function afterLogout(event: RequestEvent, settings: ThaidSettings | null): Promise<string> {
	const used = event.cookies.get(USED_THAID) === '1';
	if (used) event.cookies.delete(USED_THAID, cookieOptions(event));
	if (!used || !settings || !(await thaidEndSessionUrl(settings))) return '/login?loggedOut=1';
	event.cookies.set(ENDING_THAID, '1', { ...cookieOptions(event), maxAge: 60 });
	return '/logout/thaid';
}

/** /logout/thaid: ThaID's end-session address for a browser just logged out here, once; else null. */
export async function endThaidSession(event: RequestEvent, settings: ThaidSettings | null): Promise<URL | null> {
	if (event.cookies.get(ENDING_THAID) !== '1') return null;
	event.cookies.delete(ENDING_THAID, cookieOptions(event));
	return settings ? await thaidEndSessionUrl(settings) : null;
}

/** Where a ThaID attempt that did not end in a sign-in or a proof sends the citizen, with the reason for the page to say. */
const back = (purpose: ThaidDraft['purpose'], reason: string) => `${purpose === 'prove' ? '/profile' : '/login'}?thaid=${reason}`;

/** The address of ThaID's sign-in for this attempt (or the page that says ThaID cannot be reached). */
export async function beginThaid(event: RequestEvent, settings: ThaidSettings, what: Omit<ThaidDraft, 'checks'>): Promise<string> {
	// ThaID speaks Thai and English: a reader of another language asks for it, then English (a preference list)
	const l = event.locals.locale;
	const start = await thaidStart(settings, { uiLocales: l === 'th' || l === 'en' ? l : `${l} en` });
	if ('failure' in start) return back(what.purpose, 'unavailable');
	await saveDraft<ThaidDraft>(event, 'thaid', { ...what, returnTo: safeRedirect(what.returnTo, '/dashboard'), checks: start.checks });
	return start.url.toString();
}

/** The callback: where the citizen goes next. */
export async function finishThaid(event: RequestEvent, settings: ThaidSettings): Promise<string> {
	// single use, read and deleted at once: a second arrival with the same cookie (a reload, a replayed address, two at
	// the same moment) finds nothing
	const draft = await takeDraftOf<ThaidDraft>(event, 'thaid');
	if (!draft) return '/login?thaid=expired';
	const outcome = await thaidFinish(settings, event.url.searchParams, draft.checks);
	if ('failure' in outcome) return back(draft.purpose, outcome.failure);
	// the browser now has a session at ThaID: log-out ends it too (where ThaID can)
	event.cookies.set(USED_THAID, '1', cookieOptions(event));
	const device = signInDevice(event);
	const ctx = { ip: event.locals.ip, userAgent: event.request.headers.get('user-agent'), device };
	if (draft.purpose === 'prove') {
		// only the signed-in session that asked may be proved by this answer
		const user = event.locals.user;
		if (!user || user.id !== draft.userId) return '/login?thaid=invalid';
		const r = await thaidProve(user, outcome.person, ctx);
		if (!r.ok) return `/profile?thaid=${r.reason}`;
		// on to the page that needed the proof, else the profile says it is done
		const then = safeRedirect(draft.returnTo, '/profile');
		if (r.pending) return await phoneCheck(event, user.id, then);
		return then === '/profile' ? '/profile?thaid=proved' : then;
	}
	const r = await thaidSignIn(outcome.person, ctx);
	if (!r.ok) {
		// no account yet: ThaID has proved who this is, so registering asks only the terms and a mobile number
		const reg = await startThaidRegistration(outcome.person, { ip: event.locals.ip });
		if (!reg.ok) return back('login', reg.reason === 'mismatch' ? 'mismatch' : 'invalid');
		await clearDraft(event, 'register');
		await saveDraft<RegisterDraft>(event, 'register', reg.draft);
		return '/register/terms';
	}
	if (!(await startSession(event, r.userId))) return '/login?thaid=invalid';
	keepDevice(event, device);
	const then = safeRedirect(draft.returnTo, '/dashboard');
	if (r.pending) return await phoneCheck(event, r.userId, then);
	return then;
}

/**
 * ThaID proved the person of an account opened by SMS: before the account is raised they say whether its number is
 * theirs (else they take it back with their own), on this browser, within ten minutes.
 */
async function phoneCheck(event: RequestEvent, userId: string, then: string): Promise<string> {
	await saveDraft<ProofDraft>(event, 'proof', { userId });
	return `/profile/phone/check?then=${encodeURIComponent(then)}`;
}
