import crypto from 'node:crypto';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { fail } from '$server/i18n';
import { requireCitizen } from '$server/guard';
import { vapidKeys } from '$server/config';
import { clientDevice } from '$server/web';
import { removeSubscription, saveChoices, saveSubscription, savedChoices, subscriptionsOf } from '$server/notify/notices';
import { allowedEndpoint } from '$server/notify/push';
import { audit } from '$server/audit';
import { defaultChannels, NOTICE_KINDS, type Channels, type NoticeKind } from '$lib/notices';
import { deviceOf } from '$server/auth/devices';

/** A browser's subscription as PushSubscription.toJSON() gives it: a P-256 point (65 bytes) and a 16-byte secret. */
const SubscriptionForm = v.object({
	endpoint: v.pipe(
		v.string(),
		v.check((e) => allowedEndpoint(e))
	),
	p256dh: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86,88}={0,2}$/)),
	auth: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22,24}={0,2}$/))
});

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const [saved, subs] = await Promise.all([savedChoices(user.id), subscriptionsOf(user.id)]);
	return {
		vapidPublicKey: vapidKeys().publicKey,
		choices: NOTICE_KINDS.map((kind) => ({ kind, ...(saved[kind] ?? defaultChannels(kind)) })),
		devices: subs.map((s) => ({
			id: s.id,
			// the page learns whether this browser is one of them by the SHA-256 of its own endpoint: the addresses stay here
			endpointHash: crypto.createHash('sha256').update(s.endpoint).digest('hex'),
			...deviceOf(s.userAgent),
			createdAt: s.createdAt,
			lastSentAt: s.lastSentAt
		}))
	};
};

export const actions: Actions = {
	/** The channels for each kind, as ticked (a box not sent is off). */
	save: async (event) => {
		const { user } = requireCitizen(event);
		const f = await event.request.formData();
		const choices = Object.fromEntries(NOTICE_KINDS.map((k) => [k, { push: f.get(`${k}.push`) === 'on', sms: f.get(`${k}.sms`) === 'on' }])) as Record<
			NoticeKind,
			Channels
		>;
		await saveChoices(user.id, choices);
		await audit({ actor: user.id, action: 'notices.choices', subject: user.nationalId, ip: event.locals.ip, detail: choices });
		return { saved: true };
	},
	/** This browser's push subscription, made in the page after the citizen pressed the button and allowed it. */
	subscribe: async (event) => {
		const { user, session } = requireCitizen(event);
		const f = await event.request.formData();
		const r = v.safeParse(SubscriptionForm, { endpoint: f.get('endpoint'), p256dh: f.get('p256dh'), auth: f.get('auth') });
		if (!r.success) return fail(400, { formError: 'notices_subscribe_bad' });
		const saved = await saveSubscription(
			{ userId: user.id, sessionId: session.id, device: clientDevice(event), userAgent: event.request.headers.get('user-agent') },
			r.output
		);
		if (!saved) return fail(409, { formError: 'notices_subscribe_bad' });
		await audit({ actor: user.id, action: 'notices.device_added', subject: user.nationalId, ip: event.locals.ip });
		return { subscribed: true };
	},
	/** Stop one device (from the list), or this browser (by its endpoint, after it unsubscribed). */
	unsubscribe: async (event) => {
		const { user } = requireCitizen(event);
		const f = await event.request.formData();
		const id = String(f.get('id') ?? '');
		const endpoint = String(f.get('endpoint') ?? '');
		const n = /^[0-9a-f-]{36}$/.test(id) ? await removeSubscription(user.id, { id }) : endpoint ? await removeSubscription(user.id, { endpoint }) : 0;
		if (n) await audit({ actor: user.id, action: 'notices.device_removed', subject: user.nationalId, ip: event.locals.ip });
		return { removed: n };
	}
};
