import type { RequestHandler } from './$types';

/** Liveness for load balancers, and the "trivial route" the benchmark compares pages with. */
export const GET: RequestHandler = () => new Response('ok', { headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });
