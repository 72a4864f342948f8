import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => ({
	welcome: url.searchParams.has('welcome'),
	nationalId: locals.user!.nationalId
});
