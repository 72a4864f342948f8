/** The questions of a hospital change: after a declared move, what moved, where and when; then the new hospital. */
import { m } from '$lib/paraglide/messages';
import { formatDateLong } from '$lib/format/date';
import { provinceName, PROVINCES } from '$lib/format/provinces';
import { MOVE_KINDS, earliestMoveDate, moveProblem, requiredProvince } from '$lib/rules/hospital-move';
import { choice, dateBE, type Step } from '../questions';
import type { HospitalAnswers, HospitalContext } from './change';

const movedWhatLabel = (k: string) => (k === 'home' ? m.hos_moved_home() : m.hos_moved_workplace());
const provinceQuestion = (a: HospitalAnswers) => (a.movedWhat === 'home' ? m.hos_q_province_home() : m.hos_q_province_workplace());
const moved = (a: HospitalAnswers) => !!a.moved;

export const hospitalSteps: Step<HospitalAnswers, HospitalContext>[] = [
	{
		id: 'moved-what',
		applies: moved,
		title: () => m.hos_q_moved_what(),
		questions: [
			choice({
				key: 'movedWhat',
				legend: () => m.hos_q_moved_what(),
				hint: () => m.hos_q_moved_what_hint(),
				options: () => MOVE_KINDS.map((k) => ({ value: k, label: movedWhatLabel(k) })),
				error: 'err_moved_what'
			})
		]
	},
	{
		id: 'province',
		applies: moved,
		title: (_e, a) => provinceQuestion(a),
		questions: [
			choice({
				key: 'province',
				legend: (_e, a) => provinceQuestion(a),
				dropdown: true,
				hint: () => m.hos_q_province_hint(),
				options: (e) => PROVINCES.map(([th]) => ({ value: th, label: provinceName(th, e.locale) })),
				error: 'err_province',
				initial: (e) => e.ctx.workProvince ?? undefined,
				// a hospital chosen in another province is chosen again
				then: (next, before) => (next.province === before.province ? next : { ...next, hospitalCode: undefined })
			})
		]
	},
	{
		id: 'moved-on',
		applies: moved,
		title: () => m.hos_q_moved_on(),
		questions: [
			dateBE({
				key: 'movedOn',
				prefix: 'movedOn',
				legend: () => m.hos_moved_on_label(),
				hint: (e) => m.hos_q_moved_on_hint({ from: formatDateLong(earliestMoveDate(e.today), e.locale) }),
				error: 'err_moved_on',
				check: (iso, e, a) => {
					const problem = moveProblem({ movedWhat: a.movedWhat, province: a.province, movedOn: iso }, e.today);
					if (problem === 'moved_on_future') return 'err_moved_on_future';
					if (problem === 'moved_on_too_old') return { key: 'err_moved_on_too_old', params: { from: formatDateLong(earliestMoveDate(e.today), e.locale) } };
					return null;
				}
			})
		]
	},
	{
		id: 'choose',
		title: () => m.hos_q_choose(),
		lead: (e, a) => [m.hos_q_choose_lead({ province: provinceName(requiredProvince(a, e.ctx.workProvince) ?? '', e.locale) })],
		questions: [
			choice({
				key: 'hospitalCode',
				legend: () => m.hos_q_choose(),
				// the hospitals of the province the rules require, except the current one: a code from outside this list
				// (another province, the current hospital) is refused
				options: (e) =>
					e.ctx.choices.map((h) => ({
						value: h.code,
						label: e.locale !== 'th' ? h.nameEn : h.nameTh,
						hint: `${h.type === 'private' ? m.hos_type_private() : m.hos_type_public()} · ${m.hos_district()} ${e.locale !== 'th' ? h.districtEn : h.districtTh}`
					})),
				error: 'err_choose_hospital',
				search: () => m.hos_search(),
				summary: (_a, e) => {
					const h = e.ctx.chosen;
					return { label: m.hos_new(), value: h ? (e.locale !== 'th' ? h.nameEn : h.nameTh) : '' };
				}
			})
		]
	}
];
