/**
 * The installable app in the page: service worker registration with an update prompt, the install prompt, and whether
 * the browser is online. Browser-only; the root layout calls startPwa() once.
 */
import { browser } from '$app/environment';

interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const pwa = $state({
	/** A new version is installed and waiting for the citizen to agree to reload. */
	needRefresh: false,
	/** Chromium's install prompt, kept until the citizen presses "install". */
	installEvent: null as BeforeInstallPromptEvent | null,
	/** Running as an installed app. */
	standalone: false,
	online: true
});

let updateSW: ((reload?: boolean) => Promise<void>) | null = null;
let started = false;
/** This tab's citizen pressed "reload"; other tabs never reload by themselves. */
let agreed = false;

// the install prompt can come before the layout mounts: listen as soon as this module loads
if (browser) {
	window.addEventListener('beforeinstallprompt', (e) => {
		e.preventDefault();
		pwa.installEvent = e as BeforeInstallPromptEvent;
	});
	window.addEventListener('appinstalled', () => (pwa.installEvent = null));
	pwa.online = navigator.onLine;
	window.addEventListener('online', () => (pwa.online = true));
	window.addEventListener('offline', () => (pwa.online = false));
	pwa.standalone = matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
}

const HOUR = 3_600_000;

export async function startPwa(): Promise<void> {
	if (started || !('serviceWorker' in navigator)) return;
	started = true;
	const { registerSW } = await import('virtual:pwa-register');
	updateSW = registerSW({
		// after the page's load event: the first visit's own requests come first
		immediate: false,
		onNeedRefresh: () => (pwa.needRefresh = true),
		// the new version took over (from this tab or another): reload only where the citizen agreed; elsewhere ask
		onNeedReload: () => {
			if (agreed) location.reload();
			else pwa.needRefresh = true;
		},
		// a page left open for hours still learns about a new version
		onRegisteredSW: (_url, registration) => {
			if (registration) setInterval(() => navigator.onLine && registration.update().catch(() => {}), HOUR);
		}
	});
}

/** The citizen agreed: activate the waiting version and reload (or just reload, if another tab activated it). */
export async function applyUpdate(): Promise<void> {
	agreed = true;
	pwa.needRefresh = false;
	const registration = await navigator.serviceWorker.getRegistration();
	if (registration?.waiting && updateSW) await updateSW(true);
	else location.reload();
}

export async function install(): Promise<void> {
	const e = pwa.installEvent;
	if (!e) return;
	await e.prompt();
	await e.userChoice;
	pwa.installEvent = null;
}

/** iPhone/iPad Safari: no install prompt, the citizen adds it from the Share menu. */
export function isIosSafari(): boolean {
	const ua = navigator.userAgent;
	const ios = /iPad|iPhone|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
	return ios && !/CriOS|FxiOS|EdgiOS/.test(ua);
}
