import type { RequestHandler } from './$types';
import { readiness } from '$server/db/ready';
import { log } from '$server/log';

/** Readiness for load balancers and deploys: 200 when the database answers and is fully migrated, else 503 with the reason. */
export const GET: RequestHandler = async () => {
	const r = await readiness();
	if (!r.ready) log.warn(r, 'Not ready');
	const { ready, ...reason } = r;
	const body = ready ? { status: 'ready' } : { status: 'not_ready', ...reason };
	return new Response(JSON.stringify(body), { status: r.ready ? 200 : 503, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
};
