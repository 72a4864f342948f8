/**
 * Every application kind, listed: the one place that names them. A fourth kind is one more folder beside these and
 * one more line here (and in lifecycles.ts); the compiler asks for both through the Kind list in $lib/vocabulary.
 */
import type { Kind } from '$lib/vocabulary';
import type { ApplicationKind } from './kind';
import { section40 } from './section40';
import { unemployment } from './unemployment';
import { hospital } from './hospital';

const kinds = { section40, unemployment, hospital };

/** Each kind's own types, by kind: its answers, context and the data of its start, check and detail pages. */
export type KindTypes = {
	[K in Kind]: (typeof kinds)[K] extends ApplicationKind<infer A, infer C, infer S, infer CV, infer DV>
		? { answers: A; context: C; start: S; check: CV; detail: DV }
		: never;
};

/** Typed as a map over Kind, so code generic in the kind keeps each kind's answers with its own steps. */
export const KINDS: {
	[K in Kind]: ApplicationKind<KindTypes[K]['answers'], KindTypes[K]['context'], KindTypes[K]['start'], KindTypes[K]['check'], KindTypes[K]['detail']>;
} = kinds;

export function isKind(s: string | undefined): s is Kind {
	return !!s && Object.hasOwn(KINDS, s);
}

/** The automatic decisions, run hourly by the server and on demand by the CLI. */
export async function runScheduledDecisions(today: string): Promise<{ approved: string[]; expired: string[] }> {
	const all: { approved?: string[]; expired?: string[] }[] = [];
	// one kind after another: each decision is its own transaction
	for (const k of Object.values(KINDS)) all.push((await k.scheduled?.(today)) ?? {});
	return { approved: all.flatMap((r) => r.approved ?? []), expired: all.flatMap((r) => r.expired ?? []) };
}
