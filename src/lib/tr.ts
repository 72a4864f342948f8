import { DYNAMIC_MESSAGES } from '$lib/i18n-dynamic';
import type { Msg } from '$lib/validation/forms';

/**
 * A message key (or key + parameters) from a form result or from data → text in the current language.
 * Only the keys in DYNAMIC_MESSAGES can be looked up this way: a page that imports `m` alone ships just the messages it
 * names, and one that imports `tr` adds this table (errors, notices, kinds), not every message of the app.
 */
export function tr(msg: Msg | undefined | null): string {
	if (!msg) return '';
	const key = typeof msg === 'string' ? msg : msg.key;
	const fn = DYNAMIC_MESSAGES[key];
	if (!fn) return key;
	return typeof msg === 'string' ? fn() : fn(msg.params);
}
