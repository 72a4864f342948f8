import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { clearDraft, saveDraft, tryAgainAt } from '$server/web';
import { KINDS } from '$server/applications/registry';
import { citizenOf, envFor, kindOf, proofFirst, readApplyDraft, sentForm } from '$server/applications/web';
import { firstUnanswered, stepNeedingProof, stepSummary, stepsFor } from '$server/applications/questions';
import { applicationByKey } from '$server/applications/store';
import { take } from '$server/limits';
import type { Kind } from '$lib/vocabulary';
import { requireCitizen } from '$server/guard';
import type { Citizen } from '$server/applications/kind';

/** Check your answers: every answer with a link to change it, what the kind adds beside them, the declarations. */
export const load: PageServerLoad = (event) => {
	requireCitizen(event);
	return checkPage(event, citizenOf(event), kindOf(event.params.kind));
};

async function checkPage<K extends Kind>(event: RequestEvent, c: Citizen, kind: K) {
	const def = KINDS[kind];
	const draft = await readApplyDraft(event, kind);
	if (!draft) redirect(303, `/apply/${kind}`);
	const env = await envFor(kind, c, draft.answers);
	const missing = firstUnanswered(def.steps, env, draft.answers);
	if (missing) redirect(303, `/apply/${kind}/${missing}`);
	const prove = proofFirst(event, kind, stepNeedingProof(def.steps, draft.answers));
	if (prove) redirect(303, prove);
	return {
		kind,
		flowTitle: def.title(),
		sections: stepsFor(def.steps, draft.answers).map((s) => ({ step: s.id, rows: stepSummary(s, draft.answers, env) })),
		key: draft.key,
		asOf: env.today,
		declarations: def.declarations(),
		submitLabel: def.submitLabel(),
		view: await def.check(c, env, draft.answers)
	};
}

export const actions: Actions = {
	default: async (event) => {
		requireCitizen(event);
		return send(event, citizenOf(event), kindOf(event.params.kind));
	}
};

async function send<K extends Kind>(event: RequestEvent, c: Citizen, kind: K) {
	const def = KINDS[kind];
	const form = await sentForm(event.request);
	// a repeated submit of an attempt that already went through (double click, retry): show that application
	const done = await applicationByKey(form.key ?? '', c.userId);
	if (done) redirect(303, `/applications/${done.ref}?new=1`);
	const draft = await readApplyDraft(event, kind);
	if (!draft || draft.key !== form.key) redirect(303, `/apply/${kind}`);
	const env = await envFor(kind, c, draft.answers);
	const missingStep = firstUnanswered(def.steps, env, draft.answers);
	if (missingStep) redirect(303, `/apply/${kind}/${missingStep}`);
	// the answers hold a bank account: sent only by an account proved by ThaID or in person
	const prove = proofFirst(event, kind, stepNeedingProof(def.steps, draft.answers));
	if (prove) redirect(303, prove);
	const stale = def.stale?.(form, env);
	if (stale) return fail(409, { formError: stale });
	const missing = def.declarations().filter((d) => form[d.name] !== 'yes');
	if (missing.length) return fail(400, { errors: Object.fromEntries(missing.map((d) => [d.name, 'err_declare' as const])) });
	// submissions per account (and so the confirmation codes a kind texts), against scripted floods
	const taken = await take('application_submit', { userId: c.userId });
	if (!taken.ok) return fail(429, { formError: tryAgainAt(taken.retryAt, c.locale) });
	const r = await def.submit(c, env, { key: draft.key, answers: draft.answers });
	if (!r.ok) {
		if (r.reason === 'refused') return fail(409, { formError: 'err_apply_refused' });
		if (r.reason === 'rate_limited') return fail(429, { formError: r.error });
		redirect(303, `/apply/${kind}${r.stop ? `?stop=${r.stop}` : ''}`);
	}
	if (r.confirm) {
		await saveDraft(event, kind, { ...draft, ...r.confirm.flags });
		redirect(303, r.confirm.at);
	}
	await clearDraft(event, kind);
	redirect(303, `/applications/${r.app.ref}?new=1`);
}
