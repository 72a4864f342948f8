import { error } from '@sveltejs/kit';
import { desc } from 'drizzle-orm';
import type { PageServerLoad } from './$types';
import { config } from '$server/config';
import { db, schema } from '$server/db';

/** The dev outbox: exists only while SMS_PROVIDER=outbox; 404 otherwise. */
export const load: PageServerLoad = async () => {
	if (config().SMS_PROVIDER !== 'outbox') error(404, 'Not found');
	const messages = await db()
		.select({
			id: schema.smsOutbox.id,
			createdAt: schema.smsOutbox.createdAt,
			to: schema.smsOutbox.toPhone,
			body: schema.smsOutbox.body,
			status: schema.smsOutbox.status
		})
		.from(schema.smsOutbox)
		.orderBy(desc(schema.smsOutbox.id))
		.limit(50);
	return { messages };
};
