/**
 * What an application kind is. Each kind is one folder, src/server/applications/<kind>/, whose index.ts exports an
 * ApplicationKind (its questions, its start, check and detail pages' data, its submit, its scheduled decisions) and
 * whose lifecycle.ts says how its status moves; registry.ts and lifecycles.ts list them. The generic routes
 * (/apply/[kind]/…, /applications/[ref]) call only what is here, and the kind's own Svelte components
 * (src/lib/applications/<kind>/) draw what it returns.
 */
import type { MessageKey, Msg } from '$lib/validation/messages';
import type { Locale } from '$lib/i18n';
import type { ApplicationRow, CreateResult, Submission } from './store';
import type { Sent, Step, StepEnv } from './questions';
import type { SmsFlags } from '../web';

/** The signed-in citizen an application is for. */
export interface Citizen {
	userId: string;
	nationalId: string;
	ip: string | null;
	locale: Locale;
}

/** The application in progress: its answers and the key that makes its submit happen once. */
export interface Attempt<A> {
	key: string;
	answers: A;
}

/** What sending the check page did. */
export type Submitted =
	/** the application exists: its page, with the reference */
	| { ok: true; app: ApplicationRow; confirm?: undefined }
	/** one more page of the kind's own first (section 40: the SMS code), with what the draft keeps for it */
	| { ok: true; app?: undefined; confirm: { at: string; flags: SmsFlags } }
	/** the records say no now (the page says so and that nothing was sent) */
	| { ok: false; reason: 'refused' }
	/** back to the start page, which says why (`stop`: a reason a step ended the application with) */
	| { ok: false; reason: 'restart'; stop?: string }
	| { ok: false; reason: 'rate_limited'; error: Msg };

export interface ApplicationKind<A, C, StartView, CheckView, DetailView> {
	title: () => string;
	/** one line on the list of what can be applied for */
	card: () => string;
	/** what the rules need to know about the citizen, read for these answers */
	context: (nationalId: string, today: string, a: A) => Promise<C>;
	steps: Step<A, C>[];
	/** the reasons a step may end the application with, which the start page explains */
	stops?: readonly string[];
	/** the answers an application starts with when the start page's form is sent, or null when it may not start now */
	begin: (c: Citizen, today: string, form: Sent) => Promise<A | null>;
	/** whether a draft in progress was started the way these fresh answers are (pressing Start again continues it) */
	sameStart?: (draft: A, fresh: A) => boolean;
	/** the start page: who can apply, what is needed, or why not */
	start: (c: Citizen, today: string, draft: A | null, stop: string | null) => Promise<StartView>;
	/** what the check page shows beside the answers */
	check: (c: Citizen, e: StepEnv<C>, a: A) => Promise<CheckView>;
	/** the boxes the citizen ticks before sending */
	declarations: () => { name: string; label: string }[];
	submitLabel: () => string;
	/** a check page sent for what is no longer so (the figures of another day): the message, before anything else */
	stale?: (form: Sent, e: StepEnv<C>) => MessageKey | null;
	submit: (c: Citizen, e: StepEnv<C>, attempt: Attempt<A>) => Promise<Submitted>;
	/** what happens next, said once the application is sent */
	confirmNext: () => string;
	/** the application's page beyond its status and history */
	detail: (app: ApplicationRow, today: string, query: URLSearchParams) => Promise<DetailView>;
	/** the automatic decisions the hourly job makes: the references approved and expired */
	scheduled?: (today: string) => Promise<{ approved?: string[]; expired?: string[] }>;
}

/** A kind's definition, its answers and context named, its pages' data inferred: `defineKind<Answers, Context>()({ … })`. */
export const defineKind =
	<A, C>() =>
	<StartView, CheckView, DetailView>(k: ApplicationKind<A, C, StartView, CheckView, DetailView>) =>
		k;

/** The application as the kind's submit hands it to the store: this citizen, this attempt, today. */
export function submission<A>(c: Citizen, e: StepEnv<unknown>, attempt: Attempt<A>): Submission<A> {
	return { userId: c.userId, nationalId: c.nationalId, key: attempt.key, answers: attempt.answers, today: e.today, ip: c.ip };
}

/** What the check page does with the store's answer: the application, the refusal it explains, or the start again. */
export function submitted<R>(r: CreateResult<R>): Submitted {
	if (r.ok) return { ok: true, app: r.app };
	return r.reason === 'refused' ? { ok: false, reason: 'refused' } : { ok: false, reason: 'restart' };
}
