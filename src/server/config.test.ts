import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, parseConfig, resetConfigForTests, thaidSettings, vapidKeys } from './config';

describe('configuration', () => {
	it('has defaults that run a fresh checkout', () => {
		const c = parseConfig({});
		expect(c).toMatchObject({
			DATABASE_PATH: 'data/prakan.db',
			SMS_PROVIDER: 'outbox',
			SESSION_IDLE_MINUTES: 30,
			SESSION_ABSOLUTE_HOURS: 12,
			DEV_CLOCK: false,
			SEED_PERSONS: 2000
		});
	});

	it('names every bad variable', () => {
		const bad = () => parseConfig({ SMS_PROVIDER: 'carrier-pigeon', SESSION_IDLE_MINUTES: 'soon', OTP_PHONE_PER_HOUR: '0' });
		expect(bad).toThrow(ConfigError);
		try {
			bad();
		} catch (e) {
			const msg = (e as Error).message;
			expect(msg).toContain('SMS_PROVIDER must be "outbox" or "twilio"');
			expect(msg).toContain('SESSION_IDLE_MINUTES must be a whole number');
			expect(msg).toContain('OTP_PHONE_PER_HOUR must be at least 1');
		}
	});

	it('needs Twilio credentials and a sender when Twilio is chosen', () => {
		expect(() => parseConfig({ SMS_PROVIDER: 'twilio' })).toThrow(/TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/);
		expect(() => parseConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'secret-token' })).toThrow(
			/TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID/
		);
		expect(() => parseConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+15005550006' })).toThrow(
			/TWILIO_ACCOUNT_SID must look like/
		);
		expect(
			parseConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+15005550006' })
				.SMS_PROVIDER
		).toBe('twilio');
	});

	it('bounds the SMS provider timeout (10 s unless set)', () => {
		expect(parseConfig({}).TWILIO_TIMEOUT_MS).toBe(10_000);
		expect(parseConfig({ TWILIO_TIMEOUT_MS: '2500' }).TWILIO_TIMEOUT_MS).toBe(2500);
		expect(() => parseConfig({ TWILIO_TIMEOUT_MS: '0' })).toThrow(/TWILIO_TIMEOUT_MS must be at least 500/);
		expect(() => parseConfig({ TWILIO_TIMEOUT_MS: '10s' })).toThrow(/TWILIO_TIMEOUT_MS must be a whole number/);
	});

	it('ThaID: all four settings or none, over https except a provider on this machine outside production', () => {
		const thaid = {
			THAID_ISSUER: 'https://imauthsbx.bora.dopa.go.th',
			THAID_CLIENT_ID: 'prakan',
			THAID_CLIENT_SECRET: 'a-client-secret',
			THAID_REDIRECT_URI: 'https://prakan.example/login/thaid/callback/'
		};
		expect(thaidSettings(parseConfig({}))).toBeNull();
		expect(thaidSettings(parseConfig(thaid))).toEqual({
			issuer: 'https://imauthsbx.bora.dopa.go.th',
			clientId: 'prakan',
			clientSecret: 'a-client-secret',
			redirectUri: 'https://prakan.example/login/thaid/callback/',
			postLogoutRedirectUri: 'https://prakan.example/login?loggedOut=1'
		});
		expect(thaidSettings(parseConfig({ ...thaid, THAID_POST_LOGOUT_REDIRECT_URI: 'https://prakan.example/logged-out/' }))?.postLogoutRedirectUri).toBe(
			'https://prakan.example/logged-out/'
		);
		expect(() => parseConfig({ ...thaid, THAID_CLIENT_SECRET: '' })).toThrow(
			/ThaID needs all of THAID_ISSUER, THAID_CLIENT_ID, THAID_CLIENT_SECRET and THAID_REDIRECT_URI/
		);
		expect(() => parseConfig({ ...thaid, THAID_ISSUER: 'http://imauth.bora.dopa.go.th' })).toThrow(/THAID_ISSUER must be https:\/\//);
		expect(parseConfig({ ...thaid, THAID_ISSUER: 'http://127.0.0.1:4020' }).THAID_ISSUER).toBe('http://127.0.0.1:4020');
		expect(() => parseConfig({ ...thaid, THAID_ISSUER: 'http://127.0.0.1:4020', NODE_ENV: 'production', ALLOW_DEV_OUTBOX: 'true' })).toThrow(
			/THAID_ISSUER must be https:\/\//
		);
	});

	it('reads the kiosk shells that may frame the portal: Isolated Web App origins, or a local one for tests', () => {
		const id = 'yipjgzbqif3dztwkxgj2kmfrqiogp6kmed36fxdt4fdqe3ooprxaaaic';
		expect(parseConfig({}).KIOSK_SHELL_ORIGINS).toEqual([]);
		expect(parseConfig({ KIOSK_SHELL_ORIGINS: `isolated-app://${id}, http://127.0.0.1:3111` }).KIOSK_SHELL_ORIGINS).toEqual([
			`isolated-app://${id}`,
			'http://127.0.0.1:3111'
		]);
		// nothing that could end the CSP directive or the <meta> attribute it is written into
		for (const bad of [
			'https://evil.example',
			`isolated-app://${id}/`,
			'isolated-app://short',
			'*',
			"'self'",
			`isolated-app://${id};script-src`,
			`"isolated-app://${id}"`,
			'http://192.168.1.5:3000'
		])
			expect(() => parseConfig({ KIOSK_SHELL_ORIGINS: bad }), bad).toThrow(/KIOSK_SHELL_ORIGINS must be isolated-app/);
		expect(() => parseConfig({ NODE_ENV: 'production', ALLOW_DEV_OUTBOX: 'true', KIOSK_SHELL_ORIGINS: 'http://localhost:3111' })).toThrow(
			/only isolated-app:\/\/ origins when NODE_ENV=production/
		);
	});

	it('Web Push: both VAPID keys or neither, in the form browsers take, and only known push services in production', () => {
		const pub = 'B'.padEnd(87, 'x');
		const priv = 'a'.repeat(43);
		expect(parseConfig({ VAPID_PUBLIC_KEY: pub, VAPID_PRIVATE_KEY: priv })).toMatchObject({ VAPID_PUBLIC_KEY: pub, VAPID_SUBJECT: 'mailto:prakan@localhost' });
		expect(() => parseConfig({ VAPID_PUBLIC_KEY: pub })).toThrow(/VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together/);
		expect(() => parseConfig({ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: priv })).toThrow(/VAPID_PUBLIC_KEY must be a base64url P-256 public key/);
		expect(() => parseConfig({ VAPID_SUBJECT: 'ops@example.org' })).toThrow(/VAPID_SUBJECT must be mailto/);
		expect(parseConfig({ PUSH_SERVICE_ORIGINS: 'http://127.0.0.1:4000 https://push.example.org' }).PUSH_SERVICE_ORIGINS).toEqual([
			'http://127.0.0.1:4000',
			'https://push.example.org'
		]);
		expect(() => parseConfig({ PUSH_SERVICE_ORIGINS: 'http://x/path' })).toThrow(/PUSH_SERVICE_ORIGINS must be origins/);
		const prod = { NODE_ENV: 'production', ALLOW_DEV_OUTBOX: 'true' };
		expect(() => parseConfig({ ...prod, PUSH_SERVICE_ORIGINS: 'http://127.0.0.1:4000' })).toThrow(/only https:\/\/ origins/);
		expect(() => parseConfig({ ...prod, DATABASE_URL: 'postgres://x/y', SECRET_KEY: 'k'.repeat(32) })).toThrow(
			/VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required with DATABASE_URL/
		);
	});

	it('makes a VAPID key pair once beside the database, and keeps it', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-vapid-'));
		const before = { ...process.env };
		try {
			resetConfigForTests({ DATABASE_PATH: path.join(dir, 'prakan.db') });
			const first = vapidKeys();
			expect(JSON.parse(fs.readFileSync(path.join(dir, 'vapid.json'), 'utf8'))).toEqual(first);
			expect(fs.statSync(path.join(dir, 'vapid.json')).mode & 0o777).toBe(0o600);
			resetConfigForTests();
			expect(vapidKeys()).toEqual(first);
			resetConfigForTests({ VAPID_PUBLIC_KEY: first.publicKey.replace(/^.../, 'BAA'), VAPID_PRIVATE_KEY: first.privateKey });
			expect(vapidKeys().publicKey).toMatch(/^BAA/);
		} finally {
			for (const k of Object.keys(process.env)) if (!(k in before)) delete process.env[k];
			Object.assign(process.env, before);
			resetConfigForTests();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('treats empty values as unset', () => {
		expect(parseConfig({ DATABASE_PATH: '', SMS_PROVIDER: '' })).toMatchObject({ DATABASE_PATH: 'data/prakan.db', SMS_PROVIDER: 'outbox' });
	});
});

describe('production guards', () => {
	it('refuses the dev outbox and the test clock in production', () => {
		expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SMS_PROVIDER=outbox is refused when NODE_ENV=production/);
		expect(parseConfig({ NODE_ENV: 'production', ALLOW_DEV_OUTBOX: 'true' }).SMS_PROVIDER).toBe('outbox');
		expect(() => parseConfig({ NODE_ENV: 'production', ALLOW_DEV_OUTBOX: 'true', DEV_CLOCK: 'true' })).toThrow(/DEV_CLOCK=true is refused/);
	});
});
