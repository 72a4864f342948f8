/**
 * The question pages of the three applications, one question per page (GOV.UK pattern). Each step says what it
 * asks, how to read and check the answer, and how it reads on the "check your answers" page. The generic routes
 * /apply/[kind]/[step] render and run them; answers live in a server-side draft, so reload and Back keep them.
 */
import { m } from '$lib/paraglide/messages';
import { beYearMessage } from '$lib/validation/forms';
import { type FieldErrors, type Msg } from '$lib/validation/messages';
import { parseBirthDateBE, isoToBeParts } from '$lib/validation/be-date';
import { isPlainText } from '$lib/validation/text';
import { formatDateLong } from '$lib/format/date';
import { formatBaht } from '$lib/money';
import { provinceName, PROVINCES } from '$lib/format/provinces';
import { THAI_BANKS, bankByCode, normaliseAccountNo, accountNameMatches } from '$lib/rules/applications';
import { S40_OPTIONS } from '$lib/rules/rates';
import { section40Context, type S40Answers } from './section40';
import { unemploymentContext, CLAIM_CAUSES, type UnemploymentAnswers, type ClaimCause } from './unemployment';
import { hospitalContext, hospitalsIn, hospitalByCode, type HospitalAnswers } from './hospital';
import { MOVE_KINDS, earliestMoveDate, moveProblem, requiredProvince, type MoveKind } from '$lib/rules/hospital-move';
import type { Kind } from './store';
import type { Locale } from '$lib/i18n';

export interface Option {
	value: string;
	label: string;
	hint?: string;
}

export type Field =
	| { type: 'radio'; name: string; legend: string; hint?: string; options: Option[]; value: string; error?: Msg; reveal?: Record<string, string[]> }
	| {
			type: 'text';
			name: string;
			label: string;
			hint?: string;
			value: string;
			error?: Msg;
			inputmode?: 'numeric' | 'text';
			autocomplete?: string;
			width?: string;
	  }
	| {
			type: 'date';
			prefix: string;
			legend: string;
			hint?: string;
			values: { day: string; month: string; year: string };
			error?: Msg;
			errorPart?: 'day' | 'month' | 'year';
	  }
	| { type: 'select'; name: string; label: string; hint?: string; options: Option[]; value: string; error?: Msg };

export interface StepEnv<C> {
	ctx: C;
	today: string;
	locale: Locale;
}

export interface Step<A, C> {
	id: string;
	/** the question: the page's h1 */
	title: (e: StepEnv<C>, a: A) => string;
	lead?: (e: StepEnv<C>, a: A) => string[];
	/** a special block above the fields */
	block?: 'section40_options' | 'hospital_list';
	applies?: (a: A) => boolean;
	fields: (e: StepEnv<C>, a: A, typed: Record<string, string> | null, errors: FieldErrors) => Field[];
	/** read the form: either the new answers or the errors (keyed by field name, first error first) */
	read: (form: Record<string, string>, e: StepEnv<C>, a: A) => { answers: A } | { errors: FieldErrors } | { stop: string; answers: A };
	/** rows for the "check your answers" page */
	summary: (a: A, e: StepEnv<C>) => { label: string; value: string }[];
}

export interface FlowDef<A, C> {
	kind: Kind;
	slug: string;
	title: () => string;
	context: (nationalId: string, today: string, a: A) => C;
	steps: Step<A, C>[];
}

const required = (s: string | undefined) => (s ?? '').trim();

/** A real day, month and Buddhist Era year as ISO, or null; the caller checks the range (so it can say which end failed). */
function parseDateBE(day: string, month: string, yearBE: string): string | null {
	const r = parseBirthDateBE(day, month, yearBE, '9999-12-31');
	return r.ok ? r.iso : null;
}

function dateField(prefix: string, legend: string, hint: string | undefined, iso: string, typed: Record<string, string> | null, error?: Msg): Field {
	const v = typed
		? { day: typed[`${prefix}Day`] ?? '', month: typed[`${prefix}Month`] ?? '', year: typed[`${prefix}Year`] ?? '' }
		: iso
			? isoToBeParts(iso)
			: { day: '', month: '', year: '' };
	return { type: 'date', prefix, legend, hint, values: v, error };
}

// ── Section 40 ──────────────────────────────────────────────────────────────

export const OCCUPATIONS = ['trader', 'farmer', 'driver', 'labourer', 'freelance', 'other'] as const;
const occupationLabel = (o: string) =>
	({
		trader: m.s40_occ_trader(),
		farmer: m.s40_occ_farmer(),
		driver: m.s40_occ_driver(),
		labourer: m.s40_occ_labourer(),
		freelance: m.s40_occ_freelance(),
		other: m.s40_occ_other()
	})[o] ?? o;

type S40Ctx = ReturnType<typeof section40Context>;

export const section40Flow: FlowDef<S40Answers, S40Ctx> = {
	kind: 'section40',
	slug: 'section40',
	title: () => m.app_kind_section40(),
	context: (id, today) => section40Context(id, today),
	steps: [
		{
			id: 'pensioner',
			title: () => m.s40_q_pensioner(),
			fields: (_e, a, typed, errors) => [
				{
					type: 'radio',
					name: 'pensioner',
					legend: m.s40_q_pensioner(),
					hint: m.s40_q_pensioner_hint(),
					options: [
						{ value: 'no', label: m.answer_no() },
						{ value: 'yes', label: m.answer_yes() }
					],
					value: typed?.pensioner ?? a.pensioner ?? '',
					error: errors.pensioner
				}
			],
			read: (f, _e, a) => {
				if (f.pensioner !== 'yes' && f.pensioner !== 'no') return { errors: { pensioner: 'err_choose_one' } };
				const answers = { ...a, pensioner: f.pensioner } as S40Answers;
				return f.pensioner === 'yes' ? { stop: 'pensioner', answers } : { answers };
			},
			summary: (a) => [{ label: m.s40_q_pensioner(), value: a.pensioner === 'no' ? m.answer_no() : m.answer_yes() }]
		},
		{
			id: 'address',
			title: () => m.s40_q_address(),
			lead: () => [m.s40_q_address_lead()],
			fields: (_e, a, typed, errors) => {
				const v = typed ?? a.address ?? { line: '', subdistrict: '', district: '', province: '', postcode: '' };
				const t = (name: keyof NonNullable<S40Answers['address']>, label: string, extra: Partial<Extract<Field, { type: 'text' }>> = {}): Field => ({
					type: 'text',
					name,
					label,
					value: (v as Record<string, string>)[name] ?? '',
					error: errors[name],
					...extra
				});
				return [
					t('line', m.f_addr_line(), { hint: m.f_addr_line_hint(), autocomplete: 'address-line1' }),
					t('subdistrict', m.f_addr_subdistrict()),
					t('district', m.f_addr_district(), { autocomplete: 'address-level2' }),
					t('province', m.f_addr_province(), { autocomplete: 'address-level1' }),
					t('postcode', m.f_addr_postcode(), { inputmode: 'numeric', autocomplete: 'postal-code', width: 'w-code' })
				];
			},
			read: (f, _e, a) => {
				const addr = {
					line: required(f.line),
					subdistrict: required(f.subdistrict),
					district: required(f.district),
					province: required(f.province),
					postcode: required(f.postcode).replace(/\s/g, '')
				};
				const errors: FieldErrors = {};
				if (!addr.line || addr.line.length > 200 || !isPlainText(addr.line)) errors.line = 'err_addr_line';
				if (!addr.subdistrict || addr.subdistrict.length > 100 || !isPlainText(addr.subdistrict)) errors.subdistrict = 'err_addr_subdistrict';
				if (!addr.district || addr.district.length > 100 || !isPlainText(addr.district)) errors.district = 'err_addr_district';
				if (!addr.province || addr.province.length > 100 || !isPlainText(addr.province)) errors.province = 'err_addr_province';
				if (!/^[1-9]\d{4}$/.test(addr.postcode)) errors.postcode = 'err_addr_postcode';
				return Object.keys(errors).length ? { errors } : { answers: { ...a, address: addr } };
			},
			summary: (a) => [
				{
					label: m.s40_q_address(),
					value: a.address
						? `${a.address.line} ${m.addr_subdistrict_prefix()}${a.address.subdistrict} ${m.addr_district_prefix()}${a.address.district} ${a.address.province} ${a.address.postcode}`
						: ''
				}
			]
		},
		{
			id: 'occupation',
			title: () => m.s40_q_occupation(),
			fields: (_e, a, typed, errors) => [
				{
					type: 'radio',
					name: 'occupation',
					legend: m.s40_q_occupation(),
					options: OCCUPATIONS.map((o) => ({ value: o, label: occupationLabel(o) })),
					value: typed?.occupation ?? a.occupation ?? '',
					error: errors.occupation,
					reveal: { other: ['occupationOther'] }
				},
				{
					type: 'text',
					name: 'occupationOther',
					label: m.s40_occ_other_label(),
					value: typed?.occupationOther ?? a.occupationOther ?? '',
					error: errors.occupationOther
				}
			],
			read: (f, _e, a) => {
				if (!(OCCUPATIONS as readonly string[]).includes(f.occupation ?? '')) return { errors: { occupation: 'err_choose_one' } };
				const other = required(f.occupationOther);
				if (f.occupation === 'other' && (!other || other.length > 100 || !isPlainText(other))) return { errors: { occupationOther: 'err_occupation_other' } };
				return { answers: { ...a, occupation: f.occupation, occupationOther: f.occupation === 'other' ? other : undefined } };
			},
			summary: (a) => [{ label: m.s40_q_occupation(), value: a.occupation === 'other' ? (a.occupationOther ?? '') : occupationLabel(a.occupation ?? '') }]
		},
		{
			id: 'option',
			title: () => m.s40_q_option(),
			block: 'section40_options',
			fields: (_e, a, typed, errors) => [
				{
					type: 'radio',
					name: 'option',
					legend: m.s40_q_option_legend(),
					options: ([1, 2, 3] as const).map((o) => ({
						value: String(o),
						label: m.s40_option_label({ n: o, amount: formatBaht(S40_OPTIONS[o].insuredSatang) }),
						hint: m.s40_option_hint({ gov: formatBaht(S40_OPTIONS[o].governmentSatang) })
					})),
					value: typed?.option ?? a.option ?? '',
					error: errors.option
				}
			],
			read: (f, _e, a) =>
				['1', '2', '3'].includes(f.option ?? '') ? { answers: { ...a, option: f.option as '1' | '2' | '3' } } : { errors: { option: 'err_choose_option' } },
			summary: (a) => [
				{
					label: m.s40_q_option_legend(),
					value: a.option ? m.s40_option_label({ n: a.option, amount: formatBaht(S40_OPTIONS[Number(a.option) as 1 | 2 | 3].insuredSatang) }) : ''
				}
			]
		}
	]
};

// ── Unemployment ────────────────────────────────────────────────────────────

type UneCtx = ReturnType<typeof unemploymentContext>;

export const causeLabel = (c: string): string =>
	({
		dismissed: m.cause_dismissed(),
		business_closed: m.cause_business_closed(),
		resigned: m.cause_resigned(),
		contract_ended: m.cause_contract_ended(),
		force_majeure: m.cause_force_majeure()
	})[c] ?? c;

export const unemploymentFlow: FlowDef<UnemploymentAnswers, UneCtx> = {
	kind: 'unemployment',
	slug: 'unemployment',
	title: () => m.app_kind_unemployment(),
	context: (id, today) => unemploymentContext(id, today),
	steps: [
		{
			id: 'last-job',
			title: () => m.une_q_last_job(),
			lead: () => [m.une_q_last_job_lead()],
			fields: (e, a, typed, errors) => [
				{
					type: 'text',
					name: 'employer',
					label: m.f_employer(),
					value: typed?.employer ?? a.employer ?? e.ctx.prefill.employer,
					error: errors.employer
				},
				dateField('lwd', m.f_last_working_day(), m.f_last_working_day_hint(), a.lastWorkingDay ?? e.ctx.prefill.lastWorkingDay, typed, errors.lwd)
			],
			read: (f, e, a) => {
				const errors: FieldErrors = {};
				const employer = required(f.employer);
				if (!employer || employer.length > 200 || !isPlainText(employer)) errors.employer = 'err_employer';
				const d = parseBirthDateBE(f.lwdDay ?? '', f.lwdMonth ?? '', f.lwdYear ?? '', e.today);
				if (!d.ok) errors.lwd = d.field === 'year' ? beYearMessage(f.lwdYear ?? '', e.today, 'err_last_working_day') : 'err_last_working_day';
				if (Object.keys(errors).length || !d.ok) return { errors };
				return { answers: { ...a, employer, lastWorkingDay: d.iso } };
			},
			summary: (a, e) => [
				{ label: m.f_employer(), value: a.employer ?? '' },
				{ label: m.f_last_working_day(), value: a.lastWorkingDay ? formatDateLong(a.lastWorkingDay, e.locale) : '' }
			]
		},
		{
			id: 'reason',
			title: () => m.une_q_reason(),
			fields: (e, a, typed, errors) => [
				{
					type: 'radio',
					name: 'cause',
					legend: m.une_q_reason(),
					hint: m.une_q_reason_hint(),
					options: CLAIM_CAUSES.map((c) => ({ value: c, label: causeLabel(c) })),
					value: typed?.cause ?? a.cause ?? e.ctx.prefill.cause ?? '',
					error: errors.cause
				}
			],
			read: (f, _e, a) =>
				(CLAIM_CAUSES as readonly string[]).includes(f.cause ?? '')
					? { answers: { ...a, cause: f.cause as ClaimCause } }
					: { errors: { cause: 'err_choose_one' } },
			summary: (a) => [{ label: m.une_q_reason(), value: causeLabel(a.cause ?? '') }]
		},
		{
			id: 'payment',
			title: () => m.une_q_payment(),
			fields: (e, a, typed, errors) => {
				const p = a.payment;
				const bank = p?.method === 'bank' ? p : null;
				return [
					{
						type: 'radio',
						name: 'method',
						legend: m.une_q_payment(),
						options: [
							{ value: 'promptpay', label: m.pay_promptpay(), hint: m.pay_promptpay_hint() },
							{ value: 'bank', label: m.pay_bank() }
						],
						value: typed?.method ?? p?.method ?? 'promptpay',
						error: errors.method,
						reveal: { bank: ['bankCode', 'accountNo', 'accountName'] }
					},
					{
						type: 'select',
						name: 'bankCode',
						label: m.f_bank(),
						options: THAI_BANKS.map((b) => ({ value: b.code, label: e.locale === 'en' ? b.en : b.th })),
						value: typed?.bankCode ?? bank?.bankCode ?? '',
						error: errors.bankCode
					},
					{
						type: 'text',
						name: 'accountNo',
						label: m.f_account_no(),
						hint: m.f_account_no_hint(),
						inputmode: 'numeric',
						autocomplete: 'off',
						value: typed?.accountNo ?? bank?.accountNo ?? '',
						error: errors.accountNo
					},
					{
						type: 'text',
						name: 'accountName',
						label: m.f_account_name(),
						hint: m.f_account_name_hint(),
						value: typed?.accountName ?? bank?.accountName ?? '',
						error: errors.accountName
					}
				];
			},
			read: (f, e, a) => {
				if (f.method === 'promptpay') return { answers: { ...a, payment: { method: 'promptpay' } } };
				if (f.method !== 'bank') return { errors: { method: 'err_choose_one' } };
				const errors: FieldErrors = {};
				const bank = bankByCode(f.bankCode ?? '');
				if (!bank) errors.bankCode = 'err_bank';
				const accountNo = bank ? normaliseAccountNo(bank.code, f.accountNo ?? '') : null;
				if (bank && !accountNo) errors.accountNo = { key: 'err_account_no', params: { digits: bank.digits } };
				const p = e.ctx.records.person;
				const accountName = required(f.accountName).replace(/\s+/g, ' ');
				if (!accountNameMatches(accountName, { th: [p.firstNameTh, p.lastNameTh], en: [p.firstNameEn, p.lastNameEn] })) errors.accountName = 'err_account_name';
				if (Object.keys(errors).length) return { errors };
				return { answers: { ...a, payment: { method: 'bank', bankCode: bank!.code, accountNo: accountNo!, accountName } } };
			},
			summary: (a, e) => {
				const p = a.payment;
				if (!p) return [];
				if (p.method === 'promptpay') return [{ label: m.une_q_payment(), value: m.pay_promptpay() }];
				const bank = bankByCode(p.bankCode);
				return [{ label: m.une_q_payment(), value: `${e.locale === 'en' ? bank?.en : bank?.th} ${p.accountNo} (${p.accountName})` }];
			}
		}
	]
};

// ── Hospital change ─────────────────────────────────────────────────────────

type HosCtx = ReturnType<typeof hospitalContext>;

const movedWhatLabel = (k: string) => (k === 'home' ? m.hos_moved_home() : m.hos_moved_workplace());
const provinceQuestion = (a: HospitalAnswers) => (a.movedWhat === 'home' ? m.hos_q_province_home() : m.hos_q_province_workplace());

export const hospitalFlow: FlowDef<HospitalAnswers, HosCtx> = {
	kind: 'hospital',
	slug: 'hospital',
	title: () => m.app_kind_hospital(),
	context: (id, today, a) => hospitalContext(id, today, !!a.moved),
	steps: [
		{
			id: 'moved-what',
			applies: (a) => !!a.moved,
			title: () => m.hos_q_moved_what(),
			fields: (_e, a, typed, errors) => [
				{
					type: 'radio',
					name: 'movedWhat',
					legend: m.hos_q_moved_what(),
					hint: m.hos_q_moved_what_hint(),
					options: MOVE_KINDS.map((k) => ({ value: k, label: movedWhatLabel(k) })),
					value: typed?.movedWhat ?? a.movedWhat ?? '',
					error: errors.movedWhat
				}
			],
			read: (f, _e, a) =>
				(MOVE_KINDS as readonly string[]).includes(f.movedWhat ?? '')
					? { answers: { ...a, movedWhat: f.movedWhat as MoveKind } }
					: { errors: { movedWhat: 'err_moved_what' } },
			summary: (a) => [{ label: m.hos_q_moved_what(), value: a.movedWhat ? movedWhatLabel(a.movedWhat) : '' }]
		},
		{
			id: 'province',
			applies: (a) => !!a.moved,
			title: (_e, a) => provinceQuestion(a),
			fields: (e, a, typed, errors) => [
				{
					type: 'select',
					name: 'province',
					label: provinceQuestion(a),
					hint: m.hos_q_province_hint(),
					options: PROVINCES.map(([th]) => ({ value: th, label: provinceName(th, e.locale) })),
					value: typed?.province ?? a.province ?? e.ctx.workProvince ?? '',
					error: errors.province
				}
			],
			read: (f, _e, a) =>
				PROVINCES.some(([th]) => th === f.province)
					? { answers: { ...a, province: f.province, hospitalCode: f.province === a.province ? a.hospitalCode : undefined } }
					: { errors: { province: 'err_province' } },
			summary: (a, e) => [{ label: provinceQuestion(a), value: provinceName(a.province ?? '', e.locale) }]
		},
		{
			id: 'moved-on',
			applies: (a) => !!a.moved,
			title: () => m.hos_q_moved_on(),
			fields: (e, a, typed, errors) => [
				dateField(
					'movedOn',
					m.hos_moved_on_label(),
					m.hos_q_moved_on_hint({ from: formatDateLong(earliestMoveDate(e.today), e.locale) }),
					a.movedOn ?? '',
					typed,
					errors.movedOn
				)
			],
			read: (f, e, a) => {
				const d = parseDateBE(f.movedOnDay ?? '', f.movedOnMonth ?? '', f.movedOnYear ?? '');
				if (!d) return { errors: { movedOn: 'err_moved_on' } };
				const problem = moveProblem({ movedWhat: a.movedWhat, province: a.province, movedOn: d }, e.today);
				if (problem === 'moved_on_future') return { errors: { movedOn: 'err_moved_on_future' } };
				if (problem === 'moved_on_too_old')
					return { errors: { movedOn: { key: 'err_moved_on_too_old', params: { from: formatDateLong(earliestMoveDate(e.today), e.locale) } } } };
				return { answers: { ...a, movedOn: d } };
			},
			summary: (a, e) => [{ label: m.hos_moved_on_label(), value: a.movedOn ? formatDateLong(a.movedOn, e.locale) : '' }]
		},
		{
			id: 'choose',
			title: () => m.hos_q_choose(),
			block: 'hospital_list',
			lead: (e, a) => [m.hos_q_choose_lead({ province: provinceName(requiredProvince(a, e.ctx.workProvince) ?? '', e.locale) })],
			fields: (e, a, typed, errors) => [
				{
					type: 'radio',
					name: 'hospitalCode',
					legend: m.hos_q_choose(),
					options: hospitalsIn(requiredProvince(a, e.ctx.workProvince) ?? '', e.ctx.current?.code ?? null).map((h) => ({
						value: h.code,
						label: e.locale === 'en' ? h.nameEn : h.nameTh,
						hint: `${h.type === 'private' ? m.hos_type_private() : m.hos_type_public()} · ${m.hos_district()} ${e.locale === 'en' ? h.districtEn : h.districtTh}`
					})),
					value: typed?.hospitalCode ?? a.hospitalCode ?? '',
					error: errors.hospitalCode
				}
			],
			read: (f, e, a) => {
				// the list is a convenience: a code sent from outside it (another province, the current hospital) is refused here
				const h = hospitalByCode(f.hospitalCode ?? '');
				if (!h || h.province !== requiredProvince(a, e.ctx.workProvince) || h.code === e.ctx.current?.code)
					return { errors: { hospitalCode: 'err_choose_hospital' } };
				return { answers: { ...a, hospitalCode: h.code } };
			},
			summary: (a, e) => {
				const h = a.hospitalCode ? hospitalByCode(a.hospitalCode) : undefined;
				return [{ label: m.hos_new(), value: h ? (e.locale === 'en' ? h.nameEn : h.nameTh) : '' }];
			}
		}
	]
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const FLOWS: Record<string, FlowDef<any, any>> = { section40: section40Flow, unemployment: unemploymentFlow, hospital: hospitalFlow };

/** The steps that apply to these answers, in order. */
export function stepsFor<A, C>(flow: FlowDef<A, C>, a: A): Step<A, C>[] {
	return flow.steps.filter((s) => !s.applies || s.applies(a));
}

/** The step after this one for these answers, or null after the last. */
export function nextStep<A, C>(flow: FlowDef<A, C>, a: A, after: string): Step<A, C> | null {
	const steps = stepsFor(flow, a);
	const i = steps.findIndex((s) => s.id === after);
	return steps[i + 1] ?? null;
}
