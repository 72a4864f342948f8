import { redirect } from '@sveltejs/kit';
import { asc } from 'drizzle-orm';
import { fail } from '$server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { db, schema } from '$server/db';
import { receiveFile } from '$server/employers/multipart';
import { LETTER_MAX_BYTES } from '$server/hospital-requests/pdf';
import { submitRequest } from '$server/hospital-requests/requests';
import { tryAgainAt } from '$server/limits';
import { HOSPITAL_REQUEST_FIELDS } from '$lib/validation/hospital-request';

/** Seed 003's request form, public: a hospital that has no user of the rights check yet asks for one here. */
export const load: PageServerLoad = async ({ url }) => {
	const provinces = [
		...new Set((await db().select({ p: schema.hospitals.province }).from(schema.hospitals).orderBy(asc(schema.hospitals.province))).map((r) => r.p))
	];
	const sent = url.searchParams.get('sent');
	return { provinces, sent: sent === 'endorsement' || sent === 'review' ? sent : null };
};

export const actions: Actions = {
	default: async (event) => {
		// the letter is the form's last field: the others have arrived when it starts, and it is read as it comes, to 5 MB
		const got = await receiveFile(
			event.request,
			LETTER_MAX_BYTES,
			async (_fields, file) => {
				const parts: Uint8Array[] = [];
				for await (const c of file.chunks) parts.push(c);
				return Buffer.concat(parts);
			},
			{ fields: 20 }
		);
		const values = Object.fromEntries(HOSPITAL_REQUEST_FIELDS.filter((k) => k !== 'file').map((k) => [k, String(got.fields[k] ?? '').slice(0, 300)]));
		if (!got.ok && got.reason === 'broken') return fail(400, { values, formError: 'err_hreq_file_not_pdf' });
		const letter = got.ok ? (got.result.length ? new Uint8Array(got.result) : null) : got.reason === 'too_large' ? 'too_large' : null;
		const r = await submitRequest(values, letter, event.locals.ip);
		if (r.ok) redirect(303, `/staff/request?sent=${r.state}`);
		if (r.reason === 'limited') return fail(429, { values, formError: tryAgainAt(r.retryAt, event.locals.locale) });
		return fail(400, { values, errors: r.errors });
	}
};
