/**
 * SMS: one interface, two senders. Every message attempted is recorded in sms_outbox with its status;
 * with the outbox provider that record is the delivery (read it at /dev/sms).
 */
import { eq } from 'drizzle-orm';
import { returned, schema, transaction } from '../db';
import { config } from '../config';
import { now } from '../clock';
import { log } from '../log';
import { TwilioSender } from './twilio';
import { take } from '../limits';
import { maskPhoneNumbers } from './mask';

export interface SmsMessage {
	/** Thai mobile number, 0XXXXXXXXX */
	to: string;
	body: string;
}

export interface SmsSender {
	readonly name: 'outbox' | 'twilio';
	/** Deliver or throw; returns the provider's message id. */
	send(msg: SmsMessage): Promise<string>;
}

/** The dev outbox: nothing leaves the machine; the row in sms_outbox is the message. */
export class OutboxSender implements SmsSender {
	readonly name = 'outbox';
	async send(): Promise<string> {
		return `outbox-${crypto.randomUUID()}`;
	}
}

let sender: SmsSender | undefined;

export function smsSender(): SmsSender {
	if (!sender) {
		const c = config();
		sender =
			c.SMS_PROVIDER === 'twilio'
				? new TwilioSender({
						accountSid: c.TWILIO_ACCOUNT_SID!,
						authToken: c.TWILIO_AUTH_TOKEN!,
						from: c.TWILIO_FROM,
						messagingServiceSid: c.TWILIO_MESSAGING_SERVICE_SID,
						apiBase: c.TWILIO_API_BASE,
						timeoutMs: c.TWILIO_TIMEOUT_MS
					})
				: new OutboxSender();
	}
	return sender;
}

export function setSmsSenderForTests(s: SmsSender | undefined): void {
	sender = s;
	// and the state of a process just started: no budget alert raised yet
	alerted = null;
}

export class SmsFailed extends Error {}

/** The portal's texts of this hour are used up (SMS_PER_HOUR): nothing was sent; `retryAt` is when the hour ends. */
export class SmsBudgetExceeded extends SmsFailed {
	constructor(readonly retryAt: number) {
		super('SMS hourly budget exceeded');
	}
}

export interface SendOptions {
	/** a code to a number not yet proven (registration, phone change, staff activation): kept to 80 % of the budget */
	phoneIs?: 'on_file' | 'unproven';
	/** a reminder or news of an application: held to half the hour's budget */
	notice?: boolean;
}

/** The hour whose exhausted budget was reported already (one alert an hour per process, not one per refused text). */
let alerted: number | null = null;

/**
 * Count one text against the hourly budget of the whole portal, or refuse it and raise the alert: texts beyond
 * SMS_PER_HOUR mean a flood or a fault, and every further text costs money.
 */
async function takeBudget(purpose: string, opts: SendOptions): Promise<void> {
	const t = now();
	const taken = await take('sms', { phoneIs: opts.phoneIs, notice: opts.notice }, t);
	if (taken.ok) return;
	// reminders over their half of the hour wait for the next hour: no alert, codes are still sent
	if (opts.notice) {
		log.warn({ purpose }, 'notice SMS waits: the reminders and news of this hour used their share of the SMS budget');
		throw new SmsBudgetExceeded(taken.retryAt);
	}
	if (alerted !== taken.retryAt) {
		alerted = taken.retryAt;
		log.error(
			{ alert: 'sms_budget_exceeded', max: config().SMS_PER_HOUR, until: new Date(taken.retryAt).toISOString(), purpose },
			'ALERT: the hourly SMS budget is used up; texts are refused until the hour ends'
		);
	} else log.warn({ purpose }, 'SMS refused: the hourly budget is used up');
	throw new SmsBudgetExceeded(taken.retryAt);
}

/**
 * What the record of a text keeps. A real provider's record never holds a one-time code (the database keeps only its
 * HMAC, and backups must not carry live codes); the dev outbox's record is the delivery itself, so it keeps the text.
 */
export function storedBody(provider: SmsSender['name'], purpose: string, body: string): string {
	if (provider === 'outbox') return body;
	if (purpose.startsWith('otp:')) return body.replace(/(?<!\d)\d{6}(?!\d)/g, '******');
	// a one-time activation link is a password until used
	if (purpose.startsWith('link:')) return body.replace(/(\/activate\/)\S+/g, '$1******');
	return body;
}

/**
 * Record, send, record the outcome. Throws SmsFailed when the provider refuses or is unreachable, and SmsBudgetExceeded
 * (before anything is recorded or sent) when the portal's hourly budget of texts is used up.
 */
export async function sendSms(purpose: string, msg: SmsMessage, opts: SendOptions = {}): Promise<void> {
	await takeBudget(purpose, opts);
	const s = smsSender();
	const row = await transaction((tx) =>
		returned(
			tx
				.insert(schema.smsOutbox)
				.values({ createdAt: now(), provider: s.name, toPhone: msg.to, body: storedBody(s.name, purpose, msg.body), purpose, status: 'queued' })
				.returning({ id: schema.smsOutbox.id })
		)
	);
	try {
		const providerMessageId = await s.send(msg);
		await transaction((tx) => tx.update(schema.smsOutbox).set({ status: 'sent', providerMessageId }).where(eq(schema.smsOutbox.id, row.id)));
	} catch (e) {
		// a provider's error text may quote the number: stored, logged and raised masked, whichever sender failed
		const error = maskPhoneNumbers(e instanceof Error ? e.message : String(e));
		await transaction((tx) =>
			tx
				.update(schema.smsOutbox)
				.set({ status: 'failed', error: error.slice(0, 500) })
				.where(eq(schema.smsOutbox.id, row.id))
		);
		log.error({ provider: s.name, purpose, smsId: row.id, error }, 'SMS send failed');
		throw new SmsFailed(error);
	}
}
