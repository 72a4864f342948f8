/** Glue between the apply routes and the kinds: the kind in the URL, the citizen, and the draft of the application in progress. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDraft, saveDraft } from '../web';
import { requireCitizen } from '../guard';
import { isProved, type ProvedAction } from '$lib/rules/assurance';
import { generateToken } from '../auth/tokens';
import { today } from '../clock';
import type { Kind } from '$lib/vocabulary';
import { KINDS, isKind, type KindTypes } from './registry';
import type { Citizen } from './kind';
import type { Sent, StepEnv } from './questions';
import type { SmsFlags } from '../web';

export interface ApplyDraft<A> extends SmsFlags {
	userId: string;
	/** idempotency key of this attempt */
	key: string;
	answers: A;
}

type Ev = Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'params' | 'route'>;
type Answers<K extends Kind> = KindTypes[K]['answers'];

/** The kind named in the URL; any other word is a page that does not exist. */
export function kindOf(param: string | undefined): Kind {
	if (!isKind(param)) error(404, 'Not found');
	return param;
}

/** The signed-in citizen (or the log-in page). */
export function citizenOf(event: Ev): Citizen {
	const { user } = requireCitizen(event);
	return { userId: user.id, nationalId: user.nationalId, ip: event.locals.ip, locale: event.locals.locale };
}

export async function readApplyDraft<K extends Kind>(event: Ev, kind: K): Promise<ApplyDraft<Answers<K>> | null> {
	const d = await getDraft<ApplyDraft<Answers<K>>>(event, kind);
	return d && d.userId === requireCitizen(event).user.id ? d : null;
}

/** The draft or, when there is none (expired, another account), back to the start page. */
export async function requireApplyDraft<K extends Kind>(event: Ev, kind: K): Promise<ApplyDraft<Answers<K>>> {
	const d = await readApplyDraft(event, kind);
	if (!d) redirect(303, `/apply/${kind}`);
	return d;
}

export async function startApplyDraft<K extends Kind>(event: Ev, kind: K, answers: Answers<K>): Promise<ApplyDraft<Answers<K>>> {
	const d: ApplyDraft<Answers<K>> = { userId: requireCitizen(event).user.id, key: generateToken(), answers };
	await saveDraft(event, kind, d);
	return d;
}

/** The form as sent, every value a string (what the question types read). */
export async function sentForm(request: Request): Promise<Sent> {
	return Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
}

/** What a kind's questions are asked with: its context for these answers, today, the citizen's language. */
export async function envFor<K extends Kind>(kind: K, c: Citizen, answers: Answers<K>): Promise<StepEnv<KindTypes[K]['context']>> {
	const t = today();
	return { ctx: await KINDS[kind].context(c.nationalId, t, answers), today: t, locale: c.locale };
}

/**
 * Where a citizen goes before answering `step` when it needs the higher level of identity proof they do not hold: the
 * page that says how to prove it, and back to the step after. Null when they may go on.
 */
export function proofFirst(event: Ev, kind: Kind, step: { id: string; proof?: ProvedAction } | null): string | null {
	if (!step?.proof || isProved(requireCitizen(event).user.assurance)) return null;
	return `/profile/prove?for=${step.proof}&then=${encodeURIComponent(`/apply/${kind}/${step.id}`)}`;
}
