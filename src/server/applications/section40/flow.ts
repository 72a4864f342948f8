/** The questions of the section 40 application, one per page. */
import { m } from '$lib/paraglide/messages';
import { formatBaht } from '$lib/money';
import { S40_OPTIONS } from '$lib/rules/rates';
import { address, choice, textLine, type Step } from '../questions';
import type { S40Answers, S40Context } from './application';

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

const optionLabel = (o: '1' | '2' | '3') => m.s40_option_label({ n: o, amount: formatBaht(S40_OPTIONS[Number(o) as 1 | 2 | 3].insuredSatang) });

export const section40Steps: Step<S40Answers, S40Context>[] = [
	{
		id: 'pensioner',
		title: () => m.s40_q_pensioner(),
		questions: [
			choice({
				key: 'pensioner',
				legend: () => m.s40_q_pensioner(),
				hint: () => m.s40_q_pensioner_hint(),
				options: () => [
					{ value: 'no' as const, label: m.answer_no() },
					{ value: 'yes' as const, label: m.answer_yes() }
				],
				error: 'err_choose_one',
				// a pensioner cannot join: the start page says so
				stops: { yes: 'pensioner' }
			})
		]
	},
	{
		id: 'address',
		title: () => m.s40_q_address(),
		lead: () => [m.s40_q_address_lead()],
		questions: [address({ key: 'address', label: () => m.s40_q_address() })]
	},
	{
		id: 'occupation',
		title: () => m.s40_q_occupation(),
		questions: [
			choice({
				key: 'occupation',
				legend: () => m.s40_q_occupation(),
				options: () => OCCUPATIONS.map((o) => ({ value: o, label: occupationLabel(o) })),
				error: 'err_choose_one',
				reveal: { other: ['occupationOther'] },
				summary: (a) => ({
					label: m.s40_q_occupation(),
					value: a.occupation === 'other' ? (a.occupationOther ?? '') : a.occupation ? occupationLabel(a.occupation) : ''
				})
			}),
			textLine({
				key: 'occupationOther',
				label: () => m.s40_occ_other_label(),
				error: 'err_occupation_other',
				max: 100,
				when: (a) => a.occupation === 'other',
				noSummary: true
			})
		]
	},
	{
		id: 'option',
		title: () => m.s40_q_option(),
		// the kind's comparison of the three options (src/lib/applications/section40/Options.svelte)
		block: 'options',
		questions: [
			choice({
				key: 'option',
				legend: () => m.s40_q_option_legend(),
				options: () =>
					(['1', '2', '3'] as const).map((o) => ({
						value: o,
						label: optionLabel(o),
						hint: m.s40_option_hint({ gov: formatBaht(S40_OPTIONS[Number(o) as 1 | 2 | 3].governmentSatang) })
					})),
				error: 'err_choose_option'
			})
		]
	}
];
