/**
 * Who may apply, and what follows, for the three online applications (sso-rules.md):
 * section 40 membership, the unemployment claim's report-in calendar, and the hospital change.
 * Pure functions with `today` passed in.
 */
import { addDays, ageOn, daysBetween } from './periods';
import { hospitalChangeWindow } from './medical';

// ── Section 40 ──────────────────────────────────────────────────────────────

export const S40_MIN_AGE = 15;
export const S40_MAX_AGE = 65;

export type S40Refusal = 'too_young' | 'too_old' | 'not_thai' | 'section33' | 'section39' | 'already_section40' | 'pensioner';

/**
 * Thai nationals aged 15–65 (from the 15th birthday until the day before the 66th) who are not under
 * section 33 or 39 and are not government pensioners.
 */
export function section40Eligibility(i: {
	birthDate: string;
	nationality: string;
	openSection: number | null;
	today: string;
	pensioner?: boolean;
}): { ok: true; age: number } | { ok: false; reason: S40Refusal; age: number } {
	const age = ageOn(i.birthDate, i.today);
	const no = (reason: S40Refusal) => ({ ok: false as const, reason, age });
	if (i.nationality !== 'TH') return no('not_thai');
	if (age < S40_MIN_AGE) return no('too_young');
	if (age > S40_MAX_AGE) return no('too_old');
	if (i.openSection === 33) return no('section33');
	if (i.openSection === 39) return no('section39');
	if (i.openSection === 40) return no('already_section40');
	if (i.pensioner) return no('pensioner');
	return { ok: true, age };
}

/** The payment slip is valid for 30 days from submission (the last valid day). */
export const SLIP_VALID_DAYS = 30;
export function slipValidUntil(submittedOn: string): string {
	return addDays(submittedOn, SLIP_VALID_DAYS - 1);
}

// ── Hospital change ─────────────────────────────────────────────────────────

export type HospitalRefusal = 'outside_window' | 'once_a_year' | 'no_sso_hospital' | 'pending';

/**
 * Open inside the window (16 Dec – 31 Mar) and once per window (so once a year), unless the citizen declares a move
 * of home or workplace. `lastChangeOn` is the submission date of the last change that was not refused.
 */
export function hospitalChangeAllowed(i: {
	today: string;
	openSection: number | null;
	lastChangeOn: string | null;
	pending: boolean;
	moved: boolean;
}): { ok: true } | { ok: false; reason: HospitalRefusal; windowFrom: string; windowTo: string } {
	const w = hospitalChangeWindow(i.today);
	const no = (reason: HospitalRefusal) => ({ ok: false as const, reason, windowFrom: w.from, windowTo: w.to });
	if (i.openSection !== 33 && i.openSection !== 39) return no('no_sso_hospital');
	if (i.pending) return no('pending');
	if (i.moved) return { ok: true };
	if (!w.open) return no('outside_window');
	if (i.lastChangeOn && i.lastChangeOn >= w.from) return no('once_a_year');
	return { ok: true };
}

// ── Unemployment report-ins and payments ────────────────────────────────────

export const REPORT_EVERY_DAYS = 30;
/** A report is expected within this many days of its due date; after that the period's payment is paused. */
export const REPORT_GRACE_DAYS = 7;

export interface ReportRecord {
	periodNo: number;
	reportedOn: string;
	stillUnemployed: boolean;
	foundWork: boolean;
	refusedOffer: boolean;
	workStart: string | null;
}

export type PeriodStatus = 'paid' | 'due' | 'paused' | 'upcoming' | 'withheld' | 'not_paid';

export interface PayPeriod {
	periodNo: number;
	from: string;
	to: string;
	days: number;
	/** the report for this period opens on this day (the day after the period ends) */
	dueOn: string;
	amountSatang: number;
	status: PeriodStatus;
	reportedOn: string | null;
}

/**
 * The claim's calendar: consecutive 30-day periods from the first payable day until the benefit days run out.
 * Each period is paid once its report is made (on or after its due day); a report not made within the grace days
 * pauses that period's payment until it is. A report of work found ends the claim: the period is paid up to the
 * day before the new job and later periods are not paid. A refused job offer or training withholds that period.
 */
export function paymentCalendar(i: { payFrom: string; maxDays: number; dailySatang: number; reports: readonly ReportRecord[]; today: string }): {
	periods: PayPeriod[];
	ended: boolean;
	endedOn: string | null;
} {
	const periods: PayPeriod[] = [];
	let left = i.maxDays;
	let start = i.payFrom;
	let endedOn: string | null = null;
	for (let n = 1; left > 0; n++) {
		const days = Math.min(REPORT_EVERY_DAYS, left);
		const to = addDays(start, days - 1);
		const dueOn = addDays(to, 1);
		const report = i.reports.find((r) => r.periodNo === n) ?? null;
		if (endedOn) {
			periods.push({ periodNo: n, from: start, to, days, dueOn, amountSatang: 0, status: 'not_paid', reportedOn: null });
		} else if (report) {
			const working = report.foundWork || !report.stillUnemployed;
			let paidDays = days;
			if (working) {
				endedOn = report.workStart ?? report.reportedOn;
				paidDays = Math.max(0, Math.min(days, daysBetween(start, endedOn)));
			}
			const withheld = report.refusedOffer;
			periods.push({
				periodNo: n,
				from: start,
				to,
				days: withheld ? 0 : paidDays,
				dueOn,
				amountSatang: withheld ? 0 : i.dailySatang * paidDays,
				status: withheld || paidDays === 0 ? 'withheld' : 'paid',
				reportedOn: report.reportedOn
			});
		} else {
			const status: PeriodStatus = i.today < dueOn ? 'upcoming' : i.today > addDays(dueOn, REPORT_GRACE_DAYS - 1) ? 'paused' : 'due';
			periods.push({ periodNo: n, from: start, to, days, dueOn, amountSatang: i.dailySatang * days, status, reportedOn: null });
		}
		left -= days;
		start = addDays(to, 1);
	}
	return { periods, ended: endedOn !== null || (periods.length > 0 && periods.every((p) => p.status === 'paid' || p.status === 'withheld')), endedOn };
}

/** The period a report can be made for today: the oldest unreported period whose due day has come. */
export function reportOpen(periods: readonly PayPeriod[], ended: boolean): PayPeriod | null {
	if (ended) return null;
	return periods.find((p) => (p.status === 'due' || p.status === 'paused') && p.reportedOn === null) ?? null;
}

// ── Payment accounts ────────────────────────────────────────────────────────

/** Thai banks that take benefit transfers, with their account-number length. */
export const THAI_BANKS: readonly { code: string; th: string; en: string; digits: number }[] = [
	{ code: '002', th: 'ธนาคารกรุงเทพ', en: 'Bangkok Bank', digits: 10 },
	{ code: '004', th: 'ธนาคารกสิกรไทย', en: 'Kasikornbank', digits: 10 },
	{ code: '006', th: 'ธนาคารกรุงไทย', en: 'Krungthai Bank', digits: 10 },
	{ code: '011', th: 'ธนาคารทหารไทยธนชาต', en: 'TMBThanachart Bank (ttb)', digits: 10 },
	{ code: '014', th: 'ธนาคารไทยพาณิชย์', en: 'Siam Commercial Bank', digits: 10 },
	{ code: '025', th: 'ธนาคารกรุงศรีอยุธยา', en: 'Bank of Ayudhya (Krungsri)', digits: 10 },
	{ code: '022', th: 'ธนาคารซีไอเอ็มบี ไทย', en: 'CIMB Thai Bank', digits: 10 },
	{ code: '024', th: 'ธนาคารยูโอบี', en: 'UOB Thailand', digits: 10 },
	{ code: '069', th: 'ธนาคารเกียรตินาคินภัทร', en: 'Kiatnakin Phatra Bank', digits: 10 },
	{ code: '067', th: 'ธนาคารทิสโก้', en: 'TISCO Bank', digits: 10 },
	{ code: '073', th: 'ธนาคารแลนด์ แอนด์ เฮ้าส์', en: 'Land and Houses Bank', digits: 10 },
	{ code: '030', th: 'ธนาคารออมสิน', en: 'Government Savings Bank', digits: 12 },
	{ code: '033', th: 'ธนาคารอาคารสงเคราะห์', en: 'Government Housing Bank', digits: 12 },
	{ code: '034', th: 'ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.)', en: 'Bank for Agriculture and Agricultural Cooperatives (BAAC)', digits: 12 },
	{ code: '066', th: 'ธนาคารอิสลามแห่งประเทศไทย', en: 'Islamic Bank of Thailand', digits: 10 }
];

export function bankByCode(code: string) {
	return THAI_BANKS.find((b) => b.code === code) ?? null;
}

/** Digits only; null when the number is not the bank's length. */
export function normaliseAccountNo(bankCode: string, typed: string): string | null {
	const bank = bankByCode(bankCode);
	const digits = typed.replace(/[\s-]/g, '');
	if (!bank || !/^\d+$/.test(digits) || digits.length !== bank.digits) return null;
	return digits;
}

const TITLES = /^(นาย|นางสาว|นาง|น\.ส\.|ด\.ช\.|ด\.ญ\.|mr\.?|mrs\.?|ms\.?|miss)\s*/iu;

/** The account name must be the citizen's own: first and last name, in Thai or English, any title, any spacing. */
export function accountNameMatches(typed: string, names: { th: [string, string]; en: [string, string] }): boolean {
	const norm = (s: string) => s.normalize('NFC').trim().replace(TITLES, '').replace(/\s+/g, ' ').toLowerCase();
	const t = norm(typed);
	return t === norm(names.th.join(' ')) || t === norm(names.en.join(' '));
}
