import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getOwnApplication, applicationEvents, kindName, statusName } from '$server/applications';
import { claimCalendar, claimPayments, type UnemploymentOutcome, type UnemploymentAnswers } from '$server/applications/unemployment';
import type { S40Outcome } from '$server/applications/section40';
import { hospitalByCode, type HospitalAnswers } from '$server/applications/hospital';
import { hospitalChangeDates } from '$lib/rules/hospital-move';
import { today } from '$server/clock';
import { loadRecords } from '$server/registry/records';
import { db, schema } from '$server/db';
import { eq } from 'drizzle-orm';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = (event) => {
	const { params, url } = event;
	const { user } = requireCitizen(event);
	const app = getOwnApplication(params.ref, user.nationalId);
	if (!app) error(404, 'Not found');
	const t = today();
	const events = applicationEvents(app.id).map((e) => ({ ...e, statusText: statusName(app.kind, e.status) }));
	const base = {
		ref: app.ref,
		kind: app.kind,
		kindText: kindName(app.kind),
		status: app.status,
		statusText: statusName(app.kind, app.status),
		reason: app.reason,
		submittedOn: app.submittedOn,
		isNew: url.searchParams.get('new') === '1',
		reported: Number(url.searchParams.get('reported')) || null,
		events
	};
	if (app.kind === 'section40') {
		const payment = db().select().from(schema.payments).where(eq(schema.payments.applicationId, app.id)).get();
		return { ...base, s40: { outcome: JSON.parse(app.outcome) as S40Outcome, paidOn: payment?.paidOn ?? null } };
	}
	if (app.kind === 'unemployment') {
		const cal = claimCalendar(app, t);
		return {
			...base,
			une: {
				outcome: JSON.parse(app.outcome) as UnemploymentOutcome,
				answers: JSON.parse(app.answers) as UnemploymentAnswers,
				calendar: cal ? { periods: cal.periods, ended: cal.ended, open: cal.open } : null,
				payments: claimPayments(app.id).map((p) => ({
					periodNo: p.periodNo,
					from: p.startDate,
					to: p.endDate,
					amountSatang: p.amountSatang,
					paidDate: p.paidDate
				}))
			}
		};
	}
	const a = JSON.parse(app.answers) as HospitalAnswers;
	const h = hospitalByCode(a.hospitalCode!)!;
	const r = loadRecords(app.personId, t);
	const assignment = [r.nextHospital, r.hospital].find((x) => x?.code === h.code && app.status === 'approved') ?? null;
	// while it waits for the scheduled decision: when that comes and, if approved, when the new hospital applies
	const waiting =
		app.status === 'submitted' ? { auto: !!(JSON.parse(app.outcome) as { autoApprove?: boolean }).autoApprove, ...hospitalChangeDates(app.submittedOn) } : null;
	return { ...base, hos: { hospital: { ...h }, validFrom: assignment?.validFrom ?? null, startsLater: !!assignment && assignment.validFrom > t, waiting } };
};
