/**
 * The server's logger: pino, JSON lines on stdout, level from LOG_LEVEL (default info; silent under vitest).
 *
 * Logs must never hold one-time codes, passwords, session tokens, cookies, authorization headers or full national IDs.
 * Two layers, because a secret can reach a log line under a key nobody listed, or inside a message:
 * - pino `redact` for the known keys (top level and one level down, and the usual header paths);
 * - `scrub`, run on every logged object (any depth), on child bindings and on the message and its arguments: it
 *   redacts values under secret-looking keys, drops digit codes under code/otp keys, serializes errors (so their
 *   message and stack are scrubbed too) and masks every 13-digit run (a national ID) to its last 4 digits.
 */
import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';

export const REDACTED = '[Redacted]';

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Keys whose values are secret whatever they hold (compared lower-case, without - and _). */
const SECRET_KEY = /password|passwd|passphrase|token|secret|cookie|authorization|apikey|^otp|otp$|^body$/;
/** Keys that may hold a one-time code: their digit values are dropped (an error's `code: 'EACCES'` is kept). */
const CODE_KEY = /code|otp/;
const DIGIT_CODE = /^\s*\d{4,8}\s*$/;
/** A national ID: 13 digits not part of a longer number, also written the usual way (1-1037-00123-45-8). */
const NATIONAL_ID = /(?<!\d)(?:\d{13}|\d-\d{4}-\d{5}-\d{2}-\d)(?!\d)/g;

const KNOWN_KEYS = [
	'password',
	'newPassword',
	'currentPassword',
	'passwordHash',
	'code',
	'otp',
	'token',
	'sessionToken',
	'secret',
	'secretKey',
	'cookie',
	'cookies',
	'authorization',
	'set-cookie'
];
const REDACT_PATHS = [
	// `code` at the top level only: one level down it is mostly an error's code (EACCES), kept; scrub drops digit codes there
	...KNOWN_KEYS.flatMap((k) => {
		const top = /^\w+$/.test(k) ? k : `["${k}"]`;
		return k === 'code' ? [top] : [top, /^\w+$/.test(k) ? `*.${k}` : `*["${k}"]`];
	}),
	'req.headers.cookie',
	'req.headers.authorization',
	'headers.cookie',
	'headers.authorization',
	'*.headers.cookie',
	'*.headers.authorization',
	'res.headers["set-cookie"]',
	'*.headers["set-cookie"]'
];

/** A national ID shown by its last 4 digits only: `*********1234`. */
export function maskNationalId(id: string): string {
	const digits = String(id).replace(/\D/g, '');
	return '*'.repeat(Math.max(digits.length - 4, 0)) + digits.slice(-4);
}

export function maskText(s: string): string {
	return s.replace(NATIONAL_ID, maskNationalId);
}

const normKey = (k: string) => k.toLowerCase().replace(/[-_]/g, '');

/** A copy of a value that is safe to log (see the top of this file). */
export function scrub(value: unknown, key = '', seen = new WeakSet<object>(), depth = 0): unknown {
	const k = normKey(key);
	if (k && SECRET_KEY.test(k) && value !== undefined && value !== null) return REDACTED;
	if (typeof value === 'string') return k && CODE_KEY.test(k) && DIGIT_CODE.test(value) ? REDACTED : maskText(value);
	if (typeof value === 'number') return k && CODE_KEY.test(k) && DIGIT_CODE.test(String(value)) ? REDACTED : value;
	if (typeof value === 'bigint') return maskText(String(value));
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value) || depth > 8) return '[…]';
	seen.add(value);
	if (value instanceof Error) {
		const e = pino.stdSerializers.err(value) as unknown as Record<string, unknown>;
		if (value.cause !== undefined) e.cause = value.cause;
		return scrub({ ...e }, '', seen, depth + 1);
	}
	if (Array.isArray(value)) return value.map((v) => scrub(v, '', seen, depth + 1));
	if (value instanceof Date) return value;
	if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`; // never a dump of a request body or a key
	if (value instanceof Headers) return scrub(Object.fromEntries(value), key, seen, depth + 1);
	const out: Record<string, unknown> = {};
	for (const [k2, v] of Object.entries(value)) out[k2] = scrub(v, k2, seen, depth + 1);
	return out;
}

function defaultLevel(): string {
	const env = process.env.LOG_LEVEL;
	if (env && LEVELS.includes(env)) return env;
	return process.env.VITEST || process.env.NODE_ENV === 'test' ? 'silent' : 'info';
}

/** A logger with the redaction above; `destination` is for tests (default: stdout). */
export function createLogger(options: { level?: Level | 'silent'; destination?: DestinationStream } = {}): Logger {
	const opts: LoggerOptions = {
		level: options.level ?? defaultLevel(),
		timestamp: pino.stdTimeFunctions.isoTime,
		redact: { paths: REDACT_PATHS, censor: REDACTED },
		formatters: { log: (o) => scrub(o) as Record<string, unknown> },
		// errors are already serialized (and scrubbed) by scrub; pino's own serializer would call them "Object"
		serializers: { err: (e: unknown) => (e instanceof Error ? scrub(e) : e) },
		hooks: {
			// the message and its %s arguments; an error logged alone gets its (masked) message as the message
			logMethod(args, method) {
				const [first, ...rest] = args as unknown[];
				const masked = rest.map((a) => (typeof a === 'string' ? maskText(a) : scrub(a)));
				if (typeof first === 'string') return method.apply(this, [maskText(first), ...masked] as Parameters<typeof method>);
				if (first instanceof Error) {
					const err = scrub(first) as { message?: string };
					return method.apply(this, [{ err }, ...(masked.length ? masked : [err.message ?? ''])] as Parameters<typeof method>);
				}
				// pino would use an `err` field's message as the message, unmasked
				const errMessage = (first as { err?: unknown } | null)?.err instanceof Error ? maskText((first as { err: Error }).err.message) : undefined;
				if (!masked.length && errMessage !== undefined) masked.push(errMessage);
				return method.apply(this, [first, ...masked] as Parameters<typeof method>);
			}
		}
	};
	const logger = options.destination ? pino(opts, options.destination) : pino(opts);
	// pino applies no formatter to a child's bindings: scrub them here (children inherit this method)
	const child = logger.child;
	logger.child = function (this: Logger, bindings, childOptions) {
		return child.call(this, scrub(bindings) as typeof bindings, childOptions);
	} as typeof logger.child;
	return logger;
}

export const log: Logger = createLogger();
