/**
 * npm run build:kiosk: a web bundle of the shell signed as an Isolated Web App. The signature is checked here from the
 * integrity block's own bytes (CBOR decoded independently of the signer), the app's ID from the public key.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { decodeFirst, encode } from 'cborg';
import { Bundle } from 'wbn';
import { buildKiosk, checkSettings, signingKey } from '../../scripts/build-kiosk';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-kiosk-build-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** RFC 4648 base32, lower case, no padding: how a Web Bundle ID spells the key and its type suffix. */
function base32(bytes: Uint8Array): string {
	const abc = 'abcdefghijklmnopqrstuvwxyz234567';
	let bits = 0;
	let value = 0;
	let out = '';
	for (const b of bytes) {
		value = (value << 8) | b;
		bits += 8;
		while (bits >= 5) {
			out += abc[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += abc[(value << (5 - bits)) & 31];
	return out;
}

const be64 = (n: number) => {
	const b = Buffer.alloc(8);
	b.writeBigUInt64BE(BigInt(n));
	return b;
};

describe('the kiosk shell as a signed web bundle', () => {
	it('is signed with the configured key: the signature verifies, the ID is the key’s, the manifest asks for USB and smart cards', async () => {
		const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
		const env = {
			KIOSK_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
			KIOSK_PORTAL_ORIGIN: 'https://prakan.example',
			KIOSK_START_PATH: '/register',
			KIOSK_VERSION: '1.2.3',
			KIOSK_BUNDLE_URL: 'https://prakan.example/kiosk/prakan-kiosk.swbn'
		};
		const r = await buildKiosk(env, dir, path.join(dir, 'unused-dev-key.pem'));
		expect(r.development).toBe(false);
		expect(fs.existsSync(path.join(dir, 'unused-dev-key.pem'))).toBe(false);

		const file = new Uint8Array(fs.readFileSync(r.file));
		const [block, rest] = decodeFirst(file, { useMaps: true }) as [
			[Uint8Array, Uint8Array, Map<string, string>, [Map<string, Uint8Array>, Uint8Array][]],
			Uint8Array
		];
		const [magic, version, attributes, signatures] = block;
		expect(Buffer.from(magic).toString('utf8')).toBe('🖋📦');
		expect(Buffer.from(version)).toEqual(Buffer.from('2b\0\0'));
		expect(signatures).toHaveLength(1);
		const [sigAttributes, signature] = signatures[0]!;
		const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
		expect(Buffer.from(sigAttributes.get('ed25519PublicKey')!)).toEqual(raw);

		// the app's ID (its isolated-app:// origin) is the public key with the Ed25519 suffix 00 01 02
		const id = base32(new Uint8Array([...raw, 0x00, 0x01, 0x02]));
		expect(r.id).toBe(id);
		expect(attributes.get('webBundleId')).toBe(id);
		expect(r.origin).toBe(`isolated-app://${id}`);

		// what was signed: the bundle's SHA-512, the block without signatures, the signature's attributes
		const unsigned = encode([magic, version, attributes, []]);
		const attrs = encode(sigAttributes);
		const hash = crypto.createHash('sha512').update(rest).digest();
		const data = Buffer.concat([be64(hash.length), hash, be64(unsigned.length), Buffer.from(unsigned), be64(attrs.length), Buffer.from(attrs)]);
		expect(crypto.verify(null, data, publicKey, signature)).toBe(true);
		const tampered = Buffer.from(rest);
		tampered[tampered.length - 20]! ^= 1;
		const badHash = crypto.createHash('sha512').update(tampered).digest();
		expect(crypto.verify(null, Buffer.concat([be64(64), badHash, data.subarray(8 + 64)]), publicKey, signature)).toBe(false);

		// the bundle: the page at /, its script, the manifest with its permissions, the portal it frames
		const bundle = new Bundle(Buffer.from(rest));
		expect(bundle.urls).toEqual(expect.arrayContaining(['/', '/index.html', '/config.json', '/.well-known/manifest.webmanifest']));
		expect(bundle.urls.some((u) => /^\/assets\/.+\.js$/.test(u))).toBe(true);
		const json = (url: string) => JSON.parse(Buffer.from(bundle.getResponse(url).body).toString('utf8'));
		expect(json('/.well-known/manifest.webmanifest')).toMatchObject({
			version: '1.2.3',
			start_url: '/',
			permissions_policy: { usb: ['self'], 'smart-card': ['self'] }
		});
		expect(json('/config.json')).toEqual({ portal: 'https://prakan.example', start: '/register' });
		expect(bundle.getResponse('/').headers['cross-origin-embedder-policy']).toBe('require-corp');
		expect(JSON.parse(fs.readFileSync(r.updateManifest, 'utf8'))).toEqual({
			versions: [{ version: '1.2.3', src: 'https://prakan.example/kiosk/prakan-kiosk.swbn' }]
		});
	}, 60_000);

	it('makes a development key once when none is configured, and keeps using it (the same app ID)', () => {
		const devKey = path.join(dir, 'dev', 'kiosk-dev-key.pem');
		const first = signingKey({}, devKey);
		expect(first.development).toBe(true);
		expect(fs.statSync(devKey).mode & 0o777).toBe(0o600);
		const again = signingKey({}, devKey);
		expect(again.key.export({ format: 'der', type: 'pkcs8' })).toEqual(first.key.export({ format: 'der', type: 'pkcs8' }));
	});

	it('refuses a real key with a portal that is not https, and a key that is not Ed25519', async () => {
		const ed = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		await expect(buildKiosk({ KIOSK_SIGNING_KEY: ed, KIOSK_PORTAL_ORIGIN: 'http://localhost:3000' }, dir, path.join(dir, 'k.pem'))).rejects.toThrow(
			/must be https when signing/
		);
		const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		await expect(buildKiosk({ KIOSK_SIGNING_KEY: ec, KIOSK_PORTAL_ORIGIN: 'https://prakan.example' }, dir, path.join(dir, 'k.pem'))).rejects.toThrow(/Ed25519/);
	}, 60_000);

	it('refuses settings a kiosk cannot use', () => {
		const ok = { portal: 'https://prakan.example', start: '/staff/officer', version: '1.0.0' };
		expect(checkSettings(ok)).toEqual(ok);
		expect(() => checkSettings({ ...ok, portal: 'http://prakan.example' })).toThrow(/must be https/);
		expect(() => checkSettings({ ...ok, portal: 'https://prakan.example/staff' })).toThrow(/must be an origin/);
		expect(() => checkSettings({ ...ok, start: 'staff' })).toThrow(/KIOSK_START_PATH/);
		expect(() => checkSettings({ ...ok, version: 'v1' })).toThrow(/KIOSK_VERSION/);
	});
});
