/**
 * This browser and Web Push, for the notifications page: whether it can receive notifications, and subscribing with
 * the portal's VAPID key. Permission is asked only from a press of the page's button (browsers block or penalise a
 * question asked on load, and people say no to a question they did not expect).
 */

/**
 * 'ok'; 'ios_install' on an iPhone or iPad outside the installed app (Safari gives web pages push only from an app
 * added to the home screen, iOS 16.4 or later); 'denied' after the person said no; 'unsupported' otherwise.
 */
export type PushSupport = 'ok' | 'ios_install' | 'denied' | 'unsupported';

export function pushSupport(): PushSupport {
	const ios = /\b(iPhone|iPad|iPod)\b/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
	const installed = matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
	const capable = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
	if (ios && !installed) return 'ios_install';
	if (!capable) return 'unsupported';
	return Notification.permission === 'denied' ? 'denied' : 'ok';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
	const b = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
	const out = new Uint8Array(b.length);
	for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
	return out;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
	if (!('serviceWorker' in navigator)) return null;
	const reg = await navigator.serviceWorker.getRegistration();
	return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Ask, then subscribe: the subscription's endpoint and keys, or why not. */
export async function subscribe(vapidPublicKey: string): Promise<{ endpoint: string; p256dh: string; auth: string } | 'denied' | 'failed'> {
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'failed';
	try {
		const reg = await navigator.serviceWorker.ready;
		let sub = await reg.pushManager.getSubscription();
		// a subscription made with another key (the portal's key was changed) cannot be sent to: made again
		const key = sub?.options.applicationServerKey;
		if (sub && key && !sameBytes(new Uint8Array(key), keyBytes(vapidPublicKey))) {
			await sub.unsubscribe();
			sub = null;
		}
		sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidPublicKey) });
		const j = sub.toJSON();
		if (!j.endpoint || !j.keys?.p256dh || !j.keys.auth) return 'failed';
		return { endpoint: j.endpoint, p256dh: j.keys.p256dh, auth: j.keys.auth };
	} catch {
		return 'failed';
	}
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}
