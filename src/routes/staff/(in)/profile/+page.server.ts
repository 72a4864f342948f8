import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { staffById, updateStaffProfile } from '$server/staff/accounts';
import { maskPhone } from '$lib/validation/phone';
import { parseForm } from '$lib/validation/forms';
import { StaffProfileSchema } from '$lib/validation/staff';
import { requireStaff } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { staff } = requireStaff(event);
	const url = event.url;
	const row = (await staffById(staff.id))!;
	return {
		done: url.searchParams.has('done'),
		values: { firstName: row.firstName, lastName: row.lastName, position: row.position, officePhone: row.officePhone, email: row.email },
		mobile: row.phone ? maskPhone(row.phone) : ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { staff } = requireStaff(event);
		const form = await event.request.formData();
		const values = Object.fromEntries(['firstName', 'lastName', 'position', 'officePhone', 'email'].map((k) => [k, String(form.get(k) ?? '').slice(0, 300)]));
		const parsed = parseForm(StaffProfileSchema, values);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		await updateStaffProfile(staff.id, parsed.data, event.locals.ip);
		redirect(303, '/staff/profile?done=1');
	}
};
