import path from 'node:path';
import type { Plugin } from 'vite';

/** Packages that hold the database, the SMS account or the password hasher: never part of a page. */
export const SERVER_ONLY_PACKAGES = ['better-sqlite3', 'pg', 'twilio', '@node-rs/argon2', 'drizzle-orm', 'bwip-js', 'web-push', 'pino'];

/**
 * The one guard of the server boundary. Browser code must never reach src/server (db, secrets, SMS) nor a server-only
 * package; SvelteKit guards $lib/server only, and the product's layout keeps server code in src/server. So any client
 * build that loads such a module fails, naming the file, the way SvelteKit's own check does. The server build (ssr) is
 * not touched.
 */
export function serverOnlyGuard(serverDir = path.resolve('src/server')): Plugin {
	const dir = serverDir + path.sep;
	const packages = SERVER_ONLY_PACKAGES.map((p) => `${path.sep}node_modules${path.sep}${p.split('/').join(path.sep)}${path.sep}`);
	return {
		name: 'prakan:server-only-guard',
		enforce: 'pre',
		load(id, options) {
			if (options?.ssr) return null;
			const file = path.normalize(id.split('?')[0] ?? id);
			if (file.startsWith(dir) || packages.some((p) => file.includes(p))) {
				this.error(
					`Browser code imports server-only module ${path.relative(process.cwd(), file)}. ` +
						'Move the shared part to src/lib, or load the data in a +page.server.ts.'
				);
			}
			return null;
		}
	};
}
