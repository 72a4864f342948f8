import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireStaff } from '$server/guard';
import { letterOf } from '$server/hospital-requests/requests';

/**
 * The director's letter of a request, for the administrator only: a download (never shown inline, so a PDF viewer in the
 * portal's origin never opens it), with no sniffing and a sandbox should a browser display it anyway. Audited.
 */
export const GET: RequestHandler = async (event) => {
	const { staff } = requireStaff(event, 'admin');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not Found');
	const letter = await letterOf(id, staff, event.locals.ip);
	if (!letter) error(404, 'Not Found');
	return new Response(letter.bytes, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="hospital-request-${id}.pdf"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cache-control': 'no-store',
			etag: `"${letter.sha256}"`
		}
	});
};
