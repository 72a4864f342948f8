/**
 * Hospital change: inside the window and once a year unless the citizen declares a recent move of home or workplace
 * (which one, its province, the date); a hospital of the workplace province, or after a move of the new province;
 * approved automatically the next day; the new hospital applies from the next business day.
 */
import { and, asc, desc, eq, lt, ne } from 'drizzle-orm';
import { db, schema, one } from '../../db';
import { loadRecords } from '../../registry/records';
import { advance, createApplication, type Submission, openApplication, type ApplicationRow } from '../store';
import { hospitalChangeAllowed, type HospitalRefusal } from '$lib/rules/applications';
import { moveProblem, requiredProvince, type MoveKind } from '$lib/rules/hospital-move';

export interface HospitalAnswers {
	moved?: boolean;
	/** after a declared move: what moved, the province of the new workplace or home, and the date of the move */
	movedWhat?: MoveKind;
	province?: string;
	movedOn?: string;
	hospitalCode?: string;
}

/**
 * What the rules and the questions need: the records, the hospital now, the province a new one must be in, whether a
 * change is open. With the answers so far (the question pages), also the hospitals the citizen may choose from and the
 * one chosen.
 */
export async function hospitalContext(nationalId: string, today: string, moved: boolean, answers?: HospitalAnswers) {
	const r = await loadRecords(nationalId, today);
	const open = r.status.open;
	const job = open?.section === 33 ? [...r.employments].reverse().find((e) => !e.endDate) : undefined;
	const last = await one(
		db()
			.select({ submittedOn: schema.applications.submittedOn })
			.from(schema.applications)
			.where(and(eq(schema.applications.personId, nationalId), eq(schema.applications.kind, 'hospital'), ne(schema.applications.status, 'rejected')))
			.orderBy(desc(schema.applications.submittedOn))
	);
	const pending = (await openApplication(nationalId, 'hospital')) ?? null;
	const allowed = hospitalChangeAllowed({ today, openSection: open?.section ?? null, lastChangeOn: last?.submittedOn ?? null, pending: !!pending, moved });
	/** the province a new hospital must be in: the workplace's (section 33), else the current hospital's */
	const workProvince = job?.province ?? r.hospital?.province ?? null;
	const province = answers ? requiredProvince(answers, workProvince) : null;
	return {
		records: r,
		current: r.hospital,
		workProvince,
		allowed,
		pending,
		/** the hospitals of the province the rules require, except the current one */
		choices: province ? await hospitalsIn(province, r.hospital?.code ?? null) : [],
		chosen: answers?.hospitalCode ? await hospitalByCode(answers.hospitalCode) : undefined
	};
}

export type HospitalContext = Awaited<ReturnType<typeof hospitalContext>>;

/** A move may be declared only when the normal change is closed: outside the window, or already used this year. */
export function canDeclareMove(allowed: HospitalContext['allowed']): boolean {
	return !allowed.ok && (allowed.reason === 'outside_window' || allowed.reason === 'once_a_year');
}

export async function hospitalsIn(province: string, exceptCode: string | null) {
	return (await db().select().from(schema.hospitals).where(eq(schema.hospitals.province, province)).orderBy(asc(schema.hospitals.nameTh))).filter(
		(h) => h.code !== exceptCode
	);
}

export async function hospitalByCode(code: string) {
	return await one(db().select().from(schema.hospitals).where(eq(schema.hospitals.code, code)));
}

/**
 * A change in the registry's workplace province is approved automatically; after a declared move to another
 * province the scheduled job hands it to an officer to check the move.
 */
export function autoApproves(a: HospitalAnswers, workProvince: string | null): boolean {
	return !a.moved || a.province === workProvince;
}

export function submitHospitalChange(args: Submission<HospitalAnswers>) {
	return createApplication<HospitalRefusal | 'wrong_province' | 'move_details'>('hospital', args, async () => {
		const ctx = await hospitalContext(args.nationalId, args.today, !!args.answers.moved);
		if (!ctx.allowed.ok) return { ok: false, refusal: ctx.allowed.reason };
		// the move's details are checked here too, not only on the question pages
		if (args.answers.moved && moveProblem(args.answers, args.today)) return { ok: false, refusal: 'move_details' };
		const h = args.answers.hospitalCode ? await hospitalByCode(args.answers.hospitalCode) : undefined;
		if (!h || h.province !== requiredProvince(args.answers, ctx.workProvince) || h.code === ctx.current?.code) return { ok: false, refusal: 'wrong_province' };
		return { ok: true, outcome: { autoApprove: autoApproves(args.answers, ctx.workProvince) } };
	});
}

/**
 * The scheduled decision (hourly, and by the CLI): a change submitted on an earlier day is approved, or, after a
 * declared move to another province, put under review for an officer.
 */
export async function approveDueHospitalChanges(today: string): Promise<string[]> {
	const due = await db()
		.select()
		.from(schema.applications)
		.where(and(eq(schema.applications.kind, 'hospital'), eq(schema.applications.status, 'submitted'), lt(schema.applications.submittedOn, today)));
	const approved: string[] = [];
	for (const a of due as ApplicationRow[]) {
		if ((JSON.parse(a.outcome) as { autoApprove?: boolean }).autoApprove) {
			if ((await advance(a.ref, 'approved', { actor: 'system' })).ok) approved.push(a.ref);
		} else await advance(a.ref, 'under_review', { actor: 'system' });
	}
	return approved;
}
