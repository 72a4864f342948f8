import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getOwnApplication } from '$server/applications';
import { paymentSlip } from '$server/applications/section40';

/** The payment slip of a section 40 application: Thai QR and counter-service barcode, valid 30 days. */
export const load: PageServerLoad = ({ params, locals }) => {
	const app = getOwnApplication(params.ref, locals.user!.nationalId);
	if (!app || app.kind !== 'section40') error(404, 'Not found');
	const s = paymentSlip(app);
	return { ref: app.ref, status: app.status, ...s };
};
