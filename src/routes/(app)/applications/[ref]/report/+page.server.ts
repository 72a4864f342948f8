import { error, redirect } from '@sveltejs/kit';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { getOwnApplication } from '$server/applications/store';
import { claimCalendar, recordReport } from '$server/applications/unemployment/reports';
import { today } from '$server/clock';
import { parseBirthDateBE } from '$lib/validation/be-date';
import { beYearMessage } from '$lib/validation/forms';
import { type FieldErrors } from '$lib/validation/messages';
import { requireCitizen } from '$server/guard';

async function openPeriod(ref: string, nationalId: string) {
	const app = await getOwnApplication(ref, nationalId);
	if (!app || app.kind !== 'unemployment') error(404, 'Not found');
	return { app, period: (await claimCalendar(app, today()))?.open ?? null };
}

/** The monthly report-in (รายงานตัว): three questions, then that period is paid. */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const { app, period } = await openPeriod(event.params.ref, user.nationalId);
	if (!period) redirect(303, `/applications/${app.ref}`);
	return { ref: app.ref, period };
};

const yesNo = (v: FormDataEntryValue | null) => (v === 'yes' ? true : v === 'no' ? false : null);

export const actions: Actions = {
	default: async (event) => {
		const { params, locals, request } = event;
		const { user } = requireCitizen(event);
		const { app, period } = await openPeriod(params.ref, user.nationalId);
		const form = await request.formData();
		// a repeated submit (double click) finds its period reported: nothing more happens
		if (!period || String(period.periodNo) !== form.get('period')) redirect(303, `/applications/${app.ref}`);
		const values = Object.fromEntries(
			['stillUnemployed', 'foundWork', 'refusedOffer', 'startDay', 'startMonth', 'startYear'].map((k) => [k, String(form.get(k) ?? '')])
		);
		const still = yesNo(form.get('stillUnemployed'));
		const found = yesNo(form.get('foundWork'));
		const refused = yesNo(form.get('refusedOffer'));
		const errors: FieldErrors = {};
		if (still === null) errors.stillUnemployed = 'err_report_still';
		if (found === null) errors.foundWork = 'err_report_found';
		if (refused === null) errors.refusedOffer = 'err_report_refused';
		if (still === true && found === true) errors.foundWork = 'err_report_conflict';
		let workStart: string | null = null;
		if (still === false || found === true) {
			const d = parseBirthDateBE(values.startDay!, values.startMonth!, values.startYear!, today());
			if (!d.ok && d.field === 'year') errors.start = beYearMessage(values.startYear!, today(), 'err_work_start');
			else if (!d.ok || d.iso < period.from) errors.start = 'err_work_start';
			else workStart = d.iso;
		}
		if (Object.keys(errors).length) return fail(400, { values, errors });
		const r = await recordReport(app, { stillUnemployed: still!, foundWork: found!, refusedOffer: refused!, workStart }, today(), locals.ip);
		redirect(303, `/applications/${app.ref}${r.ok ? `?reported=${r.periodNo}` : ''}`);
	}
};
