/**
 * The HTTP server around adapter-node's handler (build/handler.js):
 * - compression: brotli (quality 4, cheap enough per request) or gzip for pages and JSON; the static files are served
 *   precompressed (.br/.gz written at build time) by the handler itself, and hashed assets under /_app/immutable/ as
 *   `Cache-Control: public, max-age=31536000, immutable`;
 * - graceful shutdown on SIGTERM/SIGINT: stop accepting, finish the requests in flight, then exit (after
 *   SHUTDOWN_TIMEOUT seconds, default 30, the remaining connections are closed), each step logged.
 */
import http from 'node:http';
import compression from 'compression';
import { log } from '../src/server/log';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

export async function serve(): Promise<http.Server> {
	const { handler } = (await import('../build/handler.js' as string)) as { handler: Handler };
	const compress = compression({ threshold: 1024 }) as unknown as (req: http.IncomingMessage, res: http.ServerResponse, next: (err?: unknown) => void) => void;
	const server = http.createServer((req, res) => {
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
	const host = process.env.HOST ?? '0.0.0.0';
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
		server.close(() => {
			log.info('Stopped');
			process.exit(0);
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
