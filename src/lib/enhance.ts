import type { ActionResult, SubmitFunction } from '@sveltejs/kit';

/** Dispatched on window when a form's request never reached the server; the root layout says so (nothing is queued). */
export const UNSENT_EVENT = 'prakan:unsent';

/** The request never reached the server (no status at all): stay on the page and say it was not sent. */
function notSent(result: ActionResult): boolean {
	if (result.type !== 'error' || result.status !== undefined) return false;
	window.dispatchEvent(new Event(UNSENT_EVENT));
	return true;
}

/**
 * use:enhance for question pages: after a failed submit keep what was typed (like the page does without
 * JavaScript), except passwords, and report when the request is in flight so the button can be disabled.
 */
export function keepAnswers(busy?: (inFlight: boolean) => void): SubmitFunction {
	return ({ formElement }) => {
		busy?.(true);
		return async ({ result, update }) => {
			if (!notSent(result)) {
				await update({ reset: false });
				formElement.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((i) => (i.value = ''));
			}
			busy?.(false);
		};
	};
}

/** use:enhance as SvelteKit does it (the form is reset after a submit), except that a request lost on the way is reported. */
export function sendOrSay(busy?: (inFlight: boolean) => void): SubmitFunction {
	return () => {
		busy?.(true);
		return async ({ result, update }) => {
			if (!notSent(result)) await update();
			busy?.(false);
		};
	};
}
