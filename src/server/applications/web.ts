/** Glue between the apply routes and the flows: the draft of the application in progress, tied to its citizen. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDraft, saveDraft } from '../web';
import { requireCitizen } from '../guard';
import { generateToken } from '../auth/tokens';
import { today } from '../clock';
import { FLOWS, stepsFor, type FlowDef, type StepEnv } from './flows';
import type { SmsFlags } from '../web';
import type { Kind } from './store';

export interface ApplyDraft<A = Record<string, unknown>> extends SmsFlags {
	userId: string;
	/** idempotency key of this attempt */
	key: string;
	answers: A;
}

type Ev = Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'params' | 'route'>;

export function flowOf(kindParam: string | undefined): FlowDef<Record<string, unknown>, unknown> {
	const flow = kindParam ? FLOWS[kindParam] : undefined;
	if (!flow) error(404, 'Not found');
	return flow;
}

export function readApplyDraft(event: Ev, kind: Kind): ApplyDraft | null {
	const d = getDraft<ApplyDraft>(event, kind);
	return d && d.userId === requireCitizen(event).user.id ? d : null;
}

/** The draft or, when there is none (expired, another account), back to the start page. */
export function requireApplyDraft(event: Ev, kind: Kind): ApplyDraft {
	const d = readApplyDraft(event, kind);
	if (!d) redirect(303, `/apply/${kind}`);
	return d;
}

export function startApplyDraft(event: Ev, kind: Kind, answers: Record<string, unknown> = {}): ApplyDraft {
	const d: ApplyDraft = { userId: requireCitizen(event).user.id, key: generateToken(), answers };
	saveDraft(event, kind, d);
	return d;
}

export function envFor<C>(flow: FlowDef<Record<string, unknown>, C>, event: Ev, answers: Record<string, unknown>): StepEnv<C> {
	const t = today();
	return { ctx: flow.context(requireCitizen(event).user.nationalId, t, answers), today: t, locale: event.locals.locale };
}

/** The first applicable step whose answer is missing, or null when every question is answered. */
export function firstUnanswered<C>(flow: FlowDef<Record<string, unknown>, C>, env: StepEnv<C>, answers: Record<string, unknown>): string | null {
	for (const s of stepsFor(flow, answers)) {
		const rows = s.summary(answers, env);
		if (rows.length === 0 || rows.some((r) => !r.value)) return s.id;
	}
	return null;
}
