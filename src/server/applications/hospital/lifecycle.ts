/** How a hospital change's status moves, and what approval does: the new hospital from the next business day. */
import { and, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { schema, transaction } from '../../db';
import { nextWorkingDay } from '$lib/rules/workdays';
import { addDays } from '$lib/rules/periods';
import type { Lifecycle } from '../store';
import type { HospitalAnswers } from './change';

export const hospitalLifecycle: Lifecycle = {
	refPrefix: 'HOS',
	name: (o) => m.app_kind_hospital({}, o),
	transitions: { submitted: ['under_review', 'approved', 'rejected'], under_review: ['approved', 'rejected'] },
	// approved is done: the change has happened
	open: ['submitted', 'under_review'],
	/** On approval the new assignment starts the next business day; the current one ends the day before. */
	onEnter: async (app, to, on) => {
		if (to !== 'approved') return;
		const a = JSON.parse(app.answers) as HospitalAnswers;
		const from = nextWorkingDay(on);
		// inside the status change's transaction
		await transaction(async (tx) => {
			await tx
				.update(schema.hospitalAssignments)
				.set({ validTo: addDays(from, -1) })
				.where(and(eq(schema.hospitalAssignments.personId, app.personId), isNull(schema.hospitalAssignments.validTo)));
			await tx.insert(schema.hospitalAssignments).values({ personId: app.personId, hospitalCode: a.hospitalCode!, validFrom: from, validTo: null, asOf: on });
		});
	}
};
