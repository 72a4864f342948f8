import { redirect } from '@sveltejs/kit';
import { fail, noticeFrom } from '$server/i18n';
import { thaidSettings } from '$server/config';
import type { Actions, PageServerLoad } from './$types';
import { login } from '$server/accounts/login';
import { lockedMessage } from '$server/limits';
import { keepDevice, signInDevice, startSession, safeRedirect, tryAgainAt } from '$server/web';
import { LoginSchema, parseForm } from '$lib/validation/forms';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/dashboard');
	return {
		notice: noticeFrom(url.searchParams, {
			reset: 'login_reset_done',
			loggedOut: 'login_logged_out',
			expired: 'login_session_ended',
			closed: 'login_account_closed'
		}),
		// the ThaID button shows only where ThaID is configured
		thaid: thaidSettings() !== null,
		// why a ThaID sign-in came back here (the reason is the route's own word; anything else says nothing)
		thaidError: noticeFrom(url.searchParams, {
			'thaid=cancelled': 'thaid_cancelled',
			'thaid=unavailable': 'thaid_unavailable',
			'thaid=refused': 'thaid_refused',
			'thaid=invalid': 'thaid_invalid',
			'thaid=weak': 'thaid_weak',
			'thaid=expired': 'thaid_expired',
			'thaid=mismatch': 'thaid_mismatch'
		})
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const nationalId = String(form.get('nationalId') ?? '');
		const parsed = parseForm(LoginSchema, { nationalId, password: String(form.get('password') ?? '') });
		if (!parsed.ok) return fail(400, { nationalId, errors: parsed.errors });
		const device = signInDevice(event);
		const r = await login(parsed.data.nationalId, parsed.data.password, { ip: event.locals.ip, userAgent: event.request.headers.get('user-agent'), device });
		// the password changed while it was being checked: as if it were wrong
		if (r.ok && (await startSession(event, r.userId, r.passwordHash))) {
			keepDevice(event, device);
			redirect(303, safeRedirect(event.url.searchParams.get('redirectTo'), '/dashboard'));
		}
		if (r.ok || r.reason === 'invalid') return fail(400, { nationalId, formError: 'err_login' });
		if (r.reason === 'locked') return fail(429, { nationalId, formError: lockedMessage(r.until, event.locals.locale) });
		return fail(429, { nationalId, formError: tryAgainAt(r.retryAt, event.locals.locale) });
	}
};
