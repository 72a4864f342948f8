import type { LayoutServerLoad } from './$types';

// Reading the path makes this load run again on every navigation: the header and the offline-copy rule in +layout.svelte
// then see a session that ended mid-visit (the idle timer, a redirect to /login) without a full page load.
export const load: LayoutServerLoad = ({ locals, url }) => ({
	path: url.pathname,
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
