/**
 * The page the service worker shows for any page load without a network. Built once at build time and precached; it
 * holds no personal data itself: in the browser it reads the device's own copy (IndexedDB) and renders it in the
 * language of the browser's cookie, so there is no server render.
 */
export const prerender = true;
export const ssr = false;
