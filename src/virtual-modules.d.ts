// The build's own modules (scripts/lib/locale-packs.ts): the languages that come as packs.
declare module 'virtual:prakan-locale-pick' {
	/** Makes a pack (a message's id to its text) the text of the languages that are not carried. */
	export function usePack(pack: Record<number, unknown>): void;
}
declare module 'virtual:prakan-locale-loaders' {
	/** A language's pack, or nothing for a language that has none. */
	export function load(locale: string): Promise<{ default: Record<number, unknown> }> | undefined;
}
