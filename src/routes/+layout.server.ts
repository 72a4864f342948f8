import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.user
		? {
				titleTh: locals.user.titleTh,
				firstNameTh: locals.user.firstNameTh,
				lastNameTh: locals.user.lastNameTh,
				titleEn: locals.user.titleEn,
				firstNameEn: locals.user.firstNameEn,
				lastNameEn: locals.user.lastNameEn
			}
		: null
});
