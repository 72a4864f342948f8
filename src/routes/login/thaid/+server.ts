import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { thaidSettings } from '$server/config';
import { beginThaid } from '$server/thaid/web';
import { safeRedirect } from '$server/web';

/**
 * "เข้าสู่ระบบด้วย ThaID": off to ThaID, back to /login/thaid/callback/ (not shown, and 404, without the THAID_* settings).
 * A link, not a form: the pages' policy lets forms post to this site only (CSP form-action), and a form's redirect to
 * ThaID would be refused. Following it signs nobody in; only the answer for this browser's own attempt does.
 */
export const GET: RequestHandler = async (event) => {
	const settings = thaidSettings();
	if (!settings) error(404, 'Not found');
	if (event.locals.user) redirect(303, '/dashboard');
	const returnTo = safeRedirect(event.url.searchParams.get('redirectTo'), '/dashboard');
	redirect(303, await beginThaid(event, settings, { purpose: 'login', userId: null, returnTo }));
};
