import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { officerView, recordLookup } from '$server/staff/lookups';
import { today } from '$server/clock';
import { requireStaff } from '$server/guard';

const VIEWS = ['hospital', 'contributions', 'claims', 'savings'] as const;
type View = (typeof VIEWS)[number];

/** Seed 000 §3.8–3.11: one detail screen of the citizen on screen; each opening is recorded. */
export const load: PageServerLoad = async (event) => {
	const { staff, session } = requireStaff(event, 'officer');
	const { locals, params } = event;
	const view = params.view as View;
	if (!VIEWS.includes(view)) error(404, 'Not Found');
	const c = session.citizen;
	if (!c) redirect(303, '/staff/officer?cleared=idle');
	const t = today();
	const o = await officerView(c.nationalId, t);
	await recordLookup(staff, { nationalId: c.nationalId, method: c.method, reason: c.reason, view, found: true }, locals.ip);
	const p = o.person;
	const base = { view, today: t, person: { th: `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}`, en: `${p.titleEn} ${p.firstNameEn} ${p.lastNameEn}` } };
	const r = o.records;
	switch (view) {
		case 'hospital':
			return {
				...base,
				hospital: {
					medicalKind: o.medicalKind,
					hospital: r.hospital
						? { nameTh: r.hospital.nameTh, nameEn: r.hospital.nameEn, validFrom: r.hospital.validFrom, validTo: r.hospital.validTo, asOf: r.hospital.asOf }
						: null
				}
			};
		case 'contributions':
			return {
				...base,
				contributions: {
					months: o.contributions.months,
					insuredSatang: o.contributions.insuredSatang,
					lines: [...r.lines].reverse().map((l) => ({
						period: l.period,
						section: l.section,
						employer: l.employer,
						employerEn: l.employerEn,
						insuredSatang: l.insuredSatang,
						paidDate: l.paidDate
					}))
				}
			};
		case 'claims':
			return {
				...base,
				claims: {
					count: o.claims.count,
					totalSatang: o.claims.totalSatang,
					list: r.claims.map((x) => ({ kind: x.kind, claimDate: x.claimDate, amountSatang: x.amountSatang, status: x.status }))
				}
			};
		default:
			return { ...base, savings: o.savings };
	}
};
