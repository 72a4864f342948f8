import type { RequestHandler } from './$types';
import { allLookups } from '$server/staff/lookups';
import { CSV_HEADER, csvLine, readFilter } from '$server/staff/admin';
import { audit } from '$server/audit';
import { isoDateInBangkok } from '$lib/format/date';
import { now } from '$server/clock';
import { requireStaff } from '$server/guard';

/** The filtered lookups as CSV (UTF-8 with a BOM, so Excel shows Thai). The export itself is audited. */
export const GET: RequestHandler = async (event) => {
	const { staff } = requireStaff(event, 'admin');
	const { url, locals } = event;
	const { filter } = readFilter(url.searchParams);
	await audit({ actor: staff.id, action: 'staff.lookups_exported', subject: `staff:${staff.username}`, ip: locals.ip, detail: { filter } });
	const enc = new TextEncoder();
	const rows = allLookups(filter);
	const body = new ReadableStream<Uint8Array>({
		start(c) {
			c.enqueue(enc.encode('\uFEFF' + CSV_HEADER.join(',') + '\r\n'));
		},
		async pull(c) {
			// a thousand lines at a time: a long history streams instead of being built in memory
			let n = 0;
			for (;;) {
				const r = await rows.next();
				if (r.done) {
					c.close();
					return;
				}
				c.enqueue(enc.encode(csvLine(r.value) + '\r\n'));
				if (++n >= 1000) return;
			}
		}
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="lookups-${isoDateInBangkok(now())}.csv"`
		}
	});
};
