import { describe, it, expect, vi, afterEach } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { handleError } from './hooks.server';
import { log } from '$server/log';

const event = (url: string) => ({ url: new URL(url), request: new Request(url, { method: 'POST' }) }) as unknown as RequestEvent;

afterEach(() => vi.restoreAllMocks());

describe('handleError', () => {
	it('logs an unexpected error once (path without the query string) and answers with a generic message', async () => {
		const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const error = new Error('boom for 1103700123458');
		const out = await handleError({ error, event: event('http://localhost/register/verify?token=abc'), status: 500, message: 'Internal Error' });
		expect(out).toEqual({ message: 'Internal Error' });
		expect(spy).toHaveBeenCalledTimes(1);
		expect(spy.mock.calls[0]![0]).toEqual({ status: 500, message: 'Internal Error', method: 'POST', path: '/register/verify', err: error });
	});

	it('does not log a missing page as a server error, and keeps its message', async () => {
		const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const out = await handleError({ error: new Error('Not found: /nope'), event: event('http://localhost/nope'), status: 404, message: 'Not Found' });
		expect(out).toEqual({ message: 'Not Found' });
		expect(spy).not.toHaveBeenCalled();
	});
});
