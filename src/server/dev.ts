/**
 * The developer pages under /dev (the SMS outbox, which shows every one-time code, and the test clock) answer only a
 * client on this machine; anyone else gets 404, as if they did not exist.
 *
 * "On this machine" is decided from the TCP connection, never from what a client may write: the socket's peer address
 * (adapter-node's request; under `vite dev`, getClientAddress, which is the socket's there) must be loopback. Behind a
 * reverse proxy on the same machine every connection is loopback, so the client's own address must be loopback too:
 * with ADDRESS_HEADER set it is the address adapter-node takes from the proxy's header (the entry XFF_DEPTH picks, which
 * the proxy wrote, not the client); without ADDRESS_HEADER, a request that carries any forwarding header came through a
 * proxy whose client is unknown, and is refused. A forged X-Forwarded-For can therefore only make a request fail.
 */
import net from 'node:net';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { isLocalHost } from './headers';

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string | null | undefined): boolean {
	if (!address) return false;
	const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
	return family !== null && LOOPBACK.check(address, family);
}

/** Headers a proxy adds to name the client it forwards for. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'x-client-ip', 'true-client-ip', 'cf-connecting-ip'];

export type ClientEvent = Pick<RequestEvent, 'getClientAddress' | 'request' | 'platform' | 'url'>;

export function isLocalClient(event: ClientEvent, env: Record<string, string | undefined> = process.env): boolean {
	let client: string;
	try {
		client = event.getClientAddress();
	} catch {
		return false; // ADDRESS_HEADER is set and the request lacks it: not through the proxy we know
	}
	const peer = event.platform?.req?.socket?.remoteAddress ?? (env.ADDRESS_HEADER ? undefined : client);
	if (!isLoopback(peer) || !isLoopback(client)) return false;
	// the app itself must be served as localhost (ORIGIN, or the Host header without one): a proxy on this machine that
	// adds no forwarding header makes every request loopback, but then serves the app under its public name
	if (!isLocalHost(event.url)) return false;
	return !!env.ADDRESS_HEADER || !FORWARDING_HEADERS.some((h) => event.request.headers.has(h));
}

/** Every route under /dev, present and future: 404 to anyone not on this machine, before any of its code runs. */
export const devPagesLocalOnly: Handle = ({ event, resolve }) => {
	const id = event.route.id ?? '';
	if ((id === '/dev' || id.startsWith('/dev/')) && !isLocalClient(event))
		return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	return resolve(event);
};
