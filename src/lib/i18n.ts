import * as m from '$lib/paraglide/messages';
import { isLocale, locales, type Locale } from '$lib/paraglide/runtime';

export { currentLocale, chooseLocaleHere } from '$lib/locale';

/** Messages by name (`m.app_name()`), tree-shaken per page. A message the server picks (a form error, a notice) reaches the page as text (src/server/i18n.ts); a word from data is named by src/lib/labels.ts. */
export { m };

/** The languages of the app (project.inlang/settings.json): Thai first, English, then the languages of the foreign workers most insured under section 33 (Burmese, Khmer, Lao), whose texts the browser loads only for their readers (scripts/lib/locale-packs.ts). */
export type { Locale };
export const LOCALES: readonly Locale[] = locales;

/** Each language in its own script, as the language chooser shows it. */
export const LANGUAGES: Record<Locale, string> = { th: 'ไทย', en: 'English', my: 'မြန်မာ', km: 'ខ្មែរ', lo: 'ລາວ' };

/** A language the app has, else Thai. */
export const localeOr = (v: unknown): Locale => (isLocale(v) ? v : 'th');
