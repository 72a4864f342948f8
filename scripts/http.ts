/**
 * The HTTP server around adapter-node's handler (build/handler.js):
 * - the security headers on every response, the static files and the prerendered /offline page included
 *   (src/server/headers.ts);
 * - the address: HOST, or 127.0.0.1 while the dev SMS outbox or the test clock is on (listenHost in src/server/config.ts);
 * - compression: brotli (quality 4, cheap enough per request) or gzip for pages and JSON; the static files are served
 *   precompressed (.br/.gz written at build time) by the handler itself, and hashed assets under /_app/immutable/ as
 *   `Cache-Control: public, max-age=31536000, immutable`;
 * - graceful shutdown on SIGTERM/SIGINT: stop accepting, finish the requests in flight, then exit (after
 *   SHUTDOWN_TIMEOUT seconds, default 30, the remaining connections are closed), each step logged.
 */
import http from 'node:http';
import compression from 'compression';
import { log } from '../src/server/log';
import { config, listenHost } from '../src/server/config';
import { securityHeaders, STATIC_CSP } from '../src/server/headers';
import { answerInKioskFrame, framableBy, inKioskFrame } from '../src/server/kiosk';
import { releaseLeases } from '../src/server/lease';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

export async function serve(): Promise<http.Server> {
	const { handler } = (await import('../build/handler.js' as string)) as { handler: Handler };
	const compress = compression({ threshold: 1024 }) as unknown as (req: http.IncomingMessage, res: http.ServerResponse, next: (err?: unknown) => void) => void;
	// every response, the static files and the prerendered /offline page too (adapter-node serves those before any
	// hook runs): the security headers, and a CSP that needs no nonce; a page SvelteKit renders replaces them with its own
	const kiosk = config().KIOSK_SHELL_ORIGINS;
	const headers = [
		...securityHeaders(new URL(process.env.ORIGIN ?? 'http://localhost'), kiosk.length > 0),
		['Content-Security-Policy', framableBy(STATIC_CSP, kiosk)] as [string, string]
	];
	const server = http.createServer((req, res) => {
		for (const [name, value] of headers) res.setHeader(name, value);
		if (inKioskFrame(req.headers, kiosk)) answerInKioskFrame(res);
		compress(req, res, (err) => {
			if (err) {
				log.error({ err, method: req.method, path: req.url?.split('?')[0] }, 'Compression failed');
				res.statusCode = 500;
				res.end();
				return;
			}
			handler(req, res, () => {
				res.statusCode = 404;
				res.end();
			});
		});
	});
	const port = Number(process.env.PORT ?? 3000);
	// HOST, or this machine only while the developer pages (the SMS outbox with every code) are on
	const { host } = listenHost(process.env, config());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	server.on('error', (err) => log.error({ err }, 'HTTP server error'));

	const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);
	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal, timeoutSeconds: shutdownSeconds }, 'Shutting down: no new connections, finishing the requests in flight');
		// the hourly work goes to a process that stays (or to this one's successor at its start), not in 90 minutes; given
		// back beside the closing, which neither waits for it nor is held up by it
		const released = Promise.race([
			releaseLeases().catch((err: unknown) => log.warn({ err }, 'Could not give back the leases of this process')),
			// a lease not given back expires on its own
			new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())
		]);
		server.close(() => {
			void released.finally(() => {
				log.info('Stopped');
				process.exit(0);
			});
		});
		server.closeIdleConnections();
		setTimeout(() => {
			log.warn({ timeoutSeconds: shutdownSeconds }, 'Shutdown timeout: closing the remaining connections');
			server.closeAllConnections();
		}, shutdownSeconds * 1000).unref();
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	return server;
}
