import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { schema, transaction } from '$server/db';
import { safeRedirect } from '$server/web';

/** The language switch: a plain form POST, so it works without JavaScript; the choice persists in a cookie. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData();
	const locale = form.get('locale') === 'en' ? 'en' : 'th';
	cookies.set('PARAGLIDE_LOCALE', locale, { path: '/', maxAge: 400 * 86_400, httpOnly: false, sameSite: 'lax' });
	const user = locals.user;
	if (user) await transaction((tx) => tx.update(schema.users).set({ locale }).where(eq(schema.users.id, user.id)));
	redirect(303, safeRedirect(String(form.get('redirectTo') ?? ''), '/'));
};
