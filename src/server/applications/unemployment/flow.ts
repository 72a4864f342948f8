/** The questions of the unemployment claim: the last job (prefilled from the registry), why it ended, where to pay. */
import { m } from '$lib/paraglide/messages';
import { bankAccount, choice, dateBE, textLine, type Step } from '../questions';
import { CLAIM_CAUSES, type UnemploymentAnswers, type UnemploymentContext } from './claim';

export const causeLabel = (c: string): string =>
	({
		dismissed: m.cause_dismissed(),
		business_closed: m.cause_business_closed(),
		resigned: m.cause_resigned(),
		contract_ended: m.cause_contract_ended(),
		force_majeure: m.cause_force_majeure()
	})[c] ?? c;

export const unemploymentSteps: Step<UnemploymentAnswers, UnemploymentContext>[] = [
	{
		id: 'last-job',
		title: () => m.une_q_last_job(),
		lead: () => [m.une_q_last_job_lead()],
		questions: [
			textLine({ key: 'employer', label: () => m.f_employer(), error: 'err_employer', max: 200, initial: (e) => e.ctx.prefill.employer }),
			dateBE({
				key: 'lastWorkingDay',
				prefix: 'lwd',
				legend: () => m.f_last_working_day(),
				hint: () => m.f_last_working_day_hint(),
				error: 'err_last_working_day',
				notAfterToday: true,
				initial: (e) => e.ctx.prefill.lastWorkingDay
			})
		]
	},
	{
		id: 'reason',
		title: () => m.une_q_reason(),
		questions: [
			choice({
				key: 'cause',
				legend: () => m.une_q_reason(),
				hint: () => m.une_q_reason_hint(),
				options: () => CLAIM_CAUSES.map((c) => ({ value: c, label: causeLabel(c) })),
				error: 'err_choose_one',
				initial: (e) => e.ctx.prefill.cause
			})
		]
	},
	{
		id: 'payment',
		title: () => m.une_q_payment(),
		proof: 'bank_account',
		questions: [
			bankAccount({
				key: 'payment',
				legend: () => m.une_q_payment(),
				owner: (e) => {
					const p = e.ctx.records.person;
					return { th: [p.firstNameTh, p.lastNameTh], en: [p.firstNameEn, p.lastNameEn] };
				}
			})
		]
	}
];
