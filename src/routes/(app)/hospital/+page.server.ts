import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/clock';
import { openApplication } from '$server/applications/store';
import { hospitalByCode, type HospitalAnswers } from '$server/applications/hospital/change';
import { requireCitizen } from '$server/guard';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const r = await loadRecords(user.nationalId, today());
	const pending = await openApplication(user.nationalId, 'hospital');
	const pendingHospital = pending ? await hospitalByCode((JSON.parse(pending.answers) as HospitalAnswers).hospitalCode ?? '') : undefined;
	return {
		hospital: r.hospital,
		nextHospital: r.nextHospital,
		pending: pending && pendingHospital ? { ref: pending.ref, nameTh: pendingHospital.nameTh, nameEn: pendingHospital.nameEn } : null,
		medical: r.medical,
		changeWindow: r.changeWindow,
		insured: !!r.status.open && r.status.open.section !== 40
	};
};
