import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { thaidSettings } from '$server/config';
import { finishThaid } from '$server/thaid/web';

// the address registered with ThaID ends in a slash, as ThaID's own paths do, and must match character for character
export const trailingSlash = 'always';

/** ThaID sends the citizen back here: signed in (or their account proved), or back where they came from with the reason. */
export const GET: RequestHandler = async (event) => {
	const settings = thaidSettings();
	if (!settings) error(404, 'Not found');
	redirect(303, await finishThaid(event, settings));
};
