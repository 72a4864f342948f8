import type { SubmitFunction } from '@sveltejs/kit';

/**
 * use:enhance for question pages: after a failed submit keep what was typed (like the page does without
 * JavaScript), except passwords, and report when the request is in flight so the button can be disabled.
 */
export function keepAnswers(busy?: (inFlight: boolean) => void): SubmitFunction {
	return ({ formElement }) => {
		busy?.(true);
		return async ({ update }) => {
			await update({ reset: false });
			formElement.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((i) => (i.value = ''));
			busy?.(false);
		};
	};
}
