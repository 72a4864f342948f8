import { error, redirect } from '@sveltejs/kit';
import { fail, say } from '$server/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { saveDraft } from '$server/web';
import { KINDS } from '$server/applications/registry';
import { citizenOf, envFor, kindOf, proofFirst, requireApplyDraft, sentForm } from '$server/applications/web';
import { readStep, stepFields, stepsFor, type Field } from '$server/applications/questions';
import type { Kind } from '$lib/vocabulary';
import { requireCitizen } from '$server/guard';
import type { Citizen } from '$server/applications/kind';

async function setup<K extends Kind>(event: RequestEvent, c: Citizen, kind: K) {
	const def = KINDS[kind];
	const draft = await requireApplyDraft(event, kind);
	const steps = stepsFor(def.steps, draft.answers);
	const index = steps.findIndex((s) => s.id === event.params.step);
	if (index < 0) error(404, 'Not found');
	const step = steps[index]!;
	// a step that moves money (the bank account) is for an account proved by ThaID or in person
	const prove = proofFirst(event, kind, step);
	if (prove) redirect(303, prove);
	const env = await envFor(kind, c, draft.answers);
	const change = event.url.searchParams.get('change') === '1';
	const back = change ? `/apply/${kind}/check` : index > 0 ? `/apply/${kind}/${steps[index - 1]!.id}` : `/apply/${kind}`;
	return { def, draft, steps, index, step, env, change, back };
}

/** The questions as the page shows them: an error in the citizen's language. */
const forPage = (fields: Field[]) => fields.map((f) => ({ ...f, error: f.error && say(f.error) }));

export const load: PageServerLoad = (event) => {
	requireCitizen(event);
	return questionPage(event, citizenOf(event), kindOf(event.params.kind));
};

async function questionPage<K extends Kind>(event: RequestEvent, c: Citizen, kind: K) {
	const { def, draft, steps, index, step, env, back } = await setup(event, c, kind);
	return {
		kind,
		flowTitle: def.title(),
		title: step.title(env, draft.answers),
		lead: step.lead?.(env, draft.answers) ?? [],
		fields: forPage(stepFields(step, env, draft.answers, null, {})),
		block: step.block ?? null,
		stepNo: index + 1,
		stepCount: steps.length,
		back,
		// the search of a long list, sent without JavaScript
		q: event.url.searchParams.get('q')?.trim().slice(0, 100) ?? ''
	};
}

export const actions: Actions = {
	default: async (event) => {
		requireCitizen(event);
		return answer(event, citizenOf(event), kindOf(event.params.kind));
	}
};

async function answer<K extends Kind>(event: RequestEvent, c: Citizen, kind: K) {
	const { def, draft, step, env, change } = await setup(event, c, kind);
	const form = await sentForm(event.request);
	const r = readStep(step, form, env, draft.answers);
	if (!r.ok) return fail(400, { fields: forPage(stepFields(step, env, draft.answers, form, r.errors)), errors: r.errors });
	await saveDraft(event, kind, { ...draft, answers: r.answers });
	if (r.stop) redirect(303, `/apply/${kind}?stop=${r.stop}`);
	const steps = stepsFor(def.steps, r.answers);
	const next = change ? null : steps[steps.findIndex((s) => s.id === step.id) + 1];
	redirect(303, next ? `/apply/${kind}/${next.id}` : `/apply/${kind}/check`);
}
