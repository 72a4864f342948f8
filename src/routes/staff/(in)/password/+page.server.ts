import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions } from './$types';
import { changeStaffPassword } from '$server/staff/accounts';
import { setStaffCookie } from '$server/staff/session';
import { secureCookies } from '$server/web';
import { requireStaff } from '$server/guard';

export const actions: Actions = {
	default: async (event) => {
		const { staff } = requireStaff(event);
		const form = await event.request.formData();
		const f = {
			current: String(form.get('current') ?? ''),
			password: String(form.get('password') ?? ''),
			passwordConfirm: String(form.get('passwordConfirm') ?? '')
		};
		if (!f.current) return fail(400, { errors: { current: 'err_current_password_required' } });
		const r = await changeStaffPassword(staff.id, f, event.locals.ip, event.locals.locale);
		if (!r.ok) return fail(r.reason === 'rate_limited' ? 429 : 400, { errors: r.errors });
		setStaffCookie(event.cookies, r.token, r.expiresAt, secureCookies(event.url));
		redirect(303, '/staff/info?done=password');
	}
};
