/**
 * What staff may see of a citizen, and the record of every look.
 *
 * - Officers (seed 000): the summary the citizen's own dashboard shows — the same figures, from the same functions —
 *   and the detail screens of §3.8–3.11 (hospital, contributions, claims, old-age savings).
 * - Hospital clerks (seed 003): name, medical rights today, the registered hospital and whether it is theirs or in their
 *   network, valid from/to, as-of date. Nothing about wages, employers, claims or savings: `rightsCheck` never reads them.
 * - Every look is a row of staff_lookups: who, role, where, whose ID, card, typed or by passport (with the reason),
 *   what, when, from where. Administrators list and export them; the citizen sees them on their profile.
 */
import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { db, preparedRead, schema, one, transaction, type Db } from '../db';
import { now } from '../clock';
import { loadRecords, medicalRecords } from '../registry/records';
import { offlineSummary } from '../registry/offline';
import type { StaffMember } from './session';
import type { StaffRole } from '../db/schema';

import type { LookupMethod, LookupView } from '$lib/vocabulary';
import { BANGKOK_OFFSET_MS } from '$lib/format/date';
export type { LookupView };
export type Method = LookupMethod;

/** Where a staff member works, as the lookup records it: the centre's name or the hospital's code. */
export function placeOf(s: Pick<StaffMember, 'role' | 'centre' | 'hospitalCode'>): string {
	return s.role === 'hospital' ? (s.hospitalCode ?? '') : s.role === 'officer' ? (s.centre ?? '') : 'admin';
}

export async function recordLookup(
	s: Pick<StaffMember, 'id' | 'username' | 'role' | 'centre' | 'hospitalCode'>,
	l: {
		nationalId: string;
		method: Method;
		reason: string | null;
		view: LookupView;
		found: boolean;
		/** a look by passport: what was typed, kept whether or not its holder was found */
		passport?: { passportNo: string; nationality: string };
		/** an emergency check: when the person was admitted */
		admittedAt?: number;
	},
	ip: string | null
): Promise<void> {
	const { passport, ...look } = l;
	await transaction((tx) =>
		tx.insert(schema.staffLookups).values({ at: now(), staffId: s.id, username: s.username, role: s.role, place: placeOf(s), ip, ...look, ...(passport ?? {}) })
	);
}

export async function personExists(nationalId: string): Promise<boolean> {
	return !!(await one(db().select({ id: schema.persons.nationalId }).from(schema.persons).where(eq(schema.persons.nationalId, nationalId))));
}

/** The officer's summary (seed 000 §3.7): the dashboard's figures for this person, and the detail lists. */
export async function officerView(nationalId: string, today: string) {
	const r = await loadRecords(nationalId, today);
	const s = offlineSummary('', r, now());
	const p = r.person;
	return {
		person: {
			titleTh: p.titleTh,
			firstNameTh: p.firstNameTh,
			lastNameTh: p.lastNameTh,
			titleEn: p.titleEn,
			firstNameEn: p.firstNameEn,
			lastNameEn: p.lastNameEn
		},
		status: s.status,
		medicalKind: s.medicalKind,
		hospital: r.hospital,
		contributions: { months: s.contributions.months, insuredSatang: s.contributions.insuredSatang },
		claims: { count: s.claims.count, totalSatang: s.claims.totalSatang },
		savings: s.savings,
		// the dashboard's count: the cases of the member's own scheme (section 40: their option's)
		entitled: { count: r.entitlements.filter((e) => e.qualifies).length, total: r.entitlements.length },
		records: r
	};
}

export type RightsAnswer =
	| { found: false }
	| {
			found: true;
			name: { th: string; en: string };
			/** SSO medical rights today */
			rights: boolean;
			medicalKind: string;
			hospital: { code: string; nameTh: string; nameEn: string } | null;
			/** the registered hospital is the clerk's own, one of its network, or elsewhere */
			relation: 'ours' | 'network' | 'other' | null;
			validFrom: string | null;
			validTo: string | null;
			asOf: string;
	  };

/** The hospital clerk's answer (seed 003): only what a hospital needs, read without wages, employers or savings. */
export async function rightsCheck(nationalId: string, hospitalCode: string, today: string): Promise<RightsAnswer> {
	// the same read as the citizen's hospital page: coverages, the months paid (periods only) and the assignments
	const r = await medicalRecords(nationalId, today);
	if (!r) return { found: false };
	const { person: p, medical, hospital: assigned } = r;
	const rights = medical.kind === 'active' && !!assigned;
	let relation: 'ours' | 'network' | 'other' | null = null;
	if (assigned) {
		if (assigned.code === hospitalCode) relation = 'ours';
		else {
			const net = await one(
				db()
					.select({ m: schema.hospitalNetworks.mainCode })
					.from(schema.hospitalNetworks)
					.where(
						sql`(${schema.hospitalNetworks.mainCode} = ${hospitalCode} and ${schema.hospitalNetworks.memberCode} = ${assigned.code}) or (${schema.hospitalNetworks.mainCode} = ${assigned.code} and ${schema.hospitalNetworks.memberCode} = ${hospitalCode}) or ${schema.hospitalNetworks.mainCode} in (select main_code from hospital_networks where member_code = ${hospitalCode} intersect select main_code from hospital_networks where member_code = ${assigned.code})`
					)
			);
			relation = net ? 'network' : 'other';
		}
	}
	// rights carried on after coverage ended stop at the end of the six months
	const tailUntil = medical.kind === 'active' ? medical.tailUntil : null;
	const validTo = assigned ? ([assigned.validTo, tailUntil].filter(Boolean).sort()[0] ?? null) : null;
	return {
		found: true,
		name: { th: `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}`, en: `${p.titleEn} ${p.firstNameEn} ${p.lastNameEn}` },
		rights,
		medicalKind: medical.kind,
		hospital: assigned ? { code: assigned.code, nameTh: assigned.nameTh, nameEn: assigned.nameEn } : null,
		relation,
		validFrom: assigned?.validFrom ?? null,
		validTo,
		asOf: assigned?.asOf && assigned.asOf <= today ? assigned.asOf : today
	};
}

export async function hospitalOf(code: string | null): Promise<{ code: string; nameTh: string; nameEn: string } | null> {
	if (!code) return null;
	return (
		(await one(
			db()
				.select({ code: schema.hospitals.code, nameTh: schema.hospitals.nameTh, nameEn: schema.hospitals.nameEn })
				.from(schema.hospitals)
				.where(eq(schema.hospitals.code, code))
		)) ?? null
	);
}

// ── the administrator's list and the citizen's view ──

export interface LookupFilter {
	from?: string; // ISO date, Bangkok
	to?: string; // ISO date, inclusive
	role?: StaffRole;
	username?: string;
	nationalId?: string;
	method?: Method;
}

const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00Z`) - BANGKOK_OFFSET_MS;

function where(f: LookupFilter): SQL | undefined {
	const c: SQL[] = [];
	if (f.from) c.push(gte(schema.staffLookups.at, dayStart(f.from)));
	if (f.to) c.push(lt(schema.staffLookups.at, dayStart(f.to) + 86_400_000));
	if (f.role) c.push(eq(schema.staffLookups.role, f.role));
	if (f.username) c.push(eq(schema.staffLookups.username, f.username));
	if (f.nationalId) c.push(eq(schema.staffLookups.nationalId, f.nationalId));
	if (f.method) c.push(eq(schema.staffLookups.method, f.method));
	return c.length ? and(...c) : undefined;
}

export const LOOKUPS_PAGE = 50;

export async function listLookups(f: LookupFilter, page = 1, limit = LOOKUPS_PAGE) {
	const w = where(f);
	const total = (await one(db().select({ n: count() }).from(schema.staffLookups).where(w)))!.n;
	const rows = await db()
		.select()
		.from(schema.staffLookups)
		.where(w)
		.orderBy(desc(schema.staffLookups.at), desc(schema.staffLookups.id))
		.limit(limit)
		.offset((Math.max(1, page) - 1) * limit);
	return { total, rows };
}

/**
 * Every row that matches, newest first, for the CSV: a thousand at a time by (at, id), so a long history streams without
 * sitting in memory, and lookups recorded during the export neither repeat nor push rows out.
 */
export async function* allLookups(f: LookupFilter): AsyncGenerator<typeof schema.staffLookups.$inferSelect> {
	const w = where(f);
	const t = schema.staffLookups;
	let after: { at: number; id: number } | null = null;
	for (;;) {
		const page: SQL | undefined = after ? and(w, or(lt(t.at, after.at), and(eq(t.at, after.at), lt(t.id, after.id)))) : w;
		const rows: (typeof schema.staffLookups.$inferSelect)[] = await db().select().from(t).where(page).orderBy(desc(t.at), desc(t.id)).limit(1000);
		yield* rows;
		if (rows.length < 1000) return;
		const last: { at: number; id: number } = rows[rows.length - 1]!;
		after = { at: last.at, id: last.id };
	}
}

/**
 * The citizen's own view: when, which kind of place and which place looked at what (the staff member's name is not
 * shown), newest first, as a part of a read: its values are `nationalId` and `lookupsLimit`.
 */
export const lookupsOfPart = (d: Db) =>
	d
		.select({
			at: schema.staffLookups.at,
			role: schema.staffLookups.role,
			place: schema.staffLookups.place,
			view: schema.staffLookups.view,
			method: schema.staffLookups.method,
			hospitalTh: schema.hospitals.nameTh,
			hospitalEn: schema.hospitals.nameEn
		})
		.from(schema.staffLookups)
		.leftJoin(schema.hospitals, and(eq(schema.staffLookups.role, 'hospital'), eq(schema.staffLookups.place, schema.hospitals.code)))
		.where(eq(schema.staffLookups.nationalId, sql.placeholder('nationalId')))
		.orderBy(desc(schema.staffLookups.at), desc(schema.staffLookups.id))
		.limit(sql.placeholder('lookupsLimit'));
const readLookupsOf = preparedRead('lookups_of', lookupsOfPart);

export async function lookupsOf(nationalId: string, limit = 50) {
	return await readLookupsOf({ nationalId, lookupsLimit: limit });
}
