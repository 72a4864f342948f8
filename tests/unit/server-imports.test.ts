/**
 * src/server is server-only. Three guards: ESLint (no-restricted-imports), the Vite plugin in vite.config.ts
 * (fails a client build that loads src/server), and this test, which walks every browser-reachable file's imports.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve('src');
const SERVER = path.join(ROOT, 'server');

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Files that can end up in the browser: src/lib (but tests and generated code aside) and universal route files. */
function browserFiles(): string[] {
	const lib = walk(path.join(ROOT, 'lib')).filter(
		(f) => /\.(ts|js|svelte)$/.test(f) && !f.endsWith('.test.ts') && !f.includes(`${path.sep}paraglide${path.sep}`)
	);
	const routes = walk(path.join(ROOT, 'routes')).filter((f) => /\.svelte$|\+(page|layout)\.ts$/.test(f));
	return [...lib, ...routes, path.join(ROOT, 'hooks.client.ts')].filter((f) => fs.existsSync(f));
}

function resolveImport(from: string, spec: string): string | null {
	if (spec.startsWith('$server')) return path.join(SERVER, spec.slice('$server'.length));
	if (spec.startsWith('$lib')) return path.join(ROOT, 'lib', spec.slice('$lib'.length));
	if (spec.startsWith('.')) return path.resolve(path.dirname(from), spec);
	return null;
}

describe('browser code never imports src/server', () => {
	const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
	it.each(browserFiles().map((f) => [path.relative(process.cwd(), f), f]))('%s', (_name, file) => {
		const src = fs.readFileSync(file, 'utf8');
		const bad: string[] = [];
		for (const m of src.matchAll(importRe)) {
			const spec = m[1] ?? m[2] ?? m[3]!;
			const target = resolveImport(file, spec);
			if (target && (target === SERVER || target.startsWith(SERVER + path.sep))) bad.push(spec);
			if (['better-sqlite3', 'twilio', '@node-rs/argon2'].includes(spec) || spec.startsWith('drizzle-orm')) bad.push(spec);
		}
		expect(bad).toEqual([]);
	});

	it('resolves the ways code can reach src/server', () => {
		const from = path.join(ROOT, 'lib', 'card', 'reader.ts');
		const specs = [...`import { db } from '$server/db';\nimport x from '../../server/config';\nconst y = import('$server/sms');`.matchAll(importRe)].map(
			(m) => m[1] ?? m[2] ?? m[3]!
		);
		expect(specs.map((s) => resolveImport(from, s))).toEqual([path.join(SERVER, 'db'), path.join(SERVER, 'config'), path.join(SERVER, 'sms')]);
	});
});
