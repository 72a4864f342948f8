import twilio from 'twilio';
import { toE164 } from '$lib/validation/phone';
import type { SmsMessage, SmsSender } from './index';
import { maskPhoneNumbers } from './mask';

export interface TwilioOptions {
	accountSid: string;
	authToken: string;
	/** a sender number (E.164) or alphanumeric sender ID */
	from?: string;
	/** or a messaging service, which picks the sender itself */
	messagingServiceSid?: string;
	/** only for tests: a fake Twilio API on loopback */
	apiBase?: string;
	timeoutMs?: number;
}

/** SMS through Twilio's Programmable Messaging API, with the official SDK. */
export class TwilioSender implements SmsSender {
	readonly name = 'twilio';
	private client: twilio.Twilio;

	constructor(private opts: TwilioOptions) {
		this.client = twilio(opts.accountSid, opts.authToken, { timeout: opts.timeoutMs ?? 10_000 });
		if (opts.apiBase) this.client.api.baseUrl = opts.apiBase;
	}

	async send(msg: SmsMessage): Promise<string> {
		const params = this.opts.messagingServiceSid
			? { to: toE164(msg.to), body: msg.body, messagingServiceSid: this.opts.messagingServiceSid }
			: { to: toE164(msg.to), body: msg.body, from: this.opts.from! };
		try {
			const m = await this.client.messages.create(params);
			return m.sid;
		} catch (e) {
			// the SDK's error can quote the destination number: what leaves here (to the outbox record, the log and the
			// caller) carries it masked, and not the SDK's error object with its unmasked fields
			const err = new Error(maskPhoneNumbers(e instanceof Error ? e.message : String(e)));
			err.name = e instanceof Error ? e.name : 'Error';
			throw err;
		}
	}
}
