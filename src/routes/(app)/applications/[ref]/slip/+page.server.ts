import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getOwnApplication } from '$server/applications/store';
import { paymentSlip } from '$server/applications/section40/payment';
import { requireCitizen } from '$server/guard';

/** The payment slip of a section 40 application: Thai QR and counter-service barcode, valid 30 days. */
export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const app = await getOwnApplication(event.params.ref, user.nationalId);
	if (!app || app.kind !== 'section40') error(404, 'Not found');
	const s = paymentSlip(app);
	return { ref: app.ref, status: app.status, ...s };
};
