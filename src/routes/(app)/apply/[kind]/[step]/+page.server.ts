import { error, redirect } from '@sveltejs/kit';
import { fail, say } from '$server/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { saveDraft } from '$server/web';
import { flowOf, requireApplyDraft, envFor } from '$server/applications/web';
import { stepsFor, nextStep, type Field } from '$server/applications/flows';
import { S40_OPTIONS } from '$lib/rules/rates';
import { requireCitizen } from '$server/guard';

function setup(event: Pick<RequestEvent, 'params' | 'cookies' | 'url' | 'locals' | 'route'>) {
	const flow = flowOf(event.params.kind);
	const draft = requireApplyDraft(event, flow.kind);
	const steps = stepsFor(flow, draft.answers);
	const index = steps.findIndex((s) => s.id === event.params.step);
	if (index < 0) error(404, 'Not found');
	const step = steps[index]!;
	const env = envFor(flow, event, draft.answers);
	const change = event.url.searchParams.get('change') === '1';
	const back = change ? `/apply/${flow.kind}/check` : index > 0 ? `/apply/${flow.kind}/${steps[index - 1]!.id}` : `/apply/${flow.kind}`;
	return { flow, draft, steps, index, step, env, change, back };
}

/** The questions as the page shows them: an error in the citizen's language. */
const forPage = (fields: Field[]) => fields.map((f) => ({ ...f, error: f.error && say(f.error) }));

export const load: PageServerLoad = (event) => {
	requireCitizen(event);
	const { flow, draft, steps, index, step, env, back } = setup(event);
	const q = event.url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
	return {
		kind: flow.kind,
		flowTitle: flow.title(),
		title: step.title(env, draft.answers),
		lead: step.lead?.(env, draft.answers) ?? [],
		fields: forPage(step.fields(env, draft.answers, null, {})),
		block: step.block ?? null,
		stepNo: index + 1,
		stepCount: steps.length,
		back,
		q,
		options: step.block === 'section40_options' ? S40_OPTIONS : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireCitizen(event);
		const { flow, draft, step, env, change } = setup(event);
		const form = Object.fromEntries([...(await event.request.formData()).entries()].map(([k, v]) => [k, String(v)]));
		const r = step.read(form, env, draft.answers);
		if ('errors' in r) return fail(400, { fields: forPage(step.fields(env, draft.answers, form, r.errors)), errors: r.errors });
		saveDraft(event, flow.kind, { ...draft, answers: r.answers });
		if ('stop' in r) redirect(303, `/apply/${flow.kind}?stop=${r.stop}`);
		const next = change ? null : nextStep(flow, r.answers, step.id);
		redirect(303, next ? `/apply/${flow.kind}/${next.id}` : `/apply/${flow.kind}/check`);
	}
};
