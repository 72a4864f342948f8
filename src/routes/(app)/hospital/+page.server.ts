import type { PageServerLoad } from './$types';
import { medicalRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { isOpen } from '$server/applications/store';
import { hospitalByCode, type HospitalAnswers } from '$server/applications/hospital/change';
import { hospitalChangeWindow } from '$lib/rules/medical';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const t = today();
	const r = await medicalRecords(user.nationalId, t, { applications: true });
	if (!r) throw new Error('no such person');
	const pending = (r.applications ?? []).find((a) => a.kind === 'hospital' && isOpen(a));
	const pendingHospital = pending ? await hospitalByCode((JSON.parse(pending.answers) as HospitalAnswers).hospitalCode ?? '') : undefined;
	return {
		hospital: r.hospital,
		nextHospital: r.nextHospital,
		pending: pending && pendingHospital ? { ref: pending.ref, nameTh: pendingHospital.nameTh, nameEn: pendingHospital.nameEn } : null,
		medical: r.medical,
		changeWindow: hospitalChangeWindow(t),
		insured: !!r.open && r.open.section !== 40
	};
};
