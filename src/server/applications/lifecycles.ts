/**
 * Every kind's lifecycle, listed: what the shared store needs to move any application (its transitions, what stops
 * a move, what a move does). Kept apart from registry.ts because the kinds' own modules use the store.
 */
import type { Kind } from '$lib/vocabulary';
import type { Lifecycle } from './store';
import { section40Lifecycle } from './section40/lifecycle';
import { unemploymentLifecycle } from './unemployment/lifecycle';
import { hospitalLifecycle } from './hospital/lifecycle';

export const LIFECYCLES: Record<Kind, Lifecycle> = {
	section40: section40Lifecycle,
	unemployment: unemploymentLifecycle,
	hospital: hospitalLifecycle
};
