/**
 * Messages by key: what validation and the server's services say, before the server puts it into the citizen's
 * language (src/server/i18n.ts). Keys are checked by the compiler against messages/{th,en}.json.
 */
import type * as messages from '$lib/paraglide/messages';

/** The name of a message in messages/{th,en}.json: a misspelt key does not compile. */
export type MessageKey = Exclude<keyof typeof messages, 'm'>;

/** A message key as a valibot message: checked here, handed on by `parseForm` as the field's error. */
export const messageKey = (k: MessageKey): MessageKey => k;

/** A message key, or a key with parameters for messages like "{left} tries left". */
export type Msg = MessageKey | { key: MessageKey; params: Record<string, string | number> };
export type FieldErrors = Partial<Record<string, Msg>>;
/** Field errors as a page gets them: in the citizen's language already (the server's `fail` turns them into text). */
export type ErrorTexts = Partial<Record<string, string>>;
