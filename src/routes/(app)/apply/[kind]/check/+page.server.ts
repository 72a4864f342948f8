import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { clearDraft, saveDraft, tryAgainAt } from '$server/web';
import { flowOf, readApplyDraft, envFor, firstUnanswered, type ApplyDraft } from '$server/applications/web';
import { stepsFor } from '$server/applications/flows';
import { registrationDeadline } from '$lib/rules/workdays';
import { applicationByKey } from '$server/applications';
import {
	computeClaim,
	daysToRegistrationLine,
	submitUnemployment,
	type UnemploymentAnswers,
	type UnemploymentContext
} from '$server/applications/unemployment';
import { outcomeFor, registeredPhone, type S40Answers, type S40Context } from '$server/applications/section40';
import { submitHospitalChange, hospitalByCode, autoApproves, type HospitalAnswers, type HospitalContext } from '$server/applications/hospital';
import { hospitalChangeDates } from '$lib/rules/hospital-move';
import { startChallenge } from '$server/auth/otp';
import { take } from '$server/limits';
import { findPerson } from '$server/registry/persons';
import { maskPhone } from '$lib/validation/phone';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = (event) => {
	const { user } = requireCitizen(event);
	const flow = flowOf(event.params.kind);
	const draft = readApplyDraft(event, flow.kind);
	if (!draft) redirect(303, `/apply/${flow.kind}`);
	const env = envFor(flow, event, draft.answers);
	const missing = firstUnanswered(flow, env, draft.answers);
	if (missing) redirect(303, `/apply/${flow.kind}/${missing}`);
	const sections = stepsFor(flow, draft.answers).map((s) => ({ step: s.id, rows: s.summary(draft.answers, env) }));
	const base = { kind: flow.kind, flowTitle: flow.title(), sections, key: draft.key, asOf: env.today };
	if (flow.kind === 'section40') {
		const a = draft.answers as S40Answers;
		const p = findPerson(user.nationalId)!;
		return {
			...base,
			s40: { person: { ...p }, phone: maskPhone(registeredPhone(user.id)), outcome: outcomeFor(Number(a.option) as 1 | 2 | 3, env.today) }
		};
	}
	if (flow.kind === 'unemployment') {
		const a = draft.answers as Required<UnemploymentAnswers>;
		const o = computeClaim(env.ctx as UnemploymentContext, a, env.today);
		return {
			...base,
			une: { ...o, daysLeft: daysToRegistrationLine(a.lastWorkingDay, env.today), registrationUntil: registrationDeadline(a.lastWorkingDay) }
		};
	}
	const a = draft.answers as HospitalAnswers;
	const c = env.ctx as HospitalContext;
	const next = hospitalByCode(a.hospitalCode!)!;
	return { ...base, hos: { current: c.current, next: { ...next }, auto: autoApproves(a, c.workProvince), ...hospitalChangeDates(env.today) } };
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireCitizen(event);
		const flow = flowOf(event.params.kind);
		const form = await event.request.formData();
		const key = String(form.get('key') ?? '');
		// a repeated submit of an attempt that already went through (double click, retry): show that application
		const done = applicationByKey(key, user.id);
		if (done) redirect(303, `/applications/${done.ref}?new=1`);
		const draft = readApplyDraft(event, flow.kind);
		if (!draft || draft.key !== key) redirect(303, `/apply/${flow.kind}`);
		const env = envFor(flow, event, draft.answers);
		const missingStep = firstUnanswered(flow, env, draft.answers);
		if (missingStep) redirect(303, `/apply/${flow.kind}/${missingStep}`);
		// the figures were shown for one day's date: after midnight they may differ, so show them again first
		if (flow.kind === 'unemployment' && form.get('asOf') !== env.today) return fail(409, { formError: 'err_figures_changed' });
		const declarations = flow.kind === 'unemployment' ? ['declareConduct', 'declareAble', 'declareTrue'] : ['declareTrue'];
		const missing = declarations.filter((d) => form.get(d) !== 'yes');
		if (missing.length) return fail(400, { errors: Object.fromEntries(missing.map((d) => [d, 'err_declare'])) });
		// submissions per account (section 40: the code that confirms it), against scripted floods
		const taken = take('application_submit', { userId: user.id });
		if (!taken.ok) return fail(429, { formError: tryAgainAt(taken.retryAt, event.locals.locale) });
		const args = { userId: user.id, nationalId: user.nationalId, key: draft.key, today: env.today, ip: event.locals.ip };
		if (flow.kind === 'section40') {
			// check before a code is texted: still eligible, not a pensioner, no slip already open
			const c = env.ctx as S40Context;
			if ((draft.answers as S40Answers).pensioner !== 'no') redirect(303, '/apply/section40?stop=pensioner');
			if (!c.eligibility.ok || c.pending) redirect(303, '/apply/section40');
			const r = await startChallenge({
				purpose: 'confirm',
				phone: registeredPhone(user.id),
				subject: user.nationalId,
				ip: event.locals.ip,
				locale: event.locals.locale
			});
			if (!r.ok && r.reason === 'rate_limited') return fail(429, { formError: r.error ?? tryAgainAt(r.retryAt, event.locals.locale) });
			const next: ApplyDraft = { ...draft, challengeId: r.challengeId, smsFailed: !r.ok, smsSending: r.ok && r.sending };
			saveDraft(event, flow.kind, next);
			redirect(303, '/apply/section40/code');
		}
		const r =
			flow.kind === 'unemployment'
				? submitUnemployment({ ...args, answers: draft.answers as UnemploymentAnswers })
				: submitHospitalChange({ ...args, answers: draft.answers as HospitalAnswers });
		if ('refused' in r) return fail(409, { formError: 'err_apply_refused' });
		if ('foreignKey' in r) redirect(303, `/apply/${flow.kind}`);
		clearDraft(event, flow.kind);
		redirect(303, `/applications/${r.app.ref}?new=1`);
	}
};
