/**
 * A citizen's own records, read in one pass of indexed queries (all by national ID), and the figures the pages
 * show, computed with src/lib/rules. The national ID always comes from the session, never from the request.
 */
import { and, asc, desc, eq, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { engine, readTogether, schema, transaction, type Db } from '../db';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { totalOldAgeSavings, oldAgeShare } from '$lib/rules/savings';
import { assignmentsOn, medicalRights, hospitalChangeWindow, type MedicalRights } from '$lib/rules/medical';
import { entitlements, type Entitlement } from '$lib/rules/entitlements';
import { addMonths, daysBetween, lastDayOf, periodOf, periodRange, countInWindowBefore } from '$lib/rules/periods';
import { contributionDue, lastPaidPeriod, registrationDeadline } from '$lib/rules/workdays';
import { rowFor, S33_WAGE_BANDS } from '$lib/rules/rates';
import { isLayoff } from '$lib/rules/unemployment';
import type { Cause } from '$lib/rules/unemployment';

export interface ContributionLine {
	period: string;
	section: number;
	employer: string | null;
	employerEn: string | null;
	employerId: number | null;
	wageBaseSatang: number;
	insuredSatang: number;
	employerSatang: number;
	governmentSatang: number;
	paidDate: string;
	oldAgeSatang: number;
	/** the employer's SSO 1-10 submission this month came from: when it was confirmed; null otherwise */
	submittedAt: number | null;
}

/** A person's hospital assignments with their hospitals, latest first: the one read of them (records, medical rights). */
function assignmentsQuery(d: Db, nationalId: Placeholder) {
	const h = schema.hospitals;
	const a = schema.hospitalAssignments;
	return d
		.select({ code: h.code, nameTh: h.nameTh, nameEn: h.nameEn, province: h.province, validFrom: a.validFrom, validTo: a.validTo, asOf: a.asOf })
		.from(a)
		.innerJoin(h, eq(a.hospitalCode, h.code))
		.where(eq(a.personId, nationalId))
		.orderBy(desc(a.validFrom), desc(a.id));
}

/**
 * `key` is one of the values of `column` in the person's contributions. Read apart from the contributions and put on
 * their lines in JavaScript (contributionLines), rather than joined to each of the 120 or so rows: PostgreSQL plans
 * such a join as a hash of the whole other table, about 20,000 employers for a million persons, so a page cost more
 * the larger the registry. `= ANY(ARRAY(…))` is a few look-ups by primary key whatever the table's size; SQLite plans
 * its IN the same way.
 */
function amongContributions(d: Db, key: SQLiteColumn, column: SQLiteColumn): SQL {
	const values = d.select({ v: column }).from(schema.contributions).where(eq(schema.contributions.personId, id));
	return engine() === 'postgres' ? sql`${key} = ANY(ARRAY(${values}))` : inArray(key, values);
}

/** The contribution rows with their employer's names and their submission's confirmation, as ContributionLine has them. */
function contributionLines(read: {
	contributions: readonly (Omit<ContributionLine, 'oldAgeSatang' | 'employer' | 'employerEn' | 'submittedAt'> & { submissionId: number | null })[];
	contributionEmployers: readonly { id: number; nameTh: string; nameEn: string }[];
	contributionSubmissions: readonly { id: number; confirmedAt: number | null }[];
}): Omit<ContributionLine, 'oldAgeSatang'>[] {
	const employers = new Map(read.contributionEmployers.map((e) => [e.id, e]));
	const confirmed = new Map(read.contributionSubmissions.map((x) => [x.id, x.confirmedAt]));
	return read.contributions.map(({ submissionId, ...c }) => {
		const e = c.employerId === null ? undefined : employers.get(c.employerId);
		return {
			...c,
			employer: e?.nameTh ?? null,
			employerEn: e?.nameEn ?? null,
			submittedAt: submissionId === null ? null : (confirmed.get(submissionId) ?? null)
		};
	});
}

/**
 * The rows a person's records are made of: each part a select by national ID, through an index that starts with it.
 * Read together (readTogether): one snapshot, and one statement on PostgreSQL.
 */
const id = sql.placeholder('id');
const RECORD_PARTS = {
	person: (d: Db) => d.select().from(schema.persons).where(eq(schema.persons.nationalId, id)),
	coverages: (d: Db) =>
		d.select().from(schema.coverages).where(eq(schema.coverages.personId, id)).orderBy(asc(schema.coverages.startDate), asc(schema.coverages.id)),
	employments: (d: Db) =>
		d
			.select({
				startDate: schema.employments.startDate,
				endDate: schema.employments.endDate,
				endReason: schema.employments.endReason,
				employerId: schema.employments.employerId,
				employer: schema.employers.nameTh,
				employerEn: schema.employers.nameEn,
				accountNo: schema.employers.accountNo,
				branch: schema.employers.branch,
				province: schema.employers.province
			})
			.from(schema.employments)
			.innerJoin(schema.employers, eq(schema.employments.employerId, schema.employers.id))
			.where(eq(schema.employments.personId, id))
			.orderBy(asc(schema.employments.startDate), asc(schema.employments.id)),
	contributions: (d: Db) =>
		d
			.select({
				period: schema.contributions.period,
				section: schema.contributions.section,
				employerId: schema.contributions.employerId,
				submissionId: schema.contributions.submissionId,
				wageBaseSatang: schema.contributions.wageBaseSatang,
				insuredSatang: schema.contributions.insuredSatang,
				employerSatang: schema.contributions.employerSatang,
				governmentSatang: schema.contributions.governmentSatang,
				paidDate: schema.contributions.paidDate
			})
			.from(schema.contributions)
			.where(eq(schema.contributions.personId, id))
			// the order of the unique index (person_id, period, payer): the rows come sorted, with no sort step
			.orderBy(asc(schema.contributions.period), asc(schema.contributions.payer)),
	/** the employers named in those contributions (contributionLines puts their names on the lines) */
	contributionEmployers: (d: Db) =>
		d
			.select({ id: schema.employers.id, nameTh: schema.employers.nameTh, nameEn: schema.employers.nameEn })
			.from(schema.employers)
			.where(amongContributions(d, schema.employers.id, schema.contributions.employerId)),
	/** the employers' SSO 1-10 submissions those contributions came from: when each was confirmed */
	contributionSubmissions: (d: Db) =>
		d
			.select({ id: schema.employerSubmissions.id, confirmedAt: schema.employerSubmissions.confirmedAt })
			.from(schema.employerSubmissions)
			.where(amongContributions(d, schema.employerSubmissions.id, schema.contributions.submissionId)),
	hospitals: (d: Db) => assignmentsQuery(d, id),
	claims: (d: Db) =>
		d
			.select()
			.from(schema.benefitClaims)
			.where(eq(schema.benefitClaims.personId, id))
			.orderBy(desc(schema.benefitClaims.claimDate), desc(schema.benefitClaims.id))
};
const APPLICATIONS_PART = (d: Db) =>
	d.select().from(schema.applications).where(eq(schema.applications.personId, id)).orderBy(desc(schema.applications.createdAt), desc(schema.applications.id));
/** The months with a section 33 or 39 contribution (medical rights count them): the period only, no amounts. */
const SSO_PERIODS_PART = (d: Db) =>
	d
		.selectDistinct({ period: schema.contributions.period })
		.from(schema.contributions)
		.where(and(eq(schema.contributions.personId, id), inArray(schema.contributions.section, [33, 39])));

/**
 * A read of `parts`, and, when asked, of the person's applications too, newest first, in the same statement (the
 * dashboard's "what to do now" and the hospital page need them); `applications` is null when not asked.
 */
function readWithApplications<P extends Parameters<typeof readTogether>[1]>(name: string, parts: P) {
	const without = readTogether(name, parts);
	const withThem = readTogether(`${name}_applications`, { ...parts, applications: APPLICATIONS_PART });
	return async (nationalId: string, applications: boolean | undefined) =>
		applications ? await withThem({ id: nationalId }) : { ...(await without({ id: nationalId })), applications: null };
}

const readRecordRows = readWithApplications('records', RECORD_PARTS);
const readMedicalRows = readWithApplications('medical', {
	person: RECORD_PARTS.person,
	coverages: RECORD_PARTS.coverages,
	ssoPeriods: SSO_PERIODS_PART,
	hospitals: RECORD_PARTS.hospitals
});
const readClaimRows = readTogether('claims', { claims: RECORD_PARTS.claims });

/**
 * Medical rights today and the registered hospital, from the person, their coverages, the months paid under sections
 * 33 and 39 and their hospital assignments only (no wages, employers, claims or savings): the citizen's hospital page
 * and the hospital clerk's rights check read the same. The same rules as loadRecords. Null for no such person.
 */
export async function medicalRecords(nationalId: string, today: string, opts: { applications?: boolean } = {}) {
	const read = await readMedicalRows(nationalId, opts.applications);
	const [person] = read.person;
	if (!person) return null;
	const { current: hospital, next: nextHospital } = assignmentsOn(read.hospitals, today);
	return {
		person,
		coverages: read.coverages,
		open: openCoverage(read.coverages),
		medical: medicalRights(read.coverages, new Set(read.ssoPeriods.map((p) => p.period)), today),
		hospital,
		nextHospital,
		applications: read.applications
	};
}

/** A person's benefit claims, newest first, and their total: the benefits page reads only these. */
export async function claimRecords(nationalId: string) {
	const { claims } = await readClaimRows({ id: nationalId });
	return { claims, ...claimTotals(claims) };
}

function claimTotals(claims: readonly { amountSatang: number }[]): { totalSatang: number; count: number } {
	return { totalSatang: claims.reduce((a, c) => a + c.amountSatang, 0), count: claims.length };
}

/** Insured status from the coverages: the one open today, else the one that ended last; the section 40 option. */
export function statusOf<C extends { section: number; s40Option: number | null; endDate: string | null }>(coverages: readonly C[]) {
	const open = openCoverage(coverages);
	const lastEnded = open
		? null
		: ([...coverages]
				.filter((c) => c.endDate)
				.sort((a, b) => (a.endDate! < b.endDate! ? -1 : 1))
				.pop() ?? null);
	return { open, lastEnded, s40Option: open?.section === 40 ? open.s40Option : null };
}

/** A section 39 member's last 12 months, paid or not, and the lapse warning; null for anyone else. */
function section39Of(open: { section: number; startDate: string } | null, lines: readonly { period: string; section: number }[], today: string) {
	return open?.section === 39 ? section39Months(new Set(lines.filter((l) => l.section === 39).map((l) => l.period)), today, open.startDate) : null;
}

const readStatusRows = readTogether('status', {
	coverages: RECORD_PARTS.coverages,
	employments: RECORD_PARTS.employments,
	// the section 39 and 40 months (the lapse warning, the months paid): periods only, no amounts
	periods: (d: Db) =>
		d
			.select({ period: schema.contributions.period, section: schema.contributions.section })
			.from(schema.contributions)
			.where(and(eq(schema.contributions.personId, id), inArray(schema.contributions.section, [39, 40])))
			.orderBy(asc(schema.contributions.period), asc(schema.contributions.payer))
});

/** The status page: coverages and jobs, latest first, the section 39 months and the section 40 months recorded. */
export async function statusRecords(nationalId: string, today: string) {
	const r = await readStatusRows({ id: nationalId });
	const status = statusOf(r.coverages);
	return {
		status,
		coverages: [...r.coverages].reverse(),
		employments: [...r.employments].reverse(),
		s39: section39Of(status.open, r.periods, today),
		// section 40: the recorded months of the last twelve recorded
		s40Paid: status.open?.section === 40 ? r.periods.filter((p) => p.section === 40).slice(-12).length : null
	};
}

/**
 * Each contribution line with its old-age share, and the old-age savings of them all. A section 40 month is priced with
 * the option in force that month (a history keeps its own months' options); other months need none, so no copy of
 * their rows is made.
 */
function priceLines(rows: Omit<ContributionLine, 'oldAgeSatang'>[], coverages: readonly CoverageSpan40[]) {
	const s40Option = statusOf(coverages).s40Option;
	const priced = rows.map((r) => (r.section === 40 ? { ...r, s40Option: optionAt(coverages, r.period) ?? s40Option } : r));
	const lines: ContributionLine[] = rows.map((r, i) => Object.assign(r, { oldAgeSatang: sumShare(oldAgeShare(priced[i]!)) }));
	return { lines, savings: totalOldAgeSavings(priced) };
}

const readContributionRows = readTogether('contributions', {
	coverages: RECORD_PARTS.coverages,
	contributions: RECORD_PARTS.contributions,
	contributionEmployers: RECORD_PARTS.contributionEmployers,
	contributionSubmissions: RECORD_PARTS.contributionSubmissions
});

/** The contributions page, its statement and its CSV: the lines, each with its old-age share, and the coverages. */
export async function contributionRecords(nationalId: string) {
	const r = await readContributionRows({ id: nationalId });
	return { coverages: r.coverages, lines: priceLines(contributionLines(r), r.coverages).lines };
}

/** The coverage open today (a person has at most one), or null. */
export function openCoverage<C extends { endDate: string | null }>(coverages: readonly C[]): C | null {
	return coverages.find((c) => c.endDate === null) ?? null;
}

/**
 * A person's records and every figure the record pages show, from one read. `applications`: also the person's
 * applications (in the same read), for the dashboard.
 */
export async function loadRecords(nationalId: string, today: string, opts: { applications?: boolean } = {}) {
	const read = await readRecordRows(nationalId, opts.applications);
	const [person] = read.person;
	if (!person) throw new Error('no such person');
	const { coverages, employments, claims, applications } = read;
	const rows = contributionLines(read);
	// the hospital in force today; an approved change that starts later is shown as coming
	const { current: hospital, next: nextHospital } = assignmentsOn(read.hospitals, today);

	// ── figures ──
	const status = statusOf(coverages);
	const { open, s40Option } = status;
	const { lines, savings } = priceLines(rows, coverages);
	const claimed = claimTotals(claims);
	const months = new Set(lines.map((l) => l.period)).size;
	const insuredTotal = lines.reduce((a, l) => a + l.insuredSatang, 0);
	const ssoLines = lines.filter((l) => l.section === 33 || l.section === 39);
	// the section 33/39 old-age benefit is paid from those sections' contributions only; section 40's old-age
	// savings are a separate fund with its own rules (Royal Decree on section 40)
	const ssoSavings = totalOldAgeSavings(ssoLines);
	// section 40's months (oldest first) and the old-age savings they hold: a fund of its own, paid at 60
	const s40Lines = lines.filter((l) => l.section === 40);
	const s40 = { periods: [...new Set(s40Lines.map((l) => l.period))], savingsSatang: s40Lines.reduce((a, l) => a + l.oldAgeSatang, 0) };
	const ssoPeriods = new Set(ssoLines.map((l) => l.period));
	const medical: MedicalRights = medicalRights(coverages, ssoPeriods, today);
	const lastJob = [...employments].reverse().find((e) => e.endDate);
	const ssoEnded = coverages
		.filter((c) => (c.section === 33 || c.section === 39) && c.endDate)
		.map((c) => c.endDate!)
		.sort()
		.pop();
	const working = open?.section === 33;
	const cause = lastJob?.endReason ? toCause(lastJob.endReason) : null;
	const ent: Entitlement[] = entitlements({
		today,
		birthDate: person.birthDate,
		gender: person.gender,
		currentSection: open?.section ?? null,
		coverageEndedOn: ssoEnded ?? null,
		contributions: monthlyBases(ssoLines),
		savings: ssoSavings,
		s40Option: s40Option === 1 || s40Option === 2 || s40Option === 3 ? s40Option : null,
		s40,
		lastJobEnd:
			!working && lastJob?.endDate && cause
				? {
						date: lastJob.endDate,
						cause,
						// past the 30 days (rolled past a holiday), a registration today is late and is paid from today
						registrationDate: today > registrationDeadline(lastJob.endDate) ? today : undefined,
						usedThisYear: unemploymentDaysThisYear(claims, today)
					}
				: null
	});
	return {
		person,
		applications,
		coverages,
		employments,
		lines,
		hospital,
		nextHospital,
		claims,
		status,
		s40,
		totals: {
			months,
			insuredSatang: insuredTotal,
			claimsSatang: claimed.totalSatang,
			claimsCount: claimed.count,
			savings,
			ssoSavings
		},
		medical,
		changeWindow: hospitalChangeWindow(today),
		entitlements: ent,
		s39: section39Of(open, lines, today),
		latestPeriod: lines.length ? lines[lines.length - 1]!.period : null
	};
}

export type Records = Awaited<ReturnType<typeof loadRecords>>;

/**
 * After the 15th, last month's contribution from the current employer is due. When it has not come in, the
 * dashboard says so (the employer named, the month, the due date), so the citizen can ask while it is fresh.
 */
export function unsubmittedMonth(
	r: Pick<Records, 'status' | 'employments' | 'lines'>,
	today: string
): { employer: string; employerEn: string; period: string; due: string } | null {
	if (r.status.open?.section !== 33) return null;
	const job = r.employments.find((e) => e.endDate === null);
	if (!job) return null;
	const period = addMonths(periodOf(today), -1);
	const due = contributionDue(period);
	if (today <= due || job.startDate > lastDayOf(period)) return null;
	if (r.lines.some((l) => l.period === period && l.employerId === job.employerId)) return null;
	return { employer: job.employer, employerEn: job.employerEn, period, due };
}

function sumShare(s: { insuredSatang: number; employerSatang: number }): number {
	return s.insuredSatang + s.employerSatang;
}

type CoverageSpan40 = { section: number; s40Option: number | null; startDate: string; endDate: string | null };

function optionAt(coverages: readonly CoverageSpan40[], period: string): number | null {
	const c = coverages.find((x) => x.section === 40 && periodOf(x.startDate) <= period && (!x.endDate || periodOf(x.endDate) >= period));
	return c?.s40Option ?? null;
}

/**
 * One entry per month, oldest first: a month paid by two employers counts once, and its wage bases add up to
 * at most that month's ceiling (benefits are computed on the capped wage).
 */
export function monthlyBases(lines: readonly ContributionLine[]): { period: string; section: number; wageBaseSatang: number }[] {
	const m = new Map<string, { period: string; section: number; wageBaseSatang: number }>();
	for (const l of lines) {
		const e = m.get(l.period);
		if (e) e.wageBaseSatang = Math.min(e.wageBaseSatang + l.wageBaseSatang, rowFor(S33_WAGE_BANDS, l.period).ceilingSatang);
		else m.set(l.period, { period: l.period, section: l.section, wageBaseSatang: l.wageBaseSatang });
	}
	return [...m.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}

/**
 * Unemployment benefit days already used this calendar year, from the claims (an open claim runs to today), split by
 * the cause stored with each claim: the 180-day yearly total counts every cause, the 90-day share only resignations
 * and contract ends (Act s.79; sso-rules.md "Unemployment"). A claim without a stored cause counts as a resignation,
 * which uses up both caps, so the portal never promises more days than the law allows.
 */
export function unemploymentDaysThisYear(
	claims: readonly { kind: string; startDate: string | null; endDate: string | null; cause?: string | null }[],
	today: string
): { layoffDays: number; resignDays: number } {
	const yearStart = `${today.slice(0, 4)}-01-01`;
	let layoffDays = 0;
	let resignDays = 0;
	for (const c of claims) {
		if (c.kind !== 'unemployment' || !c.startDate) continue;
		const from = c.startDate > yearStart ? c.startDate : yearStart;
		const to = c.endDate && c.endDate < today ? c.endDate : today;
		if (to < from) continue;
		const days = daysBetween(from, to) + 1;
		if (isLayoff(toCause(c.cause ?? 'resigned'))) layoffDays += days;
		else resignDays += days;
	}
	return { layoffDays, resignDays };
}

export function toCause(reason: string): Cause {
	return (
		(['dismissed', 'business_closed', 'force_majeure', 'resigned', 'contract_ended', 'dismissed_misconduct'] as const).find((c) => c === reason) ?? 'resigned'
	);
}

/**
 * Section 39 months of the last 12 that are due by now (since the member joined), paid or not, and the lapse
 * warning: membership ends after 3 consecutive unpaid months, or fewer than 9 paid in any 12 — so a member with
 * an unpaid month, or only 9 paid in the last 12, is one missed month from losing it.
 */
export function section39Months(paid: ReadonlySet<string>, today: string, since: string) {
	const due = lastPaidPeriod(today);
	const first = addMonths(due, -11) > periodOf(since) ? addMonths(due, -11) : periodOf(since);
	const months = first <= due ? periodRange(first, due).map((period) => ({ period, paid: paid.has(period) })) : [];
	let trailingUnpaid = 0;
	for (let i = months.length - 1; i >= 0 && !months[i]!.paid; i--) trailingUnpaid++;
	const paidIn12 = countInWindowBefore(paid, addMonths(due, 1), 12);
	const full = months.length === 12;
	return { months, trailingUnpaid, paidIn12, warn: trailingUnpaid >= 1 || (full && paidIn12 <= 9) };
}

/** "What's new": the newest contribution month, if the citizen has not yet been told of it; marks it as seen. */
export async function whatsNew(userId: string, latestPeriod: string | null, seenPeriod: string | null): Promise<string | null> {
	if (!latestPeriod || (seenPeriod && seenPeriod >= latestPeriod)) return null;
	await transaction((tx) => tx.update(schema.users).set({ seenPeriod: latestPeriod }).where(eq(schema.users.id, userId)));
	return seenPeriod ? latestPeriod : null;
}
