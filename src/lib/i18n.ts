import * as m from '$lib/paraglide/messages';

/** Messages by name (`m.app_name()`), tree-shaken per page. For a key that comes from data or a form result, use `tr` from $lib/tr. */
export { m };
