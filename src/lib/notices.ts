/**
 * The channels a notice goes by: the citizen's choice for its kind, or the defaults. Deadlines (unemployment, section
 * 39/40 contributions, the hospital window) go by both push and SMS, since a missed date costs money; news (an
 * application's status, the employer's missing month) by push. A notice chosen by push that reaches no device (none
 * receives notifications, or every push failed) goes by SMS instead; only a kind with both turned off is not sent.
 */
import { NOTICE_KINDS, type NoticeKind } from './vocabulary';
import { BANGKOK_OFFSET_MS } from './format/date';

export { NOTICE_KINDS, type NoticeKind };

export const DEADLINE_KINDS: ReadonlySet<NoticeKind> = new Set(['unemployment', 'contribution', 'hospital']);

export interface Channels {
	push: boolean;
	sms: boolean;
}

/** The default choice for a kind. */
export function defaultChannels(kind: NoticeKind): Channels {
	return DEADLINE_KINDS.has(kind) ? { push: true, sms: true } : { push: true, sms: false };
}

/** Quiet hours, Bangkok time: from 21:00 to 08:00 the portal's own reminders wait. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_TO_HOUR = 8;

/** When a notice made at `t` may go: `t` itself, or 08:00 Bangkok time after it during quiet hours. */
export function afterQuietHours(t: number): number {
	const local = t + BANGKOK_OFFSET_MS;
	const hour = new Date(local).getUTCHours();
	if (hour >= QUIET_TO_HOUR && hour < QUIET_FROM_HOUR) return t;
	const day = new Date(local);
	day.setUTCHours(QUIET_TO_HOUR, 0, 0, 0);
	if (hour >= QUIET_FROM_HOUR) day.setUTCDate(day.getUTCDate() + 1);
	return day.getTime() - BANGKOK_OFFSET_MS;
}
