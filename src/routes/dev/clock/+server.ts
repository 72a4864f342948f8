import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { config } from '$server/config';
import { clockOffset, setClockOffset, now, today } from '$server/clock';
import { runScheduledDecisions } from '$server/applications/registry';

/**
 * Tests move the server's clock (e.g. past a code's expiry). Exists only when DEV_CLOCK=true. The scheduled
 * decisions (hourly in the server) run at once on the new date, as they would have while that time passed.
 */
export const POST: RequestHandler = async ({ request }) => {
	if (!config().DEV_CLOCK) error(404, 'Not found');
	const body = (await request.json()) as { offsetMs?: unknown; advanceMs?: unknown };
	if (typeof body.offsetMs === 'number') setClockOffset(body.offsetMs);
	else if (typeof body.advanceMs === 'number') setClockOffset(clockOffset() + body.advanceMs);
	else error(400, 'offsetMs or advanceMs required');
	await runScheduledDecisions(today());
	return json({ offsetMs: clockOffset(), now: now() });
};
