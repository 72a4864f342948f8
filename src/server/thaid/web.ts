/**
 * The ThaID routes' work with the request: what is kept between the way out and the way back (the checks, in a draft
 * behind an HttpOnly cookie that only the database can read, single use, ten minutes), and what the callback leads to.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { clearDraft, keepDevice, safeRedirect, saveDraft, signInDevice, startSession, takeDraftOf, type ProofDraft } from '../web';
import { thaidFinish, thaidStart, type ThaidChecks, type ThaidSettings } from './client';
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

/** Where a ThaID attempt that did not end in a sign-in or a proof sends the citizen, with the reason for the page to say. */
const back = (purpose: ThaidDraft['purpose'], reason: string) => `${purpose === 'prove' ? '/profile' : '/login'}?thaid=${reason}`;

/** The address of ThaID's sign-in for this attempt (or the page that says ThaID cannot be reached). */
export async function beginThaid(event: RequestEvent, settings: ThaidSettings, what: Omit<ThaidDraft, 'checks'>): Promise<string> {
	const start = await thaidStart(settings, { uiLocales: event.locals.locale });
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
