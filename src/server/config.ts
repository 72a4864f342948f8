/**
 * All configuration, from environment variables, validated once with valibot.
 * A bad value stops the process with a message that names the variable.
 */
import * as v from 'valibot';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';

const bool = (def: boolean) =>
	v.pipe(
		v.optional(v.picklist(['true', 'false', '1', '0', 'yes', 'no']), def ? 'true' : 'false'),
		v.transform((s) => s === 'true' || s === '1' || s === 'yes')
	);
const int = (def: number, min: number, max: number) =>
	v.pipe(
		v.optional(v.string(), String(def)),
		v.regex(/^\d+$/, 'must be a whole number'),
		v.transform(Number),
		v.minValue(min, `must be at least ${min}`),
		v.maxValue(max, `must be at most ${max}`)
	);

const Schema = v.pipe(
	v.object({
		NODE_ENV: v.optional(v.string(), 'development'),
		// read by src/server/log.ts itself (it logs before the configuration is checked); validated here so a typo stops the server
		LOG_LEVEL: v.optional(
			v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be fatal, error, warn, info, debug, trace or silent')
		),
		DATABASE_PATH: v.optional(v.pipe(v.string(), v.minLength(1)), 'data/prakan.db'),
		/** PostgreSQL instead of the embedded SQLite file: postgres://user:password@host:port/database */
		DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL'))),
		/** connections each app process keeps to PostgreSQL (docs/OPERATIONS.md: processes × this ≤ the server's max_connections) */
		DATABASE_POOL_SIZE: int(10, 1, 200),
		SMS_PROVIDER: v.optional(v.picklist(['outbox', 'twilio'], 'must be "outbox" or "twilio"'), 'outbox'),
		TWILIO_ACCOUNT_SID: v.optional(v.pipe(v.string(), v.regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits'))),
		TWILIO_AUTH_TOKEN: v.optional(v.pipe(v.string(), v.minLength(8, 'is too short'))),
		TWILIO_FROM: v.optional(v.pipe(v.string(), v.regex(/^(\+\d{6,15}|[A-Za-z0-9 ]{1,11})$/, 'must be an E.164 number or an alphanumeric sender ID'))),
		TWILIO_MESSAGING_SERVICE_SID: v.optional(v.pipe(v.string(), v.regex(/^MG[0-9a-fA-F]{32}$/, 'must look like MG followed by 32 hex digits'))),
		TWILIO_API_BASE: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
		/** how long one request to the SMS provider may take before it counts as failed (a hanging provider must not hang a page) */
		TWILIO_TIMEOUT_MS: int(10_000, 500, 60_000),
		SECRET_KEY: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters'))),
		SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
		SESSION_ABSOLUTE_HOURS: int(12, 1, 24 * 30),
		OTP_PHONE_PER_HOUR: int(5, 1, 1000),
		OTP_PHONE_PER_DAY: int(10, 1, 10000),
		OTP_IP_PER_HOUR: int(20, 1, 100000),
		OTP_IP_PER_DAY: int(50, 1, 1000000),
		OTP_ID_PER_HOUR: int(5, 1, 1000),
		OTP_ID_PER_DAY: int(10, 1, 10000),
		/** codes to one number not yet proven (registration, phone change, staff activation), from every requester together */
		OTP_NEW_PHONE_PER_HOUR: int(10, 1, 1000),
		OTP_NEW_PHONE_PER_DAY: int(20, 1, 10000),
		LOGIN_IP_PER_HOUR: int(60, 1, 1000000),
		/** wrong passwords from one address (a client without a device that signed in before) an hour, over all accounts */
		LOGIN_FAIL_IP_PER_HOUR: int(20, 1, 1000000),
		/** every text the portal sends, an hour: beyond it texts are refused and an alert is logged (a flood, or a bug) */
		SMS_PER_HOUR: int(2000, 1, 10_000_000),
		/** reminders and news of applications texted to one account in a day (codes and security notices apart) */
		NOTICE_SMS_PER_DAY: int(4, 1, 100),
		REGISTER_IP_PER_HOUR: int(30, 1, 1000000),
		RESET_IP_PER_HOUR: int(20, 1, 1000000),
		APPLY_USER_PER_HOUR: int(10, 1, 10000),
		APPLY_USER_PER_DAY: int(20, 1, 100000),
		/** staff sessions: 15 minutes idle (seed 000 §7.6–7.7), 12 hours at most */
		STAFF_IDLE_MINUTES: int(15, 1, 24 * 60),
		STAFF_ABSOLUTE_HOURS: int(12, 1, 24),
		/** a hospital account unused this many days is disabled (seed 003 note 5: 6 months) */
		STAFF_DORMANT_DAYS: int(183, 1, 3650),
		/** new persons an officer or a hospital clerk may look up in an hour */
		STAFF_LOOKUPS_PER_HOUR: int(120, 1, 100000),
		/** employers' files checked at the same time in one server process (each spreadsheet in a child process of its own) */
		EMPLOYER_UPLOADS_AT_ONCE: int(2, 1, 64),
		/** app processes npm start runs, one per core unless set (with DEV_CLOCK on, always one: the test clock is in memory) */
		PROCESSES: int(os.availableParallelism(), 1, 256),
		DEV_CLOCK: bool(false),
		/** answer every request with the number of database statements it ran (x-query-count; npm run bench:queries) */
		COUNT_QUERIES: bool(false),
		ALLOW_DEV_OUTBOX: bool(false),
		SEED_PERSONS: int(2000, 10, 5_000_000),
		PAYMENT_BILLER_ID: v.optional(v.pipe(v.string(), v.regex(/^\d{15}$/, 'must be 15 digits (the 13-digit tax ID and a 2-digit suffix)')), '099400016000000'),
		PAYMENT_CALLBACK_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters'))),
		/** ThaID (DOPA's digital ID) as an OpenID Connect provider: production https://imauth.bora.dopa.go.th, sandbox https://imauthsbx.bora.dopa.go.th */
		THAID_ISSUER: v.optional(v.pipe(v.string(), v.url('must be a URL'), v.regex(/^https?:\/\//, 'must be an http(s) URL'))),
		THAID_CLIENT_ID: v.optional(v.pipe(v.string(), v.minLength(1))),
		THAID_CLIENT_SECRET: v.optional(v.pipe(v.string(), v.minLength(8, 'is too short'))),
		/** the callback URL exactly as registered in DOPA's RP Admin (compared character for character, trailing slash included) */
		THAID_REDIRECT_URI: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
		/**
		 * where ThaID sends the browser back after ending its session at log-out, as registered with it (default: the log-in
		 * page beside the callback, `/login?loggedOut=1`); used only if ThaID publishes an end_session_endpoint
		 */
		THAID_POST_LOGOUT_REDIRECT_URI: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
		/**
		 * the kiosk shells (docs/CARD-READER.md) that may show the portal in their frame and read cards for it: their
		 * origins, `isolated-app://<Web Bundle ID>` (printed by npm run build:kiosk), separated by spaces or commas; an
		 * http origin on this machine too, for tests. None: no site may frame the portal.
		 */
		/**
		 * Web Push (VAPID, RFC 8292): the portal's key pair, as web-push's generate-vapid-keys prints it (base64url). None:
		 * a pair made once in the data folder beside the database (vapid.json). Browsers' subscriptions are bound to the
		 * public key, so changing it means every device subscribes again (docs/OPERATIONS.md, "Notifications").
		 */
		VAPID_PUBLIC_KEY: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters)'))),
		VAPID_PRIVATE_KEY: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters)'))),
		/** who runs the portal, for the push services: a mailto: address or an https: page (set it in production: Apple refuses a made-up one) */
		VAPID_SUBJECT: v.optional(
			v.pipe(v.string(), v.regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be mailto:<address> or an https:// URL')),
			'mailto:prakan@localhost'
		),
		/**
		 * push services besides the browsers' own (Google's, Mozilla's, Apple's and Microsoft's), by origin: a browser's
		 * subscription names the address the portal then sends to, so only these are ever sent to. For tests: http://localhost.
		 */
		PUSH_SERVICE_ORIGINS: v.pipe(
			v.optional(v.string(), ''),
			v.transform((s) => s.split(/[\s,]+/).filter(Boolean)),
			v.check(
				(list) => list.every((o) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(o)),
				'must be origins (https://host[:port]), separated by spaces or commas'
			)
		),
		KIOSK_SHELL_ORIGINS: v.pipe(
			v.optional(v.string(), ''),
			v.transform((s) => s.split(/[\s,]+/).filter(Boolean)),
			v.check(
				(list) => list.every((o) => /^isolated-app:\/\/[a-z2-7]{56}$/.test(o) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(o)),
				'must be isolated-app://<Web Bundle ID> origins (or http://localhost:<port> for tests), separated by spaces or commas'
			)
		)
	}),
	v.check(
		(c) =>
			[c.THAID_ISSUER, c.THAID_CLIENT_ID, c.THAID_CLIENT_SECRET, c.THAID_REDIRECT_URI].every((x) => x === undefined) ||
			[c.THAID_ISSUER, c.THAID_CLIENT_ID, c.THAID_CLIENT_SECRET, c.THAID_REDIRECT_URI].every((x) => x !== undefined),
		'ThaID needs all of THAID_ISSUER, THAID_CLIENT_ID, THAID_CLIENT_SECRET and THAID_REDIRECT_URI (or none, and the ThaID button is not shown)'
	),
	// the provider's answers carry a citizen's identity: over TLS, except a provider on this machine (npm run dev:thaid)
	v.check(
		(c) =>
			!c.THAID_ISSUER ||
			c.THAID_ISSUER.startsWith('https://') ||
			(c.NODE_ENV !== 'production' && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/?$/.test(c.THAID_ISSUER)),
		'THAID_ISSUER must be https:// (http only for a local test provider on this machine, and never when NODE_ENV=production)'
	),
	v.check(
		(c) => c.SMS_PROVIDER !== 'twilio' || (!!c.TWILIO_ACCOUNT_SID && !!c.TWILIO_AUTH_TOKEN),
		'SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN'
	),
	v.check(
		(c) => c.SMS_PROVIDER !== 'twilio' || !!c.TWILIO_FROM || !!c.TWILIO_MESSAGING_SERVICE_SID,
		'SMS_PROVIDER=twilio needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID'
	),
	// the outbox shows every one-time code at /dev/sms: never by accident in production
	v.check(
		(c) => c.NODE_ENV !== 'production' || c.SMS_PROVIDER !== 'outbox' || c.ALLOW_DEV_OUTBOX,
		'SMS_PROVIDER=outbox is refused when NODE_ENV=production (it shows every code at /dev/sms): configure Twilio, or set ALLOW_DEV_OUTBOX=true for a demo'
	),
	v.check((c) => c.NODE_ENV !== 'production' || !c.DEV_CLOCK, 'DEV_CLOCK=true is refused when NODE_ENV=production'),
	v.check(
		(c) => !c.VAPID_PUBLIC_KEY === !c.VAPID_PRIVATE_KEY,
		'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together (or neither, and a pair is made in the data folder)'
	),
	// every app server must sign pushes with the one key the browsers subscribed with
	v.check(
		(c) => c.NODE_ENV !== 'production' || !c.DATABASE_URL || !!c.VAPID_PUBLIC_KEY,
		'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required with DATABASE_URL when NODE_ENV=production (every app server must sign pushes with the same key)'
	),
	v.check(
		(c) => c.NODE_ENV !== 'production' || c.PUSH_SERVICE_ORIGINS.every((o) => o.startsWith('https://')),
		'PUSH_SERVICE_ORIGINS may list only https:// origins when NODE_ENV=production'
	),

	v.check(
		(c) => c.NODE_ENV !== 'production' || c.KIOSK_SHELL_ORIGINS.every((o) => o.startsWith('isolated-app://')),
		'KIOSK_SHELL_ORIGINS may list only isolated-app:// origins when NODE_ENV=production (http://localhost is for tests)'
	),
	v.check((c) => c.NODE_ENV !== 'production' || !c.COUNT_QUERIES, 'COUNT_QUERIES=true is refused when NODE_ENV=production'),
	// the key file kept beside an SQLite database would be one per machine: app servers sharing a PostgreSQL share the key
	v.check(
		(c) => c.NODE_ENV !== 'production' || !c.DATABASE_URL || !!c.SECRET_KEY,
		'SECRET_KEY is required with DATABASE_URL when NODE_ENV=production (every app server must hash codes with the same key)'
	),
	v.check(
		(c) => c.NODE_ENV !== 'production' || !!c.PAYMENT_CALLBACK_SECRET || c.ALLOW_DEV_OUTBOX,
		'PAYMENT_CALLBACK_SECRET is required when NODE_ENV=production (the bank signs payment callbacks with it)'
	)
);

export type Config = v.InferOutput<typeof Schema> & { secretKey: string; paymentSecret: string };

export class ConfigError extends Error {}

/** Parse an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): v.InferOutput<typeof Schema> {
	const picked: Record<string, string> = {};
	for (const key of Object.keys(Schema.pipe[0].entries)) {
		const val = env[key];
		if (val !== undefined && val !== '') picked[key] = val;
	}
	const r = v.safeParse(Schema, picked);
	if (!r.success) {
		const lines = r.issues.map((i) => {
			const key = i.path?.map((p) => String(p.key)).join('.');
			return key ? `  ${key} ${i.message}` : `  ${i.message}`;
		});
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example.`);
	}
	return r.output;
}

/** The HMAC key for one-time codes: SECRET_KEY, or a random key kept beside the database. */
function loadSecret(c: v.InferOutput<typeof Schema>): string {
	if (c.SECRET_KEY) return c.SECRET_KEY;
	if (c.DATABASE_PATH === ':memory:') return crypto.randomBytes(32).toString('hex');
	return keptBesideDatabase(c, 'secret.key', () => crypto.randomBytes(32).toString('hex'), { what: 'secret key', setting: 'SECRET_KEY' });
}

/**
 * A value kept in a file beside the SQLite database (`name`), made once by `make` when the file is not there: written
 * only if absent, so that two processes starting together keep the one written first, and readable by this user only.
 * A file that cannot be written stops the start with one clear line rather than a stack trace (the database beside it
 * would fail the same way), naming the setting that replaces the file.
 */
function keptBesideDatabase(c: v.InferOutput<typeof Schema>, name: string, make: () => string, say: { what: string; setting: string }): string {
	const file = path.join(path.dirname(c.DATABASE_PATH), name);
	const read = () => fs.readFileSync(file, 'utf8').trim();
	try {
		return read();
	} catch {
		// not made yet
	}
	const cannotWrite = (e: unknown) =>
		new ConfigError(
			`Cannot write the ${say.what} file ${file} (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}). Set DATABASE_PATH to a file in a writable directory, or set ${say.setting}.`
		);
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
	} catch (e) {
		throw cannotWrite(e);
	}
	const value = make();
	try {
		fs.writeFileSync(file, value, { mode: 0o600, flag: 'wx' });
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST') return read();
		throw cannotWrite(e);
	}
	return value;
}

let vapid: { for: Config; keys: { publicKey: string; privateKey: string } } | undefined;

/**
 * The VAPID key pair: configured, or made once beside the database (vapid.json, written only if absent so that two
 * processes starting together keep the one pair written first). Read when first needed (a push to send, the
 * notifications page), not at start-up.
 */
export function vapidKeys(c: Config = config()): { publicKey: string; privateKey: string } {
	if (vapid?.for !== c) vapid = { for: c, keys: loadVapid(c) };
	return vapid.keys;
}

function loadVapid(c: v.InferOutput<typeof Schema>): { publicKey: string; privateKey: string } {
	if (c.VAPID_PUBLIC_KEY && c.VAPID_PRIVATE_KEY) return { publicKey: c.VAPID_PUBLIC_KEY, privateKey: c.VAPID_PRIVATE_KEY };
	if (c.DATABASE_PATH === ':memory:') return newVapidKeys();
	const kept = keptBesideDatabase(c, 'vapid.json', () => JSON.stringify(newVapidKeys()), {
		what: 'push key',
		setting: 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY'
	});
	return JSON.parse(kept) as { publicKey: string; privateKey: string };
}

/** A P-256 key pair in the form web-push and the browsers take: the raw public point and private scalar, base64url. */
export function newVapidKeys(): { publicKey: string; privateKey: string } {
	const ecdh = crypto.createECDH('prime256v1');
	ecdh.generateKeys();
	// the private scalar is 32 bytes; a short one (leading zero bytes) is padded to that length, as the browsers expect
	const priv = ecdh.getPrivateKey();
	return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: Buffer.concat([Buffer.alloc(32 - priv.length), priv]).toString('base64url') };
}

let cached: Config | undefined;

export function config(): Config {
	if (!cached) {
		const parsed = parseConfig(process.env);
		const secretKey = loadSecret(parsed);
		// without a configured callback secret (development, demos), one derived from the local secret key
		const paymentSecret = parsed.PAYMENT_CALLBACK_SECRET ?? crypto.createHmac('sha256', secretKey).update('payment-callback').digest('hex');
		cached = { ...parsed, secretKey, paymentSecret };
	}
	return cached;
}

/** ThaID's relying-party settings, or null when ThaID is not configured (the ThaID button is then not shown). */
export function thaidSettings(
	c: Pick<Config, 'THAID_ISSUER' | 'THAID_CLIENT_ID' | 'THAID_CLIENT_SECRET' | 'THAID_REDIRECT_URI' | 'THAID_POST_LOGOUT_REDIRECT_URI'> = config()
): { issuer: string; clientId: string; clientSecret: string; redirectUri: string; postLogoutRedirectUri: string } | null {
	if (!c.THAID_ISSUER || !c.THAID_CLIENT_ID || !c.THAID_CLIENT_SECRET || !c.THAID_REDIRECT_URI) return null;
	return {
		issuer: c.THAID_ISSUER,
		clientId: c.THAID_CLIENT_ID,
		clientSecret: c.THAID_CLIENT_SECRET,
		redirectUri: c.THAID_REDIRECT_URI,
		postLogoutRedirectUri: c.THAID_POST_LOGOUT_REDIRECT_URI ?? new URL('/login?loggedOut=1', c.THAID_REDIRECT_URI).toString()
	};
}

/** For tests only. */
export function resetConfigForTests(overrides?: Record<string, string>): void {
	cached = undefined;
	if (overrides) Object.assign(process.env, overrides);
}

/**
 * The address `npm start` listens on: HOST when set; otherwise this machine only (127.0.0.1) while a developer page is
 * on — the SMS outbox (/dev/sms shows every one-time code) or the test clock — and every interface (0.0.0.0) when not.
 * The developer pages also answer only clients on this machine whatever the address (src/server/dev.ts).
 */
export function listenHost(env: Record<string, string | undefined>, c: Pick<Config, 'SMS_PROVIDER' | 'DEV_CLOCK'>): { host: string; devPages: boolean } {
	const devPages = c.SMS_PROVIDER === 'outbox' || c.DEV_CLOCK;
	return { host: env.HOST || (devPages ? '127.0.0.1' : '0.0.0.0'), devPages };
}
