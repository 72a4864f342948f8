import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { thaidSettings } from '$server/config';
import { requireCitizen } from '$server/guard';
import { beginThaid } from '$server/thaid/web';
import { safeRedirect } from '$server/web';

/** "ยืนยันตัวตนด้วย ThaID" on the profile page: the signed-in citizen proves their account with ThaID (a link: see /login/thaid). */
export const GET: RequestHandler = async (event) => {
	const { user } = requireCitizen(event);
	const settings = thaidSettings();
	if (!settings) error(404, 'Not found');
	// back to the page that needed the proof (`then`, a path of this site), else the profile
	const returnTo = safeRedirect(event.url.searchParams.get('then'), '/profile');
	redirect(303, await beginThaid(event, settings, { purpose: 'prove', userId: user.id, returnTo }));
};
