import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { KINDS } from '$server/applications/registry';
import { citizenOf, envFor, kindOf, readApplyDraft, startApplyDraft, sentForm } from '$server/applications/web';
import { firstUnanswered, stepsFor } from '$server/applications/questions';
import { today } from '$server/clock';
import type { Kind } from '$lib/vocabulary';
import { requireCitizen } from '$server/guard';
import type { Citizen } from '$server/applications/kind';

/** The start page of an application: who can apply, what you need, and (when you cannot) why. */
export const load: PageServerLoad = (event) => {
	// the citizen first: without a session every kind, real or not, goes to the log-in page
	requireCitizen(event);
	return startPage(event, citizenOf(event), kindOf(event.params.kind));
};

async function startPage<K extends Kind>(event: RequestEvent, c: Citizen, kind: K) {
	const def = KINDS[kind];
	const draft = await readApplyDraft(event, kind);
	const stop = event.url.searchParams.get('stop');
	const resume = draft ? (firstUnanswered(def.steps, await envFor(kind, c, draft.answers), draft.answers) ?? 'check') : null;
	return {
		kind,
		title: def.title(),
		resume: resume ? `/apply/${kind}/${resume}` : null,
		view: await def.start(c, today(), draft?.answers ?? null, stop && def.stops?.includes(stop) ? stop : null)
	};
}

export const actions: Actions = {
	default: async (event) => {
		requireCitizen(event);
		return begin(event, citizenOf(event), kindOf(event.params.kind));
	}
};

async function begin<K extends Kind>(event: RequestEvent, c: Citizen, kind: K) {
	const def = KINDS[kind];
	const form = await sentForm(event.request);
	const answers = await def.begin(c, today(), form);
	if (!answers) return fail(409, { refused: true });
	// pressing Start again continues the application in progress (started the same way) instead of wiping it
	const existing = await readApplyDraft(event, kind);
	if (existing && (def.sameStart?.(existing.answers, answers) ?? true))
		redirect(303, `/apply/${kind}/${firstUnanswered(def.steps, await envFor(kind, c, existing.answers), existing.answers) ?? 'check'}`);
	await startApplyDraft(event, kind, answers);
	redirect(303, `/apply/${kind}/${stepsFor(def.steps, answers)[0]!.id}`);
}
