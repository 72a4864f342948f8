/**
 * npm start: check the configuration, migrate, seed an empty database with demo data, then serve build/ in PROCESSES
 * app processes (one per core unless set; scripts/supervise.ts), or in this process when there is one.
 * adapter-node's handler reads ORIGIN (default http://localhost:PORT so forms work on a fresh checkout); this file
 * listens on HOST:PORT itself so that pages and JSON are compressed (brotli or gzip, see scripts/http.ts).
 * Logs are JSON lines on stdout (src/server/log.ts); a start-up failure (configuration, database, port) is one plain
 * line on stderr and exit status 1.
 */
import { config, listenHost } from '../src/server/config';
import { closeDatabase, openAndMigrate, prepareDatabase, redactUrl } from '../src/server/db';
import { StartupError, exitOnStartupError } from '../src/server/db/startup';
import { log } from '../src/server/log';
import { personCount, seedPostgres, seedRegistry } from '../src/server/registry/seed';
import { isoDateInBangkok } from '../src/lib/format/date';
import cluster from 'node:cluster';
import net from 'node:net';
import { supervise } from './supervise';

// crashes are logged redacted (an error message may quote personal data), then the process ends as Node's default would
process.on('uncaughtException', (err) => {
	log.fatal({ err }, 'Uncaught exception');
	process.exit(1);
});
process.on('unhandledRejection', (err) => {
	log.fatal({ err }, 'Unhandled promise rejection');
	process.exit(1);
});

if (cluster.isPrimary) await prepare();
else await listen();

/** Configuration, database and demo data, once, before any app process starts. */
async function prepare(): Promise<void> {
	let sqlite: ReturnType<typeof openAndMigrate> | null = null;
	try {
		config();
		if (config().DATABASE_URL) await prepareDatabase({ migrate: true });
		else sqlite = openAndMigrate(config().DATABASE_PATH);
	} catch (e) {
		exitOnStartupError(e);
	}
	process.env.PORT ??= '3000';
	process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
	// an employer's monthly SSO 1-10 file may be tens of MB; every other form is held to 1 MiB in hooks.server.ts
	process.env.BODY_SIZE_LIMIT ??= '52M';
	const url = config().DATABASE_URL;
	log.info({ database: url ? redactUrl(url) : config().DATABASE_PATH, node: process.version }, 'Starting Prakan');
	// behind a proxy every request comes from the proxy's address: the per-address limits would then be one limit for the
	// whole country, and the audit log would show the proxy (docs/OPERATIONS.md, "Behind a reverse proxy")
	if (!/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(process.env.ORIGIN ?? '') && !process.env.ADDRESS_HEADER) {
		log.warn({ origin: process.env.ORIGIN }, 'ADDRESS_HEADER is not set: behind a reverse proxy, set ADDRESS_HEADER=X-Forwarded-For and XFF_DEPTH');
	}

	const n = sqlite ? (sqlite.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n : await personCount();
	if (n === 0) {
		log.info({ persons: config().SEED_PERSONS }, 'Empty database: seeding the demo registry');
		const opts = { persons: config().SEED_PERSONS, today: isoDateInBangkok(Date.now()) };
		const s = sqlite ? seedRegistry(sqlite, opts) : await seedPostgres(opts);
		log.info({ seeded: s }, 'Seeded');
	}
	if (sqlite) sqlite.$client.close();
	else await closeDatabase();
	// the test clock lives in this process's memory: with it on, one process
	const processes = config().DEV_CLOCK ? 1 : config().PROCESSES;
	if (processes > 1) {
		log.info({ processes }, 'Starting the app processes');
		// a port in use is said once, here, not by every app process
		await portFree();
		supervise(processes);
	} else await listen();
}

/** Serve build/ on PORT (an app process, or the only one). */
async function listen(): Promise<void> {
	const { serve } = await import('./http');
	try {
		await serve();
	} catch (e) {
		cannotListen(e);
		if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
			exitOnStartupError(new StartupError('The app is not built (build/handler.js is missing): run npm run build, or npm start.'));
		throw e;
	}
	const { host, devPages } = listenHost(process.env, config());
	if (devPages && !process.env.HOST)
		log.warn(
			{ host, port: Number(process.env.PORT) },
			`Developer pages are on (the SMS outbox shows every one-time code at /dev/sms): listening on ${host}:${process.env.PORT} only, this machine. Configure Twilio (SMS_PROVIDER=twilio) to serve others, or set HOST to listen elsewhere (/dev still answers this machine only)`
		);
	else if (devPages)
		log.warn({ host, port: Number(process.env.PORT) }, `Developer pages are on: listening on ${host}:${process.env.PORT}; /dev answers this machine only`);
	log.info({ origin: process.env.ORIGIN, host, port: Number(process.env.PORT) }, `Prakan is listening on ${process.env.ORIGIN} (${host}:${process.env.PORT})`);
}

/** A port in use or not allowed ends the start with one line. */
function cannotListen(e: unknown): void {
	const c = (e as NodeJS.ErrnoException).code;
	if (c === 'EADDRINUSE' || c === 'EACCES')
		exitOnStartupError(
			new StartupError(
				`Cannot listen on port ${process.env.PORT}: ${c === 'EADDRINUSE' ? 'it is in use' : 'permission denied'} (${c}). Set PORT to a free port.`
			)
		);
}

/** Listen on PORT and let go at once: what every app process will do, tried first by the primary. */
async function portFree(): Promise<void> {
	const server = net.createServer();
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(Number(process.env.PORT), listenHost(process.env, config()).host, resolve);
		});
	} catch (e) {
		cannotListen(e);
		throw e;
	}
	await new Promise((resolve) => server.close(resolve));
}
