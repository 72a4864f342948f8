import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getOwnApplication, applicationEvents, kindName, statusName, type ApplicationRow } from '$server/applications/store';
import { KINDS } from '$server/applications/registry';
import { today } from '$server/clock';
import { requireCitizen } from '$server/guard';
import type { Kind } from '$lib/vocabulary';

/** An application: its status and history, and what its kind adds (KindDetail draws it). */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const app = await getOwnApplication(event.params.ref, user.nationalId);
	if (!app) error(404, 'Not found');
	return {
		ref: app.ref,
		kindText: kindName(app.kind),
		status: app.status,
		statusText: statusName(app.kind, app.status),
		reason: app.reason,
		submittedOn: app.submittedOn,
		isNew: event.url.searchParams.get('new') === '1',
		events: (await applicationEvents(app.id)).map((e) => ({ ...e, statusText: statusName(app.kind, e.status) })),
		...(await detail(app.kind, app, event.url.searchParams))
	};
};

async function detail<K extends Kind>(kind: K, app: ApplicationRow, query: URLSearchParams) {
	const def = KINDS[kind];
	return { kind, confirmNext: def.confirmNext(), view: await def.detail(app, today(), query) };
}
