import { describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { requireProved } from './guard';
import type { Assurance } from '$lib/rules/assurance';

const event = (assurance: Assurance | null, routeId = '/(app)/profile/data') =>
	({
		route: { id: routeId },
		url: new URL('http://localhost/profile/data'),
		locals: assurance ? { user: { id: 'u1', nationalId: '1103700123458', assurance }, session: { id: 's' } } : { user: null, session: null }
	}) as never;

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	return null;
}

describe('requireProved', () => {
	it('lets an account proved by ThaID or in person through', () => {
		expect(requireProved(event('thaid'), 'data_copy').user.id).toBe('u1');
		expect(requireProved(event('in_person'), 'data_copy', { api: true }).user.id).toBe('u1');
	});

	it('sends an account opened by SMS to the page that says how to prove it, and back after; an endpoint answers 403', () => {
		const r = thrown(() => requireProved(event('sms'), 'data_copy'));
		expect(isRedirect(r) && r.location).toBe('/profile/prove?for=data_copy&then=%2Fprofile%2Fdata');
		const e = thrown(() => requireProved(event('sms'), 'data_copy', { api: true }));
		expect(isHttpError(e) && e.status).toBe(403);
	});

	it('asks for a signed-in citizen first, and fails closed outside the citizen area', () => {
		expect(
			isHttpError(
				thrown(() => requireProved(event(null), 'data_copy', { api: true })),
				401
			)
		).toBe(true);
		expect(
			isHttpError(
				thrown(() => requireProved(event('thaid', '/staff/(in)/admin'), 'data_copy')),
				403
			)
		).toBe(true);
	});
});
