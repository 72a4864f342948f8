import * as m from '$lib/paraglide/messages';

/** Messages by name (`m.app_name()`), tree-shaken per page. A message the server picks (a form error, a notice) reaches the page as text (src/server/i18n.ts); a word from data is named by src/lib/labels.ts. */
export { m };

/** The languages of the app (project.inlang/settings.json). */
export type { Locale } from '$lib/paraglide/runtime';
