/**
 * A notice in words, in the account's language. The push text is the kind and a short sentence only: a notification
 * shows on a locked screen and passes through the browser maker's push service, so dates, amounts, references and
 * names stay out of it and the page it opens shows them after log-in. The SMS goes to the account's own number and
 * says what to do and by when, as the portal's texts about applications always have.
 */
import type { Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { formatDateShort, formatPeriod } from '$lib/format/date';
import { formatBaht } from '$lib/money';
import { daysBetween } from '$lib/rules/periods';
import type { ReminderBody } from '$lib/rules/reminders';
import type { ApplicationStatus, Kind } from '$lib/vocabulary';
import { kindName, statusName } from '../applications/store';

export type NoticeParams = ReminderBody | { type: 'application'; ref: string; app: Kind; status: ApplicationStatus; reason: string | null };

export interface NoticeText {
	title: string;
	push: string;
	sms: string;
	/** the page the notification opens */
	url: string;
}

/** `today`: the day it is sent (a reminder sent late counts its days from then). */
export function renderNotice(p: NoticeParams, locale: Locale, today: string): NoticeText {
	const o = { locale };
	const date = (iso: string) => formatDateShort(iso, locale);
	const month = (period: string) => formatPeriod(period, locale);
	const title = m.notice_title({}, o);
	switch (p.type) {
		case 'register_deadline':
			return {
				title,
				url: '/apply/unemployment',
				push: m.notice_push_register({}, o),
				sms: m.notice_sms_register({ date: date(p.by), days: Math.max(0, daysBetween(today, p.by)) }, o)
			};
		case 'report_open':
			return { title, url: '/dashboard', push: m.notice_push_report_open({}, o), sms: m.notice_sms_report_open({ n: p.periodNo, date: date(p.by) }, o) };
		case 'report_last_day':
			return { title, url: '/dashboard', push: m.notice_push_report_last({}, o), sms: m.notice_sms_report_last({ n: p.periodNo, ref: p.ref }, o) };
		case 'benefit_paid':
			return {
				title,
				url: '/benefits',
				push: m.notice_push_paid({}, o),
				sms: m.notice_sms_paid({ n: p.periodNo, amount: formatBaht(p.amountSatang), date: date(p.paidOn) }, o)
			};
		case 'contribution_due': {
			const args = { section: p.section, month: month(p.period), amount: formatBaht(p.amountSatang), date: date(p.due) };
			return {
				title,
				url: '/dashboard',
				push: p.today ? m.notice_push_due_today({}, o) : m.notice_push_due({}, o),
				sms: p.today ? m.notice_sms_due_today(args, o) : m.notice_sms_due(args, o)
			};
		}
		case 'contribution_missed': {
			const sms =
				p.section === 40
					? m.notice_sms_missed_40({ month: month(p.period) }, o)
					: p.ended
						? m.notice_sms_missed_39_ended({ month: month(p.period) }, o)
						: p.lastChance
							? m.notice_sms_missed_39_last({ month: month(p.period), n: p.unpaidInRow, paid: p.paidIn12 }, o)
							: m.notice_sms_missed_39({ month: month(p.period), n: p.unpaidInRow }, o);
			return { title, url: '/status', push: m.notice_push_missed({}, o), sms };
		}
		case 'employer_missing':
			return {
				title,
				url: '/contributions',
				push: m.notice_push_employer({}, o),
				sms: m.notice_sms_employer({ month: month(p.period), employer: locale !== 'th' ? p.employerEn : p.employer, date: date(p.due) }, o)
			};
		case 'hospital_window_open':
			return { title, url: '/hospital', push: m.notice_push_hospital_open({}, o), sms: m.notice_sms_hospital_open({ date: date(p.to) }, o) };
		case 'hospital_window_closing':
			return { title, url: '/hospital', push: m.notice_push_hospital_closing({}, o), sms: m.notice_sms_hospital_closing({ date: date(p.to) }, o) };
		case 'application': {
			const kind = kindName(p.app, locale);
			const status = statusName(p.app, p.status, locale);
			const sms = p.reason ? m.sms_application_reason({ ref: p.ref, kind, status, reason: p.reason }, o) : m.sms_application({ ref: p.ref, kind, status }, o);
			return { title, url: '/applications', push: m.notice_push_application({}, o), sms };
		}
	}
}
