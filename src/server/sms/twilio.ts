import twilio from 'twilio';
import { toE164 } from '$lib/validation/phone';
import type { SmsMessage, SmsSender } from './index';

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
		const m = await this.client.messages.create(params);
		return m.sid;
	}
}
