import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { schema, transaction } from '$server/db';
import { safeRedirect } from '$server/web';
import { localeOr } from '$lib/i18n';

/** The language chooser: a plain form POST, so it works without JavaScript; the choice persists in a cookie (a language the app does not have is Thai). */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData();
	const locale = localeOr(form.get('locale'));
	cookies.set('PARAGLIDE_LOCALE', locale, { path: '/', maxAge: 400 * 86_400, httpOnly: false, sameSite: 'lax' });
	const user = locals.user;
	if (user) await transaction((tx) => tx.update(schema.users).set({ locale }).where(eq(schema.users.id, user.id)));
	redirect(303, safeRedirect(String(form.get('redirectTo') ?? ''), '/'));
};
