/**
 * Messages the server hands to a page by key (form errors, notices) become text here, in the language of the request
 * being served (paraglide's middleware in hooks.server.ts sets it), so no page ships a table of messages to look them up.
 */
import { fail as kitFail } from '@sveltejs/kit';
import * as messages from '$lib/paraglide/messages';
import type { FieldErrors, MessageKey, Msg } from '$lib/validation/messages';

type Params = Record<string, string | number>;
const table = messages as unknown as Record<MessageKey, (params?: Params) => string>;

/** A message key, or a key with its parameters, as text in the citizen's language. */
export function say(msg: Msg): string {
	return typeof msg === 'string' ? table[msg]() : table[msg.key](msg.params);
}

/** Each field's error in words. */
export function sayErrors<E extends FieldErrors>(errors: E): { [F in keyof E]: Text<E[F]> } {
	return Object.fromEntries(Object.entries(errors).map(([name, msg]) => [name, msg === undefined ? msg : say(msg)])) as { [F in keyof E]: Text<E[F]> };
}

/**
 * The notice a page shows after a redirect, named by its query string (`?loggedOut`, `?ended=idle`): the message of the
 * first entry of `notices` whose parameter is there (`name`) or has that value (`name=value`), in words; null if none.
 */
export function noticeFrom(params: URLSearchParams, notices: Record<string, MessageKey>): string | null {
	for (const [when, key] of Object.entries(notices)) {
		const [name, value] = when.split('=') as [string, string | undefined];
		if (value === undefined ? params.has(name) : params.get(name) === value) return say(key);
	}
	return null;
}

/** The fields of a form result that carry messages; every other field (the values typed, flags) is left as it is. */
const MESSAGE_FIELDS = ['error', 'formError', 'resendWait', 'notice', 'devicesNotice'] as const;
type MessageField = (typeof MESSAGE_FIELDS)[number];

type Text<V> = V extends Msg ? string : V;
/** A form result as the page gets it: its messages as text. */
export type Said<T> = {
	[K in keyof T]: K extends MessageField ? Text<T[K]> : K extends 'errors' ? { [F in keyof T[K]]: Text<T[K][F]> } : T[K];
};

const isMsg = (value: unknown): value is Msg =>
	(typeof value === 'string' && value in table) || (typeof value === 'object' && value !== null && 'key' in value && 'params' in value);

/** A form result whose message fields hold message keys: a misspelt key does not compile. */
type Saying = Record<string, unknown> & { [K in MessageField]?: Msg } & { errors?: FieldErrors };

/** Every message of a form result (see MESSAGE_FIELDS, and each message of `errors`) as text. */
export function said<T extends Saying>(data: T): Said<T> {
	const out: Record<string, unknown> = { ...data };
	for (const field of MESSAGE_FIELDS) if (isMsg(out[field])) out[field] = say(out[field]);
	if (data.errors) out.errors = sayErrors(data.errors);
	return out as Said<T>;
}

/** SvelteKit's `fail`, with the result's messages as text in the citizen's language (see `said`). */
export function fail<T extends Saying>(status: number, data: T) {
	return kitFail(status, said(data));
}
