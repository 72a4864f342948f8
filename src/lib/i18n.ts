import * as m from '$lib/paraglide/messages';
import type { Msg } from '$lib/validation/forms';

type MessageFn = (params?: Record<string, unknown>) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** A message key (or key + parameters) from a form result → text in the current language. */
export function tr(msg: Msg | undefined | null): string {
	if (!msg) return '';
	const key = typeof msg === 'string' ? msg : msg.key;
	const fn = messages[key];
	if (!fn) return key;
	return typeof msg === 'string' ? fn() : fn(msg.params);
}

export { m };
