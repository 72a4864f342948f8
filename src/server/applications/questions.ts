/**
 * The question types the application steps are built from (as forms-runner's question classes): each knows the
 * fields it shows, how it reads and checks what was sent, and how its answer reads on the "check your answers"
 * page. A step asks one or more; the generic question page renders their fields and runs their reads in order.
 */
import { m } from '$lib/paraglide/messages';
import type { ProvedAction } from '$lib/rules/assurance';
import { beYearMessage } from '$lib/validation/forms';
import type { FieldErrors, MessageKey, Msg } from '$lib/validation/messages';
import { parseBirthDateBE, isoToBeParts } from '$lib/validation/be-date';
import { isPlainText } from '$lib/validation/text';
import { formatDateLong } from '$lib/format/date';
import { THAI_BANKS, bankByCode, normaliseAccountNo, accountNameMatches } from '$lib/rules/applications';
import type { Locale } from '$lib/i18n';

export interface Option {
	value: string;
	label: string;
	hint?: string;
}

/** What the question page draws: one entry per input (a date is one entry of three boxes). */
export type Field =
	| {
			type: 'radio';
			name: string;
			legend: string;
			hint?: string;
			options: Option[];
			value: string;
			error?: Msg;
			/** follow-up fields shown under a choice: choice value → field names */
			reveal?: Record<string, string[]>;
			/** a long list: the page offers a search box that narrows it, with this label */
			search?: { label: string };
	  }
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
	  }
	| { type: 'select'; name: string; label: string; hint?: string; options: Option[]; value: string; error?: Msg };

export interface StepEnv<C> {
	ctx: C;
	today: string;
	locale: Locale;
}

/** The form as sent: every value a string. */
export type Sent = Record<string, string>;

/** A question's (or a step's) reading of the form: the new answers, or what to fix. `stop` ends the application with a reason. */
export type Read<A> = { ok: true; answers: A; stop?: string } | { ok: false; errors: FieldErrors };

export interface Row {
	label: string;
	value: string;
}

export interface Question<A, C> {
	/** `typed` is the form as sent when it is shown again with errors; null shows the saved answers */
	fields(e: StepEnv<C>, a: A, typed: Sent | null, errors: FieldErrors): Field[];
	read(form: Sent, e: StepEnv<C>, a: A): Read<A>;
	/** rows on the check page; a row without a value marks the question unanswered */
	summary(a: A, e: StepEnv<C>): Row[];
}

export interface Step<A, C> {
	id: string;
	/** the question: the page's h1 */
	title: (e: StepEnv<C>, a: A) => string;
	lead?: (e: StepEnv<C>, a: A) => string[];
	/** a block of the kind's own above the fields: the name of one of its Svelte components (src/lib/applications) */
	block?: string;
	applies?: (a: A) => boolean;
	/**
	 * The answer moves money or identity (the bank account benefits are paid into): the account must hold the higher
	 * level of identity proof to give it (src/lib/rules/assurance.ts); a lower one is sent to prove it first.
	 */
	proof?: ProvedAction;
	questions: Question<A, C>[];
}

/** The first step of the flow (as answered so far) that needs the higher level of identity proof, if any. */
export function stepNeedingProof<A, C>(steps: Step<A, C>[], answers: A): Step<A, C> | null {
	return stepsFor(steps, answers).find((s) => s.proof) ?? null;
}

/** The answer keys of A whose values are V (or not given yet). */
type KeysOf<A, V> = { [K in keyof A]-?: NonNullable<A[K]> extends V ? K & string : never }[keyof A];

const put = <A, K extends keyof A>(a: A, key: K, v: A[K]): A => ({ ...a, [key]: v });
const trimmed = (s: string | undefined) => (s ?? '').trim();

// ── choice: radios (a long list with a search box), or a drop-down ──────────

export function choice<A, C, K extends KeysOf<A, string>>(q: {
	key: K;
	/** the question; a drop-down's label */
	legend: (e: StepEnv<C>, a: A) => string;
	hint?: (e: StepEnv<C>, a: A) => string;
	options: (e: StepEnv<C>, a: A) => (Option & { value: NonNullable<A[K]> & string })[];
	/** when nothing (or something not offered) is chosen */
	error: MessageKey;
	/** a long fixed list (the provinces) as a drop-down instead of radios */
	dropdown?: boolean;
	/** the choice before the citizen has made one (from the registry) */
	initial?: (e: StepEnv<C>) => string | undefined;
	/** a choice that ends the application, with the reason the start page shows */
	stops?: Partial<Record<NonNullable<A[K]> & string, string>>;
	reveal?: Partial<Record<NonNullable<A[K]> & string, string[]>>;
	/** a long list of radios: the label of the search box that narrows it */
	search?: () => string;
	/** what else changes with the answer (a choice that depended on it is asked again) */
	then?: (next: A, before: A) => A;
	/** how the answer reads on the check page, when not the option's label */
	summary?: (a: A, e: StepEnv<C>) => Row;
}): Question<A, C> {
	const saved = (a: A) => a[q.key] as (NonNullable<A[K]> & string) | undefined;
	return {
		fields: (e, a, typed, errors) => {
			const shown = {
				name: q.key,
				hint: q.hint?.(e, a),
				options: q.options(e, a),
				value: typed?.[q.key] ?? saved(a) ?? q.initial?.(e) ?? '',
				error: errors[q.key]
			};
			if (q.dropdown) return [{ type: 'select', label: q.legend(e, a), ...shown }];
			return [
				{ type: 'radio', legend: q.legend(e, a), ...shown, reveal: q.reveal as Record<string, string[]> | undefined, search: q.search && { label: q.search() } }
			];
		},
		read: (form, e, a) => {
			// only what was offered: a value sent from outside the list is refused
			const o = q.options(e, a).find((o) => o.value === form[q.key]);
			if (!o) return { ok: false, errors: { [q.key]: q.error } };
			const stop = q.stops?.[o.value];
			const next = put(a, q.key, o.value);
			return { ok: true, answers: q.then ? q.then(next, a) : next, ...(stop ? { stop } : {}) };
		},
		summary: (a, e) => {
			if (q.summary) return [q.summary(a, e)];
			const v = saved(a);
			return [{ label: q.legend(e, a), value: v ? (q.options(e, a).find((o) => o.value === v)?.label ?? '') : '' }];
		}
	};
}

// ── text: one line of plain text ─────────────────────────────────────────────

export function textLine<A, C, K extends KeysOf<A, string>>(q: {
	key: K;
	label: () => string;
	hint?: () => string;
	error: MessageKey;
	max: number;
	initial?: (e: StepEnv<C>) => string;
	/** asked only when an earlier answer calls for it (the field is then revealed by that choice) */
	when?: (a: A) => boolean;
	/** shown on the check page as part of another answer */
	noSummary?: boolean;
	autocomplete?: string;
}): Question<A, C> {
	return {
		fields: (e, a, typed, errors) => [
			{
				type: 'text',
				name: q.key,
				label: q.label(),
				hint: q.hint?.(),
				value: typed?.[q.key] ?? (a[q.key] as string | undefined) ?? q.initial?.(e) ?? '',
				error: errors[q.key],
				autocomplete: q.autocomplete
			}
		],
		read: (form, _e, a) => {
			if (q.when && !q.when(a)) return { ok: true, answers: put(a, q.key, undefined as A[K]) };
			const v = trimmed(form[q.key]);
			if (!v || v.length > q.max || !isPlainText(v)) return { ok: false, errors: { [q.key]: q.error } };
			return { ok: true, answers: put(a, q.key, v as A[K]) };
		},
		summary: (a) => (q.noSummary ? [] : [{ label: q.label(), value: (a[q.key] as string | undefined) ?? '' }])
	};
}

// ── date: day, month and year in พ.ศ. ────────────────────────────────────────

export function dateBE<A, C, K extends KeysOf<A, string>>(q: {
	key: K;
	/** the three boxes are named <prefix>Day, <prefix>Month and <prefix>Year; errors go under <prefix> */
	prefix: string;
	legend: () => string;
	hint?: (e: StepEnv<C>) => string;
	error: MessageKey;
	/** the latest date allowed (a year after it is named as ค.ศ. when it is one); none when the check says why */
	notAfterToday?: boolean;
	/** a further rule on a real date: the message, or null when it is right */
	check?: (iso: string, e: StepEnv<C>, a: A) => Msg | null;
	initial?: (e: StepEnv<C>) => string;
}): Question<A, C> {
	const p = q.prefix;
	return {
		fields: (e, a, typed, errors) => {
			const iso = (a[q.key] as string | undefined) ?? q.initial?.(e) ?? '';
			const values = typed
				? { day: typed[`${p}Day`] ?? '', month: typed[`${p}Month`] ?? '', year: typed[`${p}Year`] ?? '' }
				: iso
					? isoToBeParts(iso)
					: { day: '', month: '', year: '' };
			return [{ type: 'date', prefix: p, legend: q.legend(), hint: q.hint?.(e), values, error: errors[p] }];
		},
		read: (form, e, a) => {
			const [day, month, year] = [form[`${p}Day`] ?? '', form[`${p}Month`] ?? '', form[`${p}Year`] ?? ''];
			const d = parseBirthDateBE(day, month, year, q.notAfterToday ? e.today : '9999-12-31');
			if (!d.ok) return { ok: false, errors: { [p]: q.notAfterToday && d.field === 'year' ? beYearMessage(year, e.today, q.error) : q.error } };
			const problem = q.check?.(d.iso, e, a);
			if (problem) return { ok: false, errors: { [p]: problem } };
			return { ok: true, answers: put(a, q.key, d.iso as A[K]) };
		},
		summary: (a, e) => {
			const v = a[q.key] as string | undefined;
			return [{ label: q.legend(), value: v ? formatDateLong(v, e.locale) : '' }];
		}
	};
}

// ── address: a Thai postal address ───────────────────────────────────────────

export interface Address {
	line: string;
	subdistrict: string;
	district: string;
	province: string;
	postcode: string;
}

export function address<A, C, K extends KeysOf<A, Address>>(q: { key: K; label: () => string }): Question<A, C> {
	const saved = (a: A) => a[q.key] as Address | undefined;
	const parts = [
		{ name: 'line', label: m.f_addr_line, max: 200, error: 'err_addr_line', extra: { hint: m.f_addr_line_hint(), autocomplete: 'address-line1' } },
		{ name: 'subdistrict', label: m.f_addr_subdistrict, max: 100, error: 'err_addr_subdistrict', extra: {} },
		{ name: 'district', label: m.f_addr_district, max: 100, error: 'err_addr_district', extra: { autocomplete: 'address-level2' } },
		{ name: 'province', label: m.f_addr_province, max: 100, error: 'err_addr_province', extra: { autocomplete: 'address-level1' } }
	] as const;
	return {
		fields: (_e, a, typed, errors) => {
			const v: Partial<Record<keyof Address, string>> = typed ?? saved(a) ?? {};
			return [
				...parts.map((f): Field => ({ type: 'text', name: f.name, label: f.label(), value: v[f.name] ?? '', error: errors[f.name], ...f.extra })),
				{
					type: 'text',
					name: 'postcode',
					label: m.f_addr_postcode(),
					value: v.postcode ?? '',
					error: errors.postcode,
					inputmode: 'numeric',
					autocomplete: 'postal-code',
					width: 'w-code'
				}
			];
		},
		read: (form, _e, a) => {
			const v: Address = {
				line: trimmed(form.line),
				subdistrict: trimmed(form.subdistrict),
				district: trimmed(form.district),
				province: trimmed(form.province),
				postcode: trimmed(form.postcode).replace(/\s/g, '')
			};
			const errors: FieldErrors = {};
			for (const f of parts) if (!v[f.name] || v[f.name].length > f.max || !isPlainText(v[f.name])) errors[f.name] = f.error;
			if (!/^[1-9]\d{4}$/.test(v.postcode)) errors.postcode = 'err_addr_postcode';
			return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers: put(a, q.key, v as A[K]) };
		},
		summary: (a) => {
			const v = saved(a);
			return [
				{
					label: q.label(),
					value: v ? `${v.line} ${m.addr_subdistrict_prefix()}${v.subdistrict} ${m.addr_district_prefix()}${v.district} ${v.province} ${v.postcode}` : ''
				}
			];
		}
	};
}

// ── bank account: PromptPay on the national ID, or an account in the citizen's own name ──

export type PaymentAccount = { method: 'promptpay' } | { method: 'bank'; bankCode: string; accountNo: string; accountName: string };

export function bankAccount<A, C, K extends KeysOf<A, PaymentAccount>>(q: {
	key: K;
	legend: () => string;
	/** the names the account must be in (Thai and English) */
	owner: (e: StepEnv<C>) => { th: [string, string]; en: [string, string] };
}): Question<A, C> {
	const saved = (a: A) => a[q.key] as PaymentAccount | undefined;
	const bankName = (code: string, locale: Locale) => {
		const b = bankByCode(code);
		return locale !== 'th' ? b?.en : b?.th;
	};
	return {
		fields: (e, a, typed, errors) => {
			const p = saved(a);
			const bank = p?.method === 'bank' ? p : null;
			return [
				{
					type: 'radio',
					name: 'method',
					legend: q.legend(),
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
					options: THAI_BANKS.map((b) => ({ value: b.code, label: e.locale !== 'th' ? b.en : b.th })),
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
		read: (form, e, a) => {
			if (form.method === 'promptpay') return { ok: true, answers: put(a, q.key, { method: 'promptpay' } as A[K]) };
			if (form.method !== 'bank') return { ok: false, errors: { method: 'err_choose_one' } };
			const errors: FieldErrors = {};
			const bank = bankByCode(form.bankCode ?? '');
			if (!bank) errors.bankCode = 'err_bank';
			const accountNo = bank ? normaliseAccountNo(bank.code, form.accountNo ?? '') : null;
			if (bank && !accountNo) errors.accountNo = { key: 'err_account_no', params: { digits: bank.digits } };
			const accountName = trimmed(form.accountName).replace(/\s+/g, ' ');
			if (!accountNameMatches(accountName, q.owner(e))) errors.accountName = 'err_account_name';
			if (!bank || !accountNo || Object.keys(errors).length) return { ok: false, errors };
			return { ok: true, answers: put(a, q.key, { method: 'bank', bankCode: bank.code, accountNo, accountName } as A[K]) };
		},
		summary: (a, e) => {
			const p = saved(a);
			if (!p) return [];
			if (p.method === 'promptpay') return [{ label: q.legend(), value: m.pay_promptpay() }];
			return [{ label: q.legend(), value: `${bankName(p.bankCode, e.locale)} ${p.accountNo} (${p.accountName})` }];
		}
	};
}

// ── steps ────────────────────────────────────────────────────────────────────

/** The fields of a step's questions, in order. */
export function stepFields<A, C>(s: Step<A, C>, e: StepEnv<C>, a: A, typed: Sent | null, errors: FieldErrors): Field[] {
	return s.questions.flatMap((q) => q.fields(e, a, typed, errors));
}

/** Read every question of a step: each sees the answers as the ones before it left them; all errors at once. */
export function readStep<A, C>(s: Step<A, C>, form: Sent, e: StepEnv<C>, a: A): Read<A> {
	let answers = a;
	let stop: string | undefined;
	const errors: FieldErrors = {};
	for (const q of s.questions) {
		const r = q.read(form, e, answers);
		if (!r.ok) Object.assign(errors, r.errors);
		else {
			answers = r.answers;
			stop ??= r.stop;
		}
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return stop ? { ok: true, answers, stop } : { ok: true, answers };
}

export function stepSummary<A, C>(s: Step<A, C>, a: A, e: StepEnv<C>): Row[] {
	return s.questions.flatMap((q) => q.summary(a, e));
}

/** The steps that apply to these answers, in order. */
export function stepsFor<A, C>(steps: Step<A, C>[], a: A): Step<A, C>[] {
	return steps.filter((s) => !s.applies || s.applies(a));
}

/** The first applicable step whose answer is missing, or null when every question is answered. */
export function firstUnanswered<A, C>(steps: Step<A, C>[], e: StepEnv<C>, a: A): string | null {
	for (const s of stepsFor(steps, a)) {
		const rows = stepSummary(s, a, e);
		if (rows.length === 0 || rows.some((r) => !r.value)) return s.id;
	}
	return null;
}
