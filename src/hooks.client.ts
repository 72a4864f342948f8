import type { ClientInit } from '@sveltejs/kit';
import { currentLocale } from '$lib/locale';
import { usePack } from 'virtual:prakan-locale-pick';

/**
 * A Burmese, Khmer or Lao reader's messages come as a pack of their own (scripts/lib/locale-packs.ts), loaded before the
 * page starts; a Thai or English reader loads nothing more. Without the pack (offline and never loaded) the page is in
 * English.
 */
export const init: ClientInit = async () => {
	const l = currentLocale();
	if (l !== 'th' && l !== 'en')
		usePack(
			l,
			await import('virtual:prakan-locale-loaders')
				.then((p) => p.load(l))
				.then(
					(p) => p?.default ?? {},
					() => ({})
				)
		);
};
