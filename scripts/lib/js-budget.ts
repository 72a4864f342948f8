/**
 * How much JavaScript a page makes the browser download, from the build alone: the scripts SvelteKit loads for a route
 * (its client entry, then each layout's and the page's own modules with everything they import), each gzip-compressed as
 * the server sends it. Sizes, not timings: the same build always gives the same numbers, so the budgets can be a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

export const KB = 1024;

/** The key pages and what their JavaScript may weigh, gzipped (docs/PERFORMANCE.md). */
export const JS_BUDGETS: { route: string; name: string; bytes: number }[] = [
	{ route: '/', name: 'Landing', bytes: 50 * KB },
	{ route: '/login', name: 'Login', bytes: 60 * KB },
	{ route: '/register/details', name: 'Registration step 2', bytes: 100 * KB },
	{ route: '/(app)/dashboard', name: 'Dashboard', bytes: 100 * KB }
];

interface Route {
	id: string;
	page: { layouts: (number | undefined)[]; leaf: number } | null;
}
/** What is read of the build's manifest-full.js: the client entry's scripts and the routes with their nodes. */
interface Manifest {
	_: { client: { imports: string[] }; routes: Route[] };
}

export interface PageScripts {
	route: string;
	files: { file: string; gzipBytes: number }[];
	gzipBytes: number;
}

/** The modules a server node lists for the browser (`export const imports = [...]` in .svelte-kit/output/server/nodes/N.js). */
function nodeImports(serverDir: string, index: number): string[] {
	const text = fs.readFileSync(path.join(serverDir, 'nodes', `${index}.js`), 'utf8');
	const list = /export const imports = (\[[^\]]*\]);/.exec(text);
	if (!list) throw new Error(`no client imports in the build's node ${index}`);
	return JSON.parse(list[1]!) as string[];
}

const gzipSize = new Map<string, number>();
function gzipBytes(file: string): number {
	let size = gzipSize.get(file);
	if (size === undefined) {
		size = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
		gzipSize.set(file, size);
	}
	return size;
}

/** Every page route of the build with the scripts it loads; `outDir` is SvelteKit's output (`npm run build` makes it). */
export async function pageScripts(outDir = '.svelte-kit/output'): Promise<PageScripts[]> {
	const serverDir = path.resolve(outDir, 'server');
	const clientDir = path.resolve(outDir, 'client');
	// the manifest module only declares lazy imports of the nodes, so loading it runs no app code
	const { manifest } = (await import(pathToFileURL(path.join(serverDir, 'manifest-full.js')).href)) as { manifest: Manifest };
	return manifest._.routes
		.filter((r) => r.page)
		.map((r) => {
			const nodes = [...r.page!.layouts.filter((n): n is number => n !== undefined), r.page!.leaf];
			const names = [...new Set([...manifest._.client.imports, ...nodes.flatMap((n) => nodeImports(serverDir, n))])];
			const files = names.map((file) => ({ file, gzipBytes: gzipBytes(path.join(clientDir, file)) }));
			return { route: r.id, files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
		});
}
