/**
 * Every load, form action and endpoint of a signed-in area asks for who it needs before it does anything else
 * (src/server/guard.ts), so a route whose hook check went wrong — or a new route nobody told the hook about — renders
 * nothing. Read from the source with the TypeScript parser:
 * - a citizen route (under src/routes/(app)) calls requireCitizen(event) first, or requireProved(event, …) where it needs
 *   the higher level of identity proof (which asks for the citizen first);
 * - a staff route (under src/routes/staff/(in)) calls requireStaff(event, …roles) first, with exactly the roles
 *   src/server/staff/access.ts gives that route; staff pages outside (in) are the public sign-in pages;
 * - no protected route reads locals.user / session / staff / staffSession itself (the guard hands them out).
 * "First" allows only taking fields out of `event` before the call.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { rolesFor } from '../../src/server/staff/access';

const ROUTES = path.resolve('src/routes');
const SERVER_FILE = /^\+(page\.server|layout\.server|server)\.ts$/;
const HANDLERS = new Set(['load', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback']);
const GUARDED_LOCALS = new Set(['user', 'session', 'staff', 'staffSession']);

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The route id of a file's folder, as SvelteKit writes it ("/(app)/dashboard", "/staff/(in)/admin"). */
function routeIdOf(file: string): string {
	const rel = path.relative(ROUTES, path.dirname(file)).split(path.sep).join('/');
	return rel ? `/${rel}` : '/';
}

interface Handler {
	name: string;
	fn: ts.FunctionLikeDeclaration;
}

/** Exported loads, endpoints and each form action, with their functions. */
function handlers(source: ts.SourceFile): { handlers: Handler[]; unreadable: string[] } {
	const out: Handler[] = [];
	const unreadable: string[] = [];
	const fnOf = (e: ts.Expression | undefined): ts.FunctionLikeDeclaration | null => {
		while (e && (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
		return e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) ? e : null;
	};
	for (const st of source.statements) {
		const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(st) && st.name && (HANDLERS.has(st.name.text) || st.name.text === 'actions')) out.push({ name: st.name.text, fn: st });
		if (!ts.isVariableStatement(st)) continue;
		for (const d of st.declarationList.declarations) {
			if (!ts.isIdentifier(d.name)) continue;
			const name = d.name.text;
			if (HANDLERS.has(name)) {
				const fn = fnOf(d.initializer);
				if (fn) out.push({ name, fn });
				else unreadable.push(name);
			} else if (name === 'actions') {
				let init = d.initializer;
				while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
				if (!init || !ts.isObjectLiteralExpression(init)) {
					unreadable.push(name);
					continue;
				}
				for (const p of init.properties) {
					const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '?';
					const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) ? fnOf(p.initializer) : null;
					if (fn) out.push({ name: `actions.${key}`, fn });
					else unreadable.push(`actions.${key}`);
				}
			}
		}
	}
	return { handlers: out, unreadable };
}

/** `const { … } = event;` or `const x = event.y;`: taking fields out of the event, which reads no data. */
function takesFromEvent(st: ts.Statement, param: string): boolean {
	if (!ts.isVariableStatement(st)) return false;
	return st.declarationList.declarations.every((d) => {
		let e = d.initializer;
		while (e && ts.isPropertyAccessExpression(e)) e = e.expression;
		return !!e && ts.isIdentifier(e) && e.text === param;
	});
}

/** The guard call a statement is: `guard(event…);` or `const … = guard(event…);` — not one inside an `if` or a callback. */
/** The guards that ask for what `guard` asks for: a citizen with the higher identity proof is a citizen too. */
const ALSO: Record<string, string[]> = { requireCitizen: ['requireProved'] };

function guardCall(st: ts.Statement, guard: string): ts.CallExpression | null {
	const names = new Set([guard, ...(ALSO[guard] ?? [])]);
	const isGuard = (e: ts.Expression | undefined): e is ts.CallExpression =>
		!!e && ts.isCallExpression(e) && ts.isIdentifier(e.expression) && names.has(e.expression.text);
	if (ts.isExpressionStatement(st) && isGuard(st.expression)) return st.expression;
	if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
		const init = st.declarationList.declarations[0]!.initializer;
		if (isGuard(init)) return init;
	}
	return null;
}

/** Problems of one handler: no guard first, a guard on another object than the event, or the wrong roles. */
function check(h: Handler, guard: 'requireCitizen' | 'requireStaff', roles: readonly string[]): string | null {
	const param = h.fn.parameters[0];
	if (!param || !ts.isIdentifier(param.name)) return `${h.name}: takes the whole event as its first parameter (event), not a destructuring`;
	const name = param.name.text;
	const body = h.fn.body;
	if (!body || !ts.isBlock(body)) return `${h.name}: has a block body that starts with ${guard}(${name})`;
	const first = body.statements.find((st) => !takesFromEvent(st, name));
	const call = first ? guardCall(first, guard) : null;
	if (!call) return `${h.name}: calls ${guard}(${name}, …) before anything else`;
	const [arg, ...rest] = call.arguments;
	if (!arg || !ts.isIdentifier(arg) || arg.text !== name) return `${h.name}: passes its own event to ${guard}`;
	if (guard === 'requireStaff') {
		const given = rest.map((a) => (ts.isStringLiteral(a) ? a.text : `<${a.getText()}>`));
		if (given.join() !== roles.join()) return `${h.name}: requireStaff roles [${given}] but access.ts gives [${roles}]`;
	}
	return null;
}

/** Reads of locals.user / session / staff / staffSession (assigning null to end a session is fine). */
function localsReads(source: ts.SourceFile): string[] {
	const out: string[] = [];
	const visit = (n: ts.Node) => {
		if (ts.isPropertyAccessExpression(n) && GUARDED_LOCALS.has(n.name.text)) {
			const obj = n.expression;
			const isLocals = (ts.isIdentifier(obj) && obj.text === 'locals') || (ts.isPropertyAccessExpression(obj) && obj.name.text === 'locals');
			const assigned = ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
			if (isLocals && !assigned) out.push(`line ${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText()}`);
		}
		// `const { user } = locals` / `({ locals: { staff } })` would read them too
		if (ts.isBindingElement(n) && ts.isObjectBindingPattern(n.parent)) {
			const key = (n.propertyName ?? n.name).getText();
			const from = n.parent.parent;
			const fromLocals =
				(ts.isVariableDeclaration(from) && from.initializer && /(^|\.)locals$/.test(from.initializer.getText())) ||
				(ts.isBindingElement(from) && (from.propertyName ?? from.name).getText() === 'locals');
			if (fromLocals && GUARDED_LOCALS.has(key)) out.push(`line ${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText()}`);
		}
		ts.forEachChild(n, visit);
	};
	visit(source);
	return out;
}

const files = walk(ROUTES).filter((f) => SERVER_FILE.test(path.basename(f)));
const citizen = files.filter((f) => routeIdOf(f).startsWith('/(app)'));
const staffIn = files.filter((f) => routeIdOf(f).startsWith('/staff/(in)'));
const staffOut = files.filter((f) => routeIdOf(f).startsWith('/staff') && !routeIdOf(f).startsWith('/staff/(in)'));

function parse(f: string): ts.SourceFile {
	return ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
}

describe('every protected route asks for who it needs first', () => {
	it('finds the protected route files', () => {
		expect(citizen.length).toBeGreaterThan(20);
		expect(staffIn.length).toBeGreaterThan(10);
	});

	it.each(citizen.map((f) => [path.relative(ROUTES, f), f]))('citizen route %s', (_, f) => {
		const source = parse(f);
		const { handlers: hs, unreadable } = handlers(source);
		expect(unreadable, 'handlers this test cannot read').toEqual([]);
		expect(hs.length, 'a protected route file with nothing to guard').toBeGreaterThan(0);
		expect(hs.map((h) => check(h, 'requireCitizen', [])).filter(Boolean)).toEqual([]);
		expect(localsReads(source)).toEqual([]);
	});

	it.each(staffIn.map((f) => [path.relative(ROUTES, f), f]))('staff route %s', (_, f) => {
		const source = parse(f);
		const id = routeIdOf(f);
		const roles = rolesFor(id);
		// the (in) group's own layout: any signed-in staff member; every page inside needs a session
		if (id !== '/staff/(in)') expect(roles, `${id} is a public staff page inside (in)`).not.toBe('public');
		const { handlers: hs, unreadable } = handlers(source);
		expect(unreadable, 'handlers this test cannot read').toEqual([]);
		expect(hs.length).toBeGreaterThan(0);
		expect(hs.map((h) => check(h, 'requireStaff', roles === 'public' ? [] : roles)).filter(Boolean)).toEqual([]);
		expect(localsReads(source)).toEqual([]);
	});

	it.each(staffOut.map((f) => [path.relative(ROUTES, f), f]))('staff route outside (in) is a public sign-in page: %s', (_, f) => {
		expect(rolesFor(routeIdOf(f))).toBe('public');
	});

	it('finds a load that forgets its guard (the check itself works)', () => {
		const bad = ts.createSourceFile(
			'x.ts',
			`export const load = ({ locals }) => ({ a: locals.user!.nationalId });
			 export const actions = { go: async (event) => { const form = await event.request.formData(); requireCitizen(event); } };
			 export const GET = (event) => { const { staff } = requireStaff(event, 'officer'); return new Response(''); };
			 export const POST = (event) => { if (event.url.search) requireStaff(event); return new Response(''); };`,
			ts.ScriptTarget.Latest,
			true
		);
		const { handlers: hs } = handlers(bad);
		expect(hs.map((h) => h.name)).toEqual(['load', 'actions.go', 'GET', 'POST']);
		expect(check(hs[0]!, 'requireCitizen', [])).toMatch(/whole event/);
		expect(check(hs[1]!, 'requireCitizen', [])).toMatch(/before anything else/);
		expect(check(hs[2]!, 'requireStaff', ['admin'])).toMatch(/roles \[officer\] but access.ts gives \[admin\]/);
		// a guard inside an `if` is no guard
		expect(check(hs[3]!, 'requireStaff', [])).toMatch(/before anything else/);
		expect(localsReads(bad)).toHaveLength(1);
	});
});
