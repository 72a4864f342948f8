/**
 * npm run build:kiosk — the kiosk shell (kiosk/) as a signed web bundle for ChromeOS (an Isolated Web App):
 * build-kiosk/prakan-kiosk.swbn, its update manifest, and the policy line IT staff paste (docs/CARD-READER.md).
 *
 * Settings (environment):
 *   KIOSK_PORTAL_ORIGIN   the portal the shell frames, https://… (an Isolated Web App may frame https pages only)
 *   KIOSK_START_PATH      the page it opens at: /staff/officer (default) or /register for a citizens' kiosk
 *   KIOSK_VERSION         the app's version (default package.json's); each update must be higher than the last
 *   KIOSK_BUNDLE_URL      where the .swbn will be served from (written into the update manifest)
 *   KIOSK_SIGNING_KEY     the Ed25519 private key (PEM), or KIOSK_SIGNING_KEY_FILE its path; the key IS the app's
 *                         identity (its isolated-app:// origin): keep it secret and keep it. Without either, a
 *                         development key is made once in data/kiosk-dev-key.pem (never for service centres).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { BundleBuilder } from 'wbn';
import { IntegrityBlockSigner, NodeCryptoSigningStrategy, WebBundleId, parsePemKey } from 'wbn-sign';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ShellSettings {
	portal: string;
	start: string;
	version: string;
}

/**
 * The headers an Isolated Web App's responses carry (Chromium applies the same policy whatever the bundle says): its
 * own files only, frames from https (the portal), cross-origin isolated.
 */
export const IWA_HEADERS: Record<string, string> = {
	'Content-Security-Policy':
		"base-uri 'none'; default-src 'self'; object-src 'none'; frame-src 'self' https: blob: data:; connect-src 'self' https: wss: blob: data:; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' https: blob: data:; media-src 'self' https: blob: data:; font-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; require-trusted-types-for 'script'",
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin'
};

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.png': 'image/png',
	'.svg': 'image/svg+xml'
};

/**
 * The app's manifest. Its permissions policy asks for the USB and smart-card features (the shell reads the reader
 * itself) and lets the portal's frame have neither: the card reaches the portal only through the shell's messages.
 */
export function kioskManifest(s: ShellSettings): object {
	return {
		name: 'ประกันสังคมออนไลน์ – เครื่องอ่านบัตร',
		short_name: 'ประกันสังคม',
		version: s.version,
		start_url: '/',
		scope: '/',
		display: 'standalone',
		lang: 'th',
		background_color: '#ffffff',
		theme_color: '#0b4f8a',
		icons: [
			{ src: '/icons/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
			{ src: '/icons/pwa-512x512.png', sizes: '512x512', type: 'image/png' }
		],
		permissions_policy: { usb: ['self'], 'smart-card': ['self'], 'cross-origin-isolated': ['self'] }
	};
}

/** Check the settings: a portal origin (https, or http on this machine for tests), a start path, a dotted version. */
export function checkSettings(s: ShellSettings): ShellSettings {
	const u = new URL(s.portal);
	if (u.origin !== s.portal) throw new Error(`KIOSK_PORTAL_ORIGIN must be an origin (scheme://host[:port]), not ${s.portal}`);
	if (u.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(u.hostname)) throw new Error('KIOSK_PORTAL_ORIGIN must be https');
	if (!/^\/[^\s]*$/.test(s.start)) throw new Error('KIOSK_START_PATH must be a path starting with /');
	if (!/^\d+(\.\d+){0,3}$/.test(s.version)) throw new Error('KIOSK_VERSION must be numbers separated by dots, e.g. 1.4.0');
	return s;
}

/** The shell's files in `outDir`: the page and its script (built with the portal's card driver), config, manifest, icons. */
export async function buildShell(outDir: string, s: ShellSettings): Promise<void> {
	checkSettings(s);
	// Vite's build sets NODE_ENV=production in this process: put it back for the caller (a test starts servers after)
	const nodeEnv = process.env.NODE_ENV;
	await build({
		configFile: false,
		root: path.join(ROOT, 'kiosk'),
		logLevel: 'warn',
		resolve: { alias: { $lib: path.join(ROOT, 'src/lib') } },
		build: { outDir, emptyOutDir: true, target: 'es2022', modulePreload: false, assetsInlineLimit: 0 }
	}).finally(() => {
		if (nodeEnv === undefined) delete process.env.NODE_ENV;
		else process.env.NODE_ENV = nodeEnv;
	});
	fs.writeFileSync(path.join(outDir, 'config.json'), JSON.stringify({ portal: s.portal, start: s.start }));
	fs.mkdirSync(path.join(outDir, '.well-known'), { recursive: true });
	fs.writeFileSync(path.join(outDir, '.well-known/manifest.webmanifest'), JSON.stringify(kioskManifest(s), null, '\t'));
	fs.mkdirSync(path.join(outDir, 'icons'), { recursive: true });
	for (const icon of ['pwa-64x64.png', 'pwa-192x192.png', 'pwa-512x512.png'])
		fs.copyFileSync(path.join(ROOT, 'static/icons', icon), path.join(outDir, 'icons', icon));
}

function filesUnder(dir: string, base = dir): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? filesUnder(p, base) : [path.relative(base, p).split(path.sep).join('/')];
	});
}

/** The files as an unsigned web bundle (format b2, paths relative to the app's origin; / is index.html). */
export function webBundle(dir: string): Uint8Array {
	const builder = new BundleBuilder('b2');
	for (const rel of filesUnder(dir).sort()) {
		const type = TYPES[path.extname(rel)];
		if (!type) throw new Error(`no content type for ${rel}`);
		const body = fs.readFileSync(path.join(dir, rel));
		const headers = { 'Content-Type': type, ...IWA_HEADERS };
		builder.addExchange(`/${rel}`, 200, headers, body);
		if (rel === 'index.html') builder.addExchange('/', 200, headers, body);
	}
	return builder.createBundle();
}

/** The signing key: KIOSK_SIGNING_KEY (PEM), KIOSK_SIGNING_KEY_FILE, or a development key made once in `devKeyFile`. */
export function signingKey(env: NodeJS.ProcessEnv, devKeyFile: string): { key: crypto.KeyObject; development: boolean } {
	if (env.KIOSK_SIGNING_KEY) return { key: parsePemKey(Buffer.from(env.KIOSK_SIGNING_KEY)), development: false };
	if (env.KIOSK_SIGNING_KEY_FILE) return { key: parsePemKey(fs.readFileSync(env.KIOSK_SIGNING_KEY_FILE)), development: false };
	if (!fs.existsSync(devKeyFile)) {
		const { privateKey } = crypto.generateKeyPairSync('ed25519');
		fs.mkdirSync(path.dirname(devKeyFile), { recursive: true });
		fs.writeFileSync(devKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
	}
	return { key: parsePemKey(fs.readFileSync(devKeyFile)), development: true };
}

/** Sign the bundle (integrity block, Ed25519): the signed bundle and the app's ID and origin. */
export async function signBundle(bundle: Uint8Array, key: crypto.KeyObject): Promise<{ signed: Uint8Array; id: string; origin: string }> {
	// the portal accepts Ed25519 apps' IDs only (KIOSK_SHELL_ORIGINS): an ECDSA key would make one it refuses
	if (key.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 private key (openssl genpkey -algorithm ed25519)');
	const webBundleId = new WebBundleId(key);
	const id = webBundleId.serialize();
	const { signedWebBundle } = await new IntegrityBlockSigner(bundle, id, [new NodeCryptoSigningStrategy(key)]).sign();
	return { signed: signedWebBundle, id, origin: webBundleId.serializeWithIsolatedWebAppOrigin().replace(/\/$/, '') };
}

export interface KioskBuild {
	file: string;
	id: string;
	origin: string;
	updateManifest: string;
	development: boolean;
}

/** The whole build: shell → bundle → signature → update manifest, in `outDir`. */
export async function buildKiosk(env: NodeJS.ProcessEnv, outDir: string, devKeyFile: string): Promise<KioskBuild> {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
	const settings = checkSettings({
		portal: env.KIOSK_PORTAL_ORIGIN ?? env.ORIGIN ?? 'http://localhost:3000',
		start: env.KIOSK_START_PATH ?? '/staff/officer',
		version: env.KIOSK_VERSION ?? pkg.version
	});
	const appDir = path.join(outDir, 'app');
	await buildShell(appDir, settings);
	const { key, development } = signingKey(env, devKeyFile);
	// a bundle signed for service centres frames the real portal: https, never this machine's test server
	if (!development && !settings.portal.startsWith('https://')) throw new Error('KIOSK_PORTAL_ORIGIN must be https when signing with KIOSK_SIGNING_KEY');
	const { signed, id, origin } = await signBundle(webBundle(appDir), key);
	const file = path.join(outDir, 'prakan-kiosk.swbn');
	fs.writeFileSync(file, signed);
	// the update manifest Chrome polls for new versions (IsolatedWebAppInstallForceList points at it)
	const updateManifest = path.join(outDir, 'update.json');
	const src = env.KIOSK_BUNDLE_URL ?? 'prakan-kiosk.swbn';
	fs.writeFileSync(updateManifest, JSON.stringify({ versions: [{ version: settings.version, src }] }, null, '\t'));
	return { file, id, origin, updateManifest, development };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		const r = await buildKiosk(process.env, path.join(ROOT, 'build-kiosk'), path.join(ROOT, 'data/kiosk-dev-key.pem'));
		console.log(`Signed kiosk bundle: ${path.relative(ROOT, r.file)} (${fs.statSync(r.file).size} bytes)`);
		console.log(`Web Bundle ID: ${r.id}`);
		console.log(`Origin (set the portal's KIOSK_SHELL_ORIGINS to it): ${r.origin}`);
		console.log(`Policy IsolatedWebAppInstallForceList entry: ${JSON.stringify({ update_manifest_url: 'https://…/update.json', web_bundle_id: r.id })}`);
		if (r.development) console.log('Signed with the development key data/kiosk-dev-key.pem: for trying out only; set KIOSK_SIGNING_KEY for service centres.');
	} catch (e) {
		console.error(`build:kiosk failed: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	}
}
