// The build's own modules (scripts/lib/locale-packs.ts): the languages that come as packs.
declare module 'virtual:prakan-locale-pick' {
	/** Makes a language's pack (a message's id to its text) the texts of that language. */
	export function usePack(locale: string, pack: Record<number, unknown>): void;
}
declare module 'virtual:prakan-locale-loaders' {
	/** A language's pack, or nothing for a language that has none. */
	export function load(locale: string): Promise<{ default: Record<number, unknown> }> | undefined;
}
