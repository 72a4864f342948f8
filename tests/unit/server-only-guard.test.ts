/**
 * The server boundary has one guard: the Vite plugin in scripts/lib/server-only-guard.ts fails a client build that loads
 * src/server or a server-only package. These builds use the plugin on a small project of their own, the way the app's
 * build does, and the last test checks that the app's Vite config has it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { serverOnlyGuard } from '../../scripts/lib/server-only-guard';

let root: string;

function write(rel: string, text: string) {
	fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
	fs.writeFileSync(path.join(root, rel), text);
}

beforeAll(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-'));
	write('src/server/db.ts', "export const secret = 'database';\n");
	write('src/lib/shared.ts', 'export const double = (n: number) => n * 2;\n');
	write('src/lib/leaky.ts', "export { secret } from '../server/db';\n");
	write('node_modules/twilio/package.json', JSON.stringify({ name: 'twilio', version: '0.0.0', main: 'index.js' }));
	write('node_modules/twilio/index.js', 'export default function twilio() {}\n');
	write('clean.ts', "import { double } from './src/lib/shared';\nconsole.log(double(2));\n");
	write('direct.ts', "import { secret } from './src/server/db';\nconsole.log(secret);\n");
	write('indirect.ts', "import { secret } from './src/lib/leaky';\nconsole.log(secret);\n");
	write('dynamic.ts', "import('./src/server/db').then((m) => console.log(m.secret));\n");
	write('package.ts', "import twilio from 'twilio';\nconsole.log(twilio);\n");
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function buildOf(entry: string, ssr = false) {
	return build({
		configFile: false,
		logLevel: 'silent',
		root,
		plugins: [serverOnlyGuard(path.join(root, 'src/server'))],
		build: { write: false, ssr: ssr ? path.join(root, entry) : false, rollupOptions: { input: path.join(root, entry) } }
	});
}

describe('the server-only guard', () => {
	it('lets a client build through that uses only shared code', async () => {
		await expect(buildOf('clean.ts')).resolves.toBeTruthy();
	});

	it.each(['direct.ts', 'indirect.ts', 'dynamic.ts'])('fails the client build of %s, which reaches src/server, naming the file', async (entry) => {
		await expect(buildOf(entry)).rejects.toThrow(/Browser code imports server-only module .*src\/server\/db\.ts/);
	});

	it('fails the client build that loads a server-only package', async () => {
		await expect(buildOf('package.ts')).rejects.toThrow(/server-only module .*node_modules\/twilio/);
	});

	it('leaves the server build alone', async () => {
		await expect(buildOf('direct.ts', true)).resolves.toBeTruthy();
	});

	it('is in the app’s Vite config', async () => {
		const config = (await import('../../vite.config')).default as { plugins: unknown[] };
		const names = config.plugins.flat(3).map((p) => (p && typeof p === 'object' && 'name' in p ? String(p.name) : ''));
		expect(names).toContain('prakan:server-only-guard');
	});
});
