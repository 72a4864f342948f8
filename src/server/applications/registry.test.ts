import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_KINDS, APPLICATION_STATUSES } from '$lib/vocabulary';
import { KINDS } from './registry';
import { LIFECYCLES } from './lifecycles';

describe('the application kinds', () => {
	it('each kind of the vocabulary has its definition and its lifecycle, and nothing else is listed', () => {
		expect(Object.keys(KINDS).sort()).toEqual([...APPLICATION_KINDS].sort());
		expect(Object.keys(LIFECYCLES).sort()).toEqual([...APPLICATION_KINDS].sort());
	});

	it('a lifecycle moves between real statuses, and every status it calls open can be reached from submitted', () => {
		for (const [kind, life] of Object.entries(LIFECYCLES)) {
			const moves = Object.entries(life.transitions).flatMap(([from, tos]) => (tos ?? []).map((to) => [from, to] as const));
			for (const [from, to] of moves) expect(APPLICATION_STATUSES, kind).toEqual(expect.arrayContaining([from, to]));
			const reached = new Set<string>(['submitted']);
			for (let size = 0; size !== reached.size;) {
				size = reached.size;
				for (const [from, to] of moves) if (reached.has(from)) reached.add(to);
			}
			for (const s of life.open) expect(reached.has(s), `${kind}: ${s}`).toBe(true);
			expect(life.open, kind).toContain('submitted');
		}
	});

	it('each kind asks at least one question per step, under step names that are unique and fit a URL', () => {
		for (const [kind, k] of Object.entries(KINDS)) {
			const ids = k.steps.map((s) => s.id);
			expect(new Set(ids).size, kind).toBe(ids.length);
			for (const s of k.steps) {
				expect(s.id, kind).toMatch(/^[a-z][a-z0-9-]*$/);
				expect(s.id, kind).not.toBe('check');
				expect(s.questions.length, `${kind}/${s.id}`).toBeGreaterThan(0);
			}
		}
	});

	it('the generic pages name no kind: what differs lives in the kinds’ folders', () => {
		const root = path.resolve(import.meta.dirname, '../../routes/(app)');
		const files = [
			...fs.readdirSync(path.join(root, 'apply/[kind]'), { recursive: true, encoding: 'utf8' }).map((f) => path.join(root, 'apply/[kind]', f)),
			path.join(root, 'apply/+page.svelte'),
			path.join(root, 'apply/+page.server.ts'),
			path.join(root, 'applications/[ref]/+page.svelte'),
			path.join(root, 'applications/[ref]/+page.server.ts')
		].filter((f) => fs.statSync(f).isFile());
		expect(files.length).toBeGreaterThanOrEqual(8);
		// the kinds' names, and the prefixes of their own messages
		const named = new RegExp(`\\b(${APPLICATION_KINDS.join('|')})\\b|\\bm\\.(s40|une|hos)_`, 'i');
		for (const f of files) expect(fs.readFileSync(f, 'utf8').match(named)?.[0], path.relative(root, f)).toBeUndefined();
	});
});
