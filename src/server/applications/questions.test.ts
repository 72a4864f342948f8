import { describe, expect, it } from 'vitest';
import { address, bankAccount, choice, dateBE, firstUnanswered, readStep, stepFields, stepNeedingProof, textLine, type Step, type StepEnv } from './questions';
import { unemploymentSteps } from './unemployment/flow';

interface A {
	colour?: 'red' | 'blue';
	other?: string;
	name?: string;
	on?: string;
	home?: { line: string; subdistrict: string; district: string; province: string; postcode: string };
	pay?: { method: 'promptpay' } | { method: 'bank'; bankCode: string; accountNo: string; accountName: string };
	area?: string;
}
const env: StepEnv<null> = { ctx: null, today: '2026-12-06', locale: 'th' };
const colour = choice<A, null, 'colour'>({
	key: 'colour',
	legend: () => 'Colour',
	options: () => [
		{ value: 'red', label: 'Red' },
		{ value: 'blue', label: 'Blue' }
	],
	error: 'err_choose_one',
	stops: { blue: 'no_blue' },
	reveal: { red: ['other'] }
});
const other = textLine<A, null, 'other'>({
	key: 'other',
	label: () => 'Which red',
	error: 'err_occupation_other',
	max: 5,
	when: (a) => a.colour === 'red',
	noSummary: true
});

describe('question types', () => {
	it('choice: only an offered value, a stop for the choice that ends it, the label on the check page', () => {
		expect(colour.read({ colour: 'green' }, env, {})).toEqual({ ok: false, errors: { colour: 'err_choose_one' } });
		expect(colour.read({}, env, {})).toEqual({ ok: false, errors: { colour: 'err_choose_one' } });
		expect(colour.read({ colour: 'red' }, env, {})).toEqual({ ok: true, answers: { colour: 'red' } });
		expect(colour.read({ colour: 'blue' }, env, {})).toEqual({ ok: true, answers: { colour: 'blue' }, stop: 'no_blue' });
		expect(colour.summary({ colour: 'red' }, env)).toEqual([{ label: 'Colour', value: 'Red' }]);
		expect(colour.summary({}, env)).toEqual([{ label: 'Colour', value: '' }]);
		// shown again as typed, with its error
		expect(colour.fields(env, { colour: 'red' }, { colour: 'green' }, { colour: 'err_choose_one' })[0]).toMatchObject({
			value: 'green',
			error: 'err_choose_one'
		});
	});

	it('a step reads every question, each seeing what the ones before it answered, and gives every error at once', () => {
		const step: Step<A, null> = {
			id: 's',
			title: () => 'S',
			questions: [colour, other, textLine({ key: 'name', label: () => 'Name', error: 'err_employer', max: 10 })]
		};
		expect(readStep(step, { colour: 'red', other: 'x'.repeat(6), name: '' }, env, {})).toEqual({
			ok: false,
			errors: { other: 'err_occupation_other', name: 'err_employer' }
		});
		expect(readStep(step, { colour: 'red', other: ' dark ', name: 'Ann' }, env, {})).toEqual({
			ok: true,
			answers: { colour: 'red', other: 'dark', name: 'Ann' }
		});
		// the follow-up is cleared when its choice is not made
		expect(readStep(step, { colour: 'blue', other: 'dark', name: 'Ann' }, env, { other: 'dark' })).toEqual({
			ok: true,
			answers: { colour: 'blue', other: undefined, name: 'Ann' },
			stop: 'no_blue'
		});
		expect(stepFields(step, env, {}, null, {}).map((f) => (f.type === 'date' ? f.prefix : f.name))).toEqual(['colour', 'other', 'name']);
		expect(firstUnanswered([step], env, { colour: 'red' })).toBe('s');
		expect(firstUnanswered([step], env, { colour: 'red', name: 'Ann' })).toBeNull();
	});

	it('text refuses markup and what is over its length', () => {
		const q = textLine<A, null, 'name'>({ key: 'name', label: () => 'Name', error: 'err_employer', max: 10 });
		expect(q.read({ name: '<b>x</b>' }, env, {})).toEqual({ ok: false, errors: { name: 'err_employer' } });
		expect(q.read({ name: 'x'.repeat(11) }, env, {})).toEqual({ ok: false, errors: { name: 'err_employer' } });
	});

	it('date: a real day in พ.ศ., a ค.ศ. year named as such, then the question’s own rule', () => {
		const q = dateBE<A, null, 'on'>({
			key: 'on',
			prefix: 'on',
			legend: () => 'On',
			error: 'err_last_working_day',
			notAfterToday: true,
			check: (iso) => (iso < '2026-01-01' ? 'err_moved_on_too_old' : null)
		});
		expect(q.read({ onDay: '1', onMonth: '12', onYear: '2569' }, env, {})).toEqual({ ok: true, answers: { on: '2026-12-01' } });
		expect(q.read({ onDay: '31', onMonth: '2', onYear: '2569' }, env, {})).toEqual({ ok: false, errors: { on: 'err_last_working_day' } });
		expect(q.read({ onDay: '1', onMonth: '12', onYear: '2026' }, env, {})).toEqual({
			ok: false,
			errors: { on: { key: 'err_year_ce', params: { ce: 2026, be: 2569 } } }
		});
		expect(q.read({ onDay: '1', onMonth: '1', onYear: '2570' }, env, {})).toEqual({ ok: false, errors: { on: 'err_last_working_day' } });
		expect(q.read({ onDay: '1', onMonth: '12', onYear: '2568' }, env, {})).toEqual({ ok: false, errors: { on: 'err_moved_on_too_old' } });
		expect(q.fields(env, { on: '2026-12-01' }, null, {})[0]).toMatchObject({ values: { day: '1', month: '12', year: '2569' } });
	});

	it('address: each part checked, the postcode five digits', () => {
		const q = address<A, null, 'home'>({ key: 'home', label: () => 'Home' });
		const ok = { line: '1 Moo 2', subdistrict: 'Samsen Nai', district: 'Phaya Thai', province: 'Bangkok', postcode: '10 400' };
		expect(q.read(ok, env, {})).toEqual({ ok: true, answers: { home: { ...ok, postcode: '10400' } } });
		expect(q.read({ ...ok, district: '', postcode: '0123' }, env, {})).toEqual({
			ok: false,
			errors: { district: 'err_addr_district', postcode: 'err_addr_postcode' }
		});
	});

	it('bank account: PromptPay, or an account of the bank’s length in the citizen’s own name', () => {
		const q = bankAccount<A, null, 'pay'>({ key: 'pay', legend: () => 'Pay', owner: () => ({ th: ['สมชาย', 'ใจดี'], en: ['Somchai', 'Jaidee'] }) });
		expect(q.read({ method: 'promptpay' }, env, {})).toEqual({ ok: true, answers: { pay: { method: 'promptpay' } } });
		expect(q.read({}, env, {})).toEqual({ ok: false, errors: { method: 'err_choose_one' } });
		expect(q.read({ method: 'bank', bankCode: '999', accountNo: '1', accountName: 'Somchai Jaidee' }, env, {})).toEqual({
			ok: false,
			errors: { bankCode: 'err_bank' }
		});
		const r = q.read({ method: 'bank', bankCode: '002', accountNo: '123-4-56789-0', accountName: 'Someone Else' }, env, {});
		expect(r).toEqual({ ok: false, errors: { accountName: 'err_account_name' } });
		expect(q.read({ method: 'bank', bankCode: '002', accountNo: '123-4-56789-0', accountName: 'นายสมชาย  ใจดี' }, env, {})).toEqual({
			ok: true,
			answers: { pay: { method: 'bank', bankCode: '002', accountNo: '1234567890', accountName: 'นายสมชาย ใจดี' } }
		});
	});

	it('a drop-down: one of its options, and what depends on it is asked again when it changes', () => {
		const q = choice<A, null, 'area'>({
			key: 'area',
			legend: () => 'Area',
			dropdown: true,
			options: () => [
				{ value: 'n', label: 'North' },
				{ value: 's', label: 'South' }
			],
			error: 'err_province',
			then: (next, before) => (next.area === before.area ? next : { ...next, colour: undefined })
		});
		expect(q.read({ area: 'x' }, env, {})).toEqual({ ok: false, errors: { area: 'err_province' } });
		expect(q.read({ area: 'n' }, env, { area: 'n', colour: 'red' })).toEqual({ ok: true, answers: { area: 'n', colour: 'red' } });
		expect(q.read({ area: 's' }, env, { area: 'n', colour: 'red' })).toEqual({ ok: true, answers: { area: 's', colour: undefined } });
		expect(q.fields(env, { area: 'n' }, null, {})[0]).toMatchObject({ type: 'select', label: 'Area', value: 'n' });
	});
});

describe('steps that need the higher level of identity proof', () => {
	it('the unemployment claim’s payment step (the bank account the benefit is paid into), and no other', () => {
		expect(stepNeedingProof(unemploymentSteps, {} as never)).toMatchObject({ id: 'payment', proof: 'bank_account' });
		expect(unemploymentSteps.filter((s) => s.proof).map((s) => s.id)).toEqual(['payment']);
	});
});
