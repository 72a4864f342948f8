import type { SubmitFunction } from '@sveltejs/kit';

/** Dispatched on window when a form's request never reached the server; the root layout says so (nothing is queued). */
export const UNSENT_EVENT = 'prakan:unsent';

/**
 * use:enhance for question pages: after a failed submit keep what was typed (like the page does without
 * JavaScript), except passwords, and report when the request is in flight so the button can be disabled.
 */
export function keepAnswers(busy?: (inFlight: boolean) => void): SubmitFunction {
	return ({ formElement }) => {
		busy?.(true);
		return async ({ result, update }) => {
			// the network failed (no status at all): stay on the page with the answers and say it was not sent
			if (result.type === 'error' && result.status === undefined) {
				busy?.(false);
				window.dispatchEvent(new Event(UNSENT_EVENT));
				return;
			}
			await update({ reset: false });
			formElement.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((i) => (i.value = ''));
			busy?.(false);
		};
	};
}
