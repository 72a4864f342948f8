import { redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { flowOf, readApplyDraft, startApplyDraft, envFor, firstUnanswered } from '$server/applications/web';
import { stepsFor } from '$server/applications/flows';
import { daysToRegistrationLine, type UnemploymentContext } from '$server/applications/unemployment';
import { registrationDeadline } from '$lib/rules/workdays';
import type { S40Context } from '$server/applications/section40';
import { canDeclareMove, type HospitalContext } from '$server/applications/hospital';
import { hospitalChangeWindow } from '$lib/rules/medical';
import { requireCitizen } from '$server/guard';

/** The start page of an application: who can apply, what you need, and (when you cannot) why. */
export const load: PageServerLoad = (event) => {
	const { user } = requireCitizen(event);
	const flow = flowOf(event.params.kind);
	const draft = readApplyDraft(event, flow.kind);
	const env = envFor(flow, event, draft?.answers ?? {});
	const resume = draft ? (firstUnanswered(flow, env, draft.answers) ?? 'check') : null;
	const stop = event.url.searchParams.get('stop');
	const base = { kind: flow.kind, resume, stop: stop === 'pensioner' ? stop : null, today: env.today };
	if (flow.kind === 'section40') {
		const c = env.ctx as S40Context;
		return { ...base, s40: { eligibility: c.eligibility, pending: c.pending?.ref ?? null } };
	}
	if (flow.kind === 'unemployment') {
		const c = env.ctx as UnemploymentContext;
		const lwd = c.prefill.lastWorkingDay;
		return {
			...base,
			une: {
				blocked: c.blocked,
				pending: c.pending?.ref ?? null,
				employer: c.prefill.employer,
				lastWorkingDay: lwd || null,
				daysLeft: lwd ? daysToRegistrationLine(lwd, env.today) : null,
				// 30 days after the last working day, moved past a weekend or holiday
				registrationUntil: lwd ? registrationDeadline(lwd) : null
			}
		};
	}
	// whether the normal change is open (a draft after a declared move was read with the move)
	const c = (draft?.answers.moved ? flow.context(user.nationalId, env.today, {}) : env.ctx) as HospitalContext;
	return {
		...base,
		hos: {
			allowed: c.allowed,
			current: c.current,
			workProvince: c.workProvince,
			pending: c.pending?.ref ?? null,
			window: hospitalChangeWindow(env.today),
			canDeclareMove: canDeclareMove(c.allowed)
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireCitizen(event);
		const flow = flowOf(event.params.kind);
		const form = await event.request.formData();
		const moved = flow.kind === 'hospital' && form.get('moved') === 'yes';
		if (moved && !canDeclareMove((envFor(flow, event, {}).ctx as HospitalContext).allowed)) return fail(409, { refused: true });
		const answers = moved ? { moved: true } : {};
		const env = envFor(flow, event, answers);
		const ctx = env.ctx as { eligibility?: { ok: boolean }; blocked?: string | null; allowed?: { ok: boolean }; pending?: unknown };
		if (ctx.pending || ctx.eligibility?.ok === false || ctx.blocked || ctx.allowed?.ok === false) return fail(409, { refused: true });
		// pressing Start again continues the application in progress instead of wiping it
		const existing = readApplyDraft(event, flow.kind);
		if (existing && !!existing.answers.moved === moved) redirect(303, `/apply/${flow.kind}/${firstUnanswered(flow, env, existing.answers) ?? 'check'}`);
		startApplyDraft(event, flow.kind, answers);
		redirect(303, `/apply/${flow.kind}/${stepsFor(flow, answers)[0]!.id}`);
	}
};
