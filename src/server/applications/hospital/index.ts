/**
 * The hospital change as an application kind: open in the yearly window (or after a declared move), the new
 * hospital chosen from the province the rules require, decided by the hourly job the next day.
 */
import { m } from '$lib/paraglide/messages';
import { hospitalChangeWindow } from '$lib/rules/medical';
import { hospitalChangeDates } from '$lib/rules/hospital-move';
import { loadRecords } from '../../registry/records';
import { defineKind, submission, submitted } from '../kind';
import {
	approveDueHospitalChanges,
	autoApproves,
	canDeclareMove,
	hospitalByCode,
	hospitalContext,
	submitHospitalChange,
	type HospitalAnswers,
	type HospitalContext
} from './change';
import { hospitalSteps } from './flow';

export const hospital = defineKind<HospitalAnswers, HospitalContext>()({
	title: () => m.app_kind_hospital(),
	card: () => m.apply_hos_card(),
	context: (nationalId, today, a) => hospitalContext(nationalId, today, !!a.moved, a),
	steps: hospitalSteps,
	// the start page's second button declares a move, which opens a change outside the window
	begin: async (c, today, form) => {
		const moved = form.moved === 'yes';
		if (moved && !canDeclareMove((await hospitalContext(c.nationalId, today, false)).allowed)) return null;
		const ctx = await hospitalContext(c.nationalId, today, moved);
		return ctx.allowed.ok && !ctx.pending ? (moved ? { moved: true } : {}) : null;
	},
	sameStart: (draft, fresh) => !!draft.moved === !!fresh.moved,
	start: async (c, today) => {
		// whether the normal change is open (not as a draft after a declared move reads it)
		const ctx = await hospitalContext(c.nationalId, today, false);
		return {
			allowed: ctx.allowed,
			current: ctx.current,
			workProvince: ctx.workProvince,
			pending: ctx.pending?.ref ?? null,
			window: hospitalChangeWindow(today),
			canDeclareMove: canDeclareMove(ctx.allowed)
		};
	},
	check: async (_c, e, a) => ({
		current: e.ctx.current,
		next: { ...(await hospitalByCode(a.hospitalCode!))! },
		auto: autoApproves(a, e.ctx.workProvince),
		...hospitalChangeDates(e.today)
	}),
	declarations: () => [{ name: 'declareTrue', label: m.declare_true() }],
	submitLabel: () => m.submit_application(),
	submit: async (c, e, attempt) => submitted(await submitHospitalChange(submission(c, e, attempt))),
	confirmNext: () => m.confirm_next_hos(),
	detail: async (app, today) => {
		const a = JSON.parse(app.answers) as HospitalAnswers;
		const h = (await hospitalByCode(a.hospitalCode!))!;
		const r = await loadRecords(app.personId, today);
		const assignment = [r.nextHospital, r.hospital].find((x) => x?.code === h.code && app.status === 'approved') ?? null;
		// while it waits for the scheduled decision: when that comes and, if approved, when the new hospital applies
		const waiting =
			app.status === 'submitted'
				? { auto: !!(JSON.parse(app.outcome) as { autoApprove?: boolean }).autoApprove, ...hospitalChangeDates(app.submittedOn) }
				: null;
		return { hospital: { ...h }, validFrom: assignment?.validFrom ?? null, startsLater: !!assignment && assignment.validFrom > today, waiting };
	},
	scheduled: async (today) => ({ approved: await approveDueHospitalChanges(today) })
});
