/**
 * What the service worker precaches: the app shell the /offline page needs, not every page's code. The list is read from
 * the build itself: the prerendered offline.html's scripts, styles and fonts, and what those files import in turn
 * (route code under nodes/ only where offline.html names it), plus the icons, the manifest and the offline page's data.
 * Everything else loads from the network as usual (and from the HTTP cache, where hashed files are immutable).
 * A first visit on a phone thus downloads the shell once, not the whole application.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ManifestTransform } from 'workbox-build';
import { PACK_MODULE } from './lib/locale-packs';

const PACKED_FONTS = /noto-sans-(myanmar|khmer|lao)-/;

/**
 * The Burmese, Khmer and Lao packs (scripts/lib/locale-packs.ts) and their styles, from the client build's manifest: only
 * their readers' browsers load them (and the service worker keeps them then, src/service-worker.ts), so they are no
 * part of the shell every visitor downloads.
 */
function languagePacks(outDir: string): Set<string> {
	const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'client/.vite/manifest.json'), 'utf8')) as Record<string, { file: string; css?: string[] }>;
	return new Set(Object.entries(manifest).flatMap(([id, chunk]) => (id.startsWith(PACK_MODULE) ? [chunk.file, ...(chunk.css ?? [])] : [])));
}

/** Paths under client/ (like `_app/immutable/chunks/x.js`) that the offline page needs. */
export function offlineShell(outDir: string): Set<string> {
	const html = fs.readFileSync(path.join(outDir, 'prerendered/pages/offline.html'), 'utf8');
	const keep = new Set<string>();
	const packs = languagePacks(outDir);
	const queue = [...html.matchAll(/"\/(_app\/[^"]+)"/g)].map((m) => m[1]!);
	while (queue.length) {
		const file = queue.pop()!;
		if (keep.has(file)) continue;
		keep.add(file);
		if (!/\.(js|css)$/.test(file)) continue;
		const text = fs.readFileSync(path.join(outDir, 'client', file), 'utf8');
		// JS: its relative imports (app.js's absolute preload lists name every page's dependencies: not followed);
		// CSS: the fonts in its url()s
		const refs = file.endsWith('.css')
			? [...text.matchAll(/url\(\/?(_app\/[^)]+?\.woff2)\)/g)].map((m) => m[1]!)
			: [...text.matchAll(/["'`](\.{1,2}\/[^"'`]+?\.(?:js|css))["'`]/g)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)));
		for (const ref of refs) {
			// another page's code is not part of the shell (app.js can load every page); nor are the languages that come
			// as packs, their texts or their fonts (src/lib/fonts.css names the fonts for the language chooser)
			if (ref.includes('/nodes/') || PACKED_FONTS.test(ref) || packs.has(ref)) continue;
			queue.push(ref);
		}
	}
	return keep;
}

/** Workbox manifest transform: URLs as the server serves them, and only the shell of the build's JS, CSS and fonts. */
export function shellOnly(outDir: string): ManifestTransform {
	return async (entries) => {
		const keep = offlineShell(outDir);
		const manifest = entries.flatMap((e) => {
			let url = e.url;
			if (url.startsWith('client/')) url = url.slice('client/'.length);
			else if (url.startsWith('prerendered/pages/')) url = url.slice('prerendered/pages/'.length);
			else if (url.startsWith('prerendered/dependencies/')) url = url.slice('prerendered/dependencies/'.length);
			if (url.endsWith('.html')) url = url.slice(0, -'.html'.length);
			return !url.startsWith('_app/') || keep.has(url) ? [{ ...e, url }] : [];
		});
		return { manifest, warnings: [] };
	};
}
