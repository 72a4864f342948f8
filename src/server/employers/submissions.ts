/**
 * Employers' monthly SSO 1-10 submissions: upload → check → review → confirm.
 *
 * - **Upload** streams the file (fixed-width, CSV or XLSX) through one checker. Rows are staged in batches under a
 *   `pending` submission so memory does not grow with the file; if any line has a problem, the staged rows and the
 *   submission are deleted again and the employer gets the problems by line: nothing is left behind.
 * - **Review** shows the pending submission's figures (Step 4/6 of the SSO e-Service) and its persons, paged.
 * - **Confirm** writes the month into `contributions` in one transaction and gives it a transaction number. A month that
 *   already has rows for this employer is replaced only with `replace`; the earlier version stays, marked `replaced`.
 *   Confirming twice answers with the first confirmation: a submission is never applied twice.
 */
import crypto from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, min, sql, sum } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { db, engine, exec, one, returned, schema, transaction, type Db } from '../db';
import { audit } from '../audit';
import { now } from '../clock';
import { isoDateInBangkok } from '$lib/format/date';
import { lastDayOf } from '$lib/rules/periods';
import { contributionDue } from '$lib/rules/workdays';
import { rowFor, S33_RATES } from '$lib/rules/rates';
import { lines, parseDetail, parseHeader, type Encoding, type FieldProblem, type Sso110Detail, type Sso110Header } from '$lib/employers/sso110';
import { sheetReader, type SheetLine } from '$lib/employers/sheet';
import { Sso110Checker, type Problem } from '$lib/employers/validate';
import { readSheet, SheetError, type SheetLimits } from './spreadsheet';

export type Submission = typeof schema.employerSubmissions.$inferSelect;
export type Employer = typeof schema.employers.$inferSelect;
export type Format = 'fixed' | 'csv' | 'xlsx';

/**
 * Lines checked, and their rows staged, per transaction while a file streams in. One transaction for the batch makes the
 * registry look-up of each line cheap: a read outside a transaction opens and closes one of its own (locks, the WAL
 * index), which cost more than the rest of the line's checks together.
 */
const BATCH = 2000;
/** Staged rows per INSERT statement: one statement for many rows costs less than one a row. */
const STAGE_ROWS = 32;
const STAGE_COLUMNS = 11;
/** Problems listed on the page (the count covers them all). */
export const MAX_PROBLEMS = 500;

export async function employerById(id: number): Promise<Employer | undefined> {
	return await one(db().select().from(schema.employers).where(eq(schema.employers.id, id)));
}

export async function employerByAccount(account: string, branch: string): Promise<Employer | undefined> {
	return await one(
		db()
			.select()
			.from(schema.employers)
			.where(and(eq(schema.employers.accountNo, account), eq(schema.employers.branch, branch)))
	);
}

/** The last day to submit and pay a wage month (src/lib/rules). */
export const dueDate = contributionDue;

/** A field problem of the reader (length, digits, …) as a checker problem with its message key. */
function fieldProblem(p: FieldProblem): Problem {
	return { line: p.line, field: p.field, code: `emp_err_field_${p.code}` };
}

export interface UploadInput {
	employer: Employer;
	staffId: string;
	fileName: string;
	format: Format;
	/** the file's bytes as they arrive */
	chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
	/** a spreadsheet's wage month (YYYY-MM) and payment date, from the form; the fixed-width header carries its own */
	period?: string;
	today: string;
	/** CSV and XLSX are read in a child process under these limits (./spreadsheet.ts) */
	sheetLimits?: SheetLimits;
}

export type UploadResult =
	| { ok: true; id: number; persons: number }
	| { ok: false; reason: 'problems'; problems: Problem[]; problemCount: number; lines: number; header: Sso110Header | null; fileName: string };

/** A spreadsheet the child could not read, as the problem the employer is shown. */
function sheetProblem(format: Format, e: SheetError): Problem {
	if (e.code === 'not_csv') return { line: e.line ?? 1, field: 'file', code: 'emp_err_not_csv' };
	if (e.code === 'not_xlsx') return { line: 1, field: 'file', code: 'emp_err_not_xlsx' };
	return { line: 1, field: 'file', code: format === 'xlsx' ? 'emp_err_xlsx_too_large' : 'emp_err_csv_too_large' };
}

/** One line of a file as the checker takes it: a header, a person's line, or the problems that make it unreadable. */
export type FileLine =
	| { line: number; header: Sso110Header }
	| { line: number; detail: Sso110Detail; title: string }
	| { line: number; problems: Problem[] }
	/** a spreadsheet the child process could not read to its end (the lines before it are checked) */
	| { unreadable: Problem };

/**
 * Lines gathered BATCH at a time (one transaction checks each batch): `add` hands back a batch once it is full, `rest`
 * what is left at the end. The readers below yield batches, not lines, so a line costs no extra await on its way.
 */
function batcher<T>() {
	let batch: T[] = [];
	return {
		add(l: T): T[] | null {
			batch.push(l);
			if (batch.length < BATCH) return null;
			const full = batch;
			batch = [];
			return full;
		},
		rest: (): T[] | null => (batch.length ? batch : null)
	};
}

/** A line of a fixed-width SSO 1-10 file as it arrives, not read yet. */
type FixedWidthText = { no: number; text: string; encoding: Encoding };

/** One line of a fixed-width SSO 1-10 file, read. */
export function fixedWidthLine({ no, text, encoding }: FixedWidthText): FileLine {
	if (text === '') return { line: no, problems: [{ line: no, field: 'record', code: 'emp_err_field_length' }] };
	if (text[0] === '1') {
		const h = parseHeader(text, no, encoding);
		return h.ok ? { line: no, header: h.value } : { line: no, problems: h.problems.map(fieldProblem) };
	}
	if (text[0] !== '2') return { line: no, problems: [{ line: no, field: 'type', code: 'emp_err_field_record_type' }] };
	const d = parseDetail(text, no, encoding);
	if (!d.ok) return { line: no, problems: d.problems.map(fieldProblem) };
	// the ID is a slice of the decoded 64 KiB chunk, and the checker keeps every ID (duplicates): without a copy of its 13
	// digits (checked by parseDetail) every chunk (~128 KB as a string) would stay in memory until the end
	d.value.nationalId = Buffer.from(d.value.nationalId, 'latin1').toString('latin1');
	return { line: no, detail: d.value, title: '' };
}

/**
 * The lines of a fixed-width SSO 1-10 file as they arrive, in batches, still as text: each is read (fixedWidthLine) in
 * its batch's transaction. A batch of lines read beforehand held two to three times the memory (bench:import).
 */
export async function* fixedWidthBatches(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<FixedWidthText[]> {
	const out = batcher<FixedWidthText>();
	for await (const raw of lines(chunks)) {
		const full = out.add(raw);
		if (full) yield full;
	}
	const rest = out.rest();
	if (rest) yield rest;
}

/** The lines of a fixed-width batch, each read as it is taken. */
function* readEach(batch: readonly FixedWidthText[]): Generator<FileLine> {
	for (const text of batch) yield fixedWidthLine(text);
}

/** The lines of a spreadsheet (CSV or XLSX), read in a child process under limits as the file arrives, in batches. */
export async function* sheetLines(format: 'csv' | 'xlsx', chunks: AsyncIterable<Uint8Array>, limits?: SheetLimits): AsyncGenerator<FileLine[]> {
	const reader = sheetReader();
	const out = batcher<FileLine>();
	const fromSheet = (l: SheetLine): FileLine => ('problems' in l ? { line: l.line, problems: l.problems.map(fieldProblem) } : l);
	/** the reader's last line, or the problem that stopped the reading */
	let tail: FileLine | null = null;
	try {
		for await (const rows of readSheet(format, chunks, limits))
			for (const r of rows) {
				const l = reader.row(r);
				const full = l && out.add(fromSheet(l));
				if (full) yield full;
			}
		const last = reader.end();
		if (last) tail = fromSheet(last);
	} catch (e) {
		if (!(e instanceof SheetError)) throw e;
		tail = { unreadable: sheetProblem(format, e) };
	}
	const full = tail && out.add(tail);
	if (full) yield full;
	const rest = out.rest();
	if (rest) yield rest;
}

/** The bytes passed on as they are, their SHA-256 taken on the way. */
function hashing(src: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): { chunks: AsyncIterable<Uint8Array>; digest: () => string } {
	const hash = crypto.createHash('sha256');
	return {
		chunks: (async function* () {
			for await (const c of src) {
				hash.update(c);
				yield c;
			}
		})(),
		digest: () => hash.digest('hex')
	};
}

/**
 * Whether a person of a file is in the registry and employed by this employer at some time in the month (registered by
 * SSO 1-03): one prepared statement, asked once a line, on the connection of the batch's transaction.
 */
function registryPerson(employerId: number): (id: string, period: string) => 'unknown' | 'employed' | 'not_employed' {
	const q = preparedOnce((c) =>
		c
			.prepare(
				`SELECT (SELECT count(*) FROM employments e WHERE e.person_id = p.national_id AND e.employer_id = ? AND e.start_date <= ? AND (e.end_date IS NULL OR e.end_date >= ?)) FROM persons p WHERE p.national_id = ?`
			)
			.pluck()
	);
	let month = '';
	let first = '';
	let last = '';
	return (id, period) => {
		if (period !== month) [month, first, last] = [period, `${period}-01`, lastDayOf(period)];
		const n = q().get(employerId, last, first, id) as number | undefined;
		return n === undefined ? 'unknown' : n > 0 ? 'employed' : 'not_employed';
	};
}

/**
 * A statement prepared once for the connection it runs on: that of the current transaction (the process's writing
 * connection), which is where the batches of a file are checked and staged.
 */
function preparedOnce<S>(make: (c: Database.Database) => S): () => S {
	let on: Database.Database | null = null;
	let statement: S | null = null;
	return () => {
		const c = db().$client;
		if (c !== on || statement === null) [on, statement] = [c, make(c)];
		return statement;
	};
}

/**
 * The staging of a file's rows under a `staging` submission, STAGE_ROWS rows a statement. Rows are only worth writing
 * while the file has no problem: once a line is wrong, everything staged is deleted at the end. Used inside the
 * batches' transactions.
 */
export class Stager {
	id: number | null = null;
	private readonly staged: (string | number)[] = [];
	private readonly insertSub = preparedOnce((c) =>
		c.prepare(
			`INSERT INTO employer_submissions (employer_id, period, status, format, file_name, file_sha256, uploaded_by, uploaded_at, payment_date, rate_bp, persons, wages_satang, wage_base_satang, employee_satang, employer_satang)
		 VALUES (?, ?, 'staging', ?, ?, '', ?, ?, ?, 0, 0, 0, 0, 0, 0)`
		)
	);
	private readonly insertRow = this.insertRows(1);
	private readonly insertMany = this.insertRows(STAGE_ROWS);

	constructor(private readonly input: Pick<UploadInput, 'employer' | 'format' | 'fileName' | 'staffId'>) {}

	private insertRows(n: number) {
		return preparedOnce((c) =>
			c.prepare(
				`INSERT INTO employer_submission_rows (submission_id, line_no, national_id, title, first_name, last_name, wage_satang, wage_base_satang, insured_satang, employer_satang, government_satang)
			 VALUES ${Array(n).fill('(?,?,?,?,?,?,?,?,?,?,?)').join(',')}`
			)
		);
	}

	/** The submission the rows are staged under, made from the file's (or the form's) header. */
	open(h: Sso110Header): void {
		const { employer, format, fileName, staffId } = this.input;
		this.id = Number(this.insertSub().run(employer.id, h.period, format, fileName.slice(0, 200), staffId, now(), h.paymentDate).lastInsertRowid);
	}

	/** A checked person's line; written when STAGE_ROWS have gathered. */
	add(d: Sso110Detail, line: number, title: string, c: { wageBaseSatang: number; employerSatang: number; governmentSatang: number }): void {
		if (this.id === null) return;
		this.staged.push(
			this.id,
			line,
			d.nationalId,
			title,
			d.firstName,
			d.lastName,
			d.wageSatang,
			c.wageBaseSatang,
			d.employeeSatang,
			c.employerSatang,
			c.governmentSatang
		);
		if (this.staged.length === STAGE_ROWS * STAGE_COLUMNS) {
			this.insertMany().run(this.staged);
			this.staged.length = 0;
		}
	}

	/** The rows left at the end of a batch, one statement each, or none once `keep` is false (they will all be deleted). */
	flush(keep: boolean): void {
		if (keep) for (let i = 0; i < this.staged.length; i += STAGE_COLUMNS) this.insertRow().run(this.staged.slice(i, i + STAGE_COLUMNS));
		this.staged.length = 0;
	}
}

/**
 * PostgreSQL's staging: the submission is written at the first batch's end (with its id, the rows), and the rows of
 * each batch as many-row INSERTs, since a statement there is a round trip, not a function call. A batch's writes are one
 * transaction, which PostgreSQL may run more than once (a conflict with another): the stager's own state changes only
 * once it has committed.
 */
class PostgresStager {
	id: number | null = null;
	private header: Sso110Header | null = null;
	private readonly staged: (typeof schema.employerSubmissionRows.$inferInsert)[] = [];

	constructor(private readonly input: Pick<UploadInput, 'employer' | 'format' | 'fileName' | 'staffId'>) {}

	open(h: Sso110Header): void {
		this.header = h;
	}

	add(d: Sso110Detail, line: number, title: string, c: { wageBaseSatang: number; employerSatang: number; governmentSatang: number }): void {
		if (this.id === null && !this.header) return;
		this.staged.push({
			submissionId: 0,
			lineNo: line,
			nationalId: d.nationalId,
			title,
			firstName: d.firstName,
			lastName: d.lastName,
			wageSatang: d.wageSatang,
			wageBaseSatang: c.wageBaseSatang,
			insuredSatang: d.employeeSatang,
			employerSatang: c.employerSatang,
			governmentSatang: c.governmentSatang
		});
	}

	async flush(keep: boolean): Promise<void> {
		const staged = this.staged.splice(0);
		const rows = keep ? staged : [];
		const header = this.header;
		if (this.id === null && !header) return;
		this.id = await transaction(async (tx) => {
			let id = this.id;
			if (id === null && header) {
				const { employer, format, fileName, staffId } = this.input;
				const s = schema.employerSubmissions;
				id = (
					await returned(
						tx
							.insert(s)
							.values({
								employerId: employer.id,
								period: header.period,
								status: 'staging',
								format,
								fileName: fileName.slice(0, 200),
								fileSha256: '',
								uploadedBy: staffId,
								uploadedAt: now(),
								paymentDate: header.paymentDate,
								rateBp: 0,
								persons: 0,
								wagesSatang: 0,
								wageBaseSatang: 0,
								employeeSatang: 0,
								employerSatang: 0
							})
							.returning({ id: s.id })
					)
				).id;
			}
			for (let i = 0; i < rows.length; i += 1000)
				await tx.insert(schema.employerSubmissionRows).values(rows.slice(i, i + 1000).map((r) => ({ ...r, submissionId: id! })));
			return id;
		});
		this.header = null;
	}
}

/**
 * PostgreSQL's look-up of a batch's persons in the registry: one query for the batch, before its lines are checked
 * (the checker asks line by line, and cannot wait for a round trip each time).
 */
function registryOfBatch(employerId: number) {
	let known = new Map<string, 'employed' | 'not_employed'>();
	return {
		person: (id: string): 'unknown' | 'employed' | 'not_employed' => known.get(id) ?? 'unknown',
		async load(lines: readonly FileLine[], period: string | undefined): Promise<void> {
			known = new Map();
			const ids = lines.flatMap((l) => ('detail' in l ? [l.detail.nationalId] : []));
			if (!period || ids.length === 0) return;
			const p = schema.persons;
			const e = schema.employments;
			const found = await db()
				.select({
					id: p.nationalId,
					employed:
						sql<number>`(SELECT count(*) FROM ${e} WHERE ${e.personId} = ${p.nationalId} AND ${e.employerId} = ${employerId} AND ${e.startDate} <= ${lastDayOf(period)} AND (${e.endDate} IS NULL OR ${e.endDate} >= ${`${period}-01`}))`.mapWith(
							Number
						)
				})
				.from(p)
				.where(inArray(p.nationalId, [...new Set(ids)]));
			for (const r of found) known.set(r.id, r.employed > 0 ? 'employed' : 'not_employed');
		}
	};
}

/** Reads, checks and stages a file. Nothing stays written unless every line is right. */
export async function upload(input: UploadInput): Promise<UploadResult> {
	const { employer } = input;
	const onPostgres = engine() === 'postgres';
	const batchRegistry = registryOfBatch(employer.id);
	const checker = new Sso110Checker({
		account: employer.accountNo,
		branch: employer.branch,
		today: input.today,
		person: onPostgres ? (id) => batchRegistry.person(id) : registryPerson(employer.id),
		maxProblems: MAX_PROBLEMS
	});
	const stager = onPostgres ? new PostgresStager(input) : new Stager(input);
	const file = hashing(input.chunks);
	let lastLine = 0;

	const take = (l: FileLine) => {
		if ('unreadable' in l) return checker.problem(l.unreadable);
		lastLine = l.line;
		if ('problems' in l) l.problems.forEach((p) => checker.problem(p));
		else if ('header' in l) {
			const first = !checker.header;
			checker.checkHeader(l.header, l.line);
			if (first && checker.ok) stager.open(l.header);
		} else {
			const c = checker.checkDetail(l.detail, l.line);
			if (c && checker.ok) stager.add(l.detail, l.line, l.title, c);
		}
	};
	// a batch of lines in one transaction: it reads (the registry) and writes (the staged rows); other requests are
	// served between batches
	const check = async (batch: Iterable<FileLine>) => {
		if (onPostgres) {
			// the registry read, then the lines checked in memory once, then the batch's writes in a transaction of their
			// own (a transaction that PostgreSQL runs again must not check the lines twice)
			const lines = [...batch];
			const header = lines.find((l): l is { line: number; header: Sso110Header } => 'header' in l);
			await batchRegistry.load(lines, checker.header?.period ?? header?.header.period);
			for (const l of lines) take(l);
			await stager.flush(checker.ok);
			return;
		}
		await transaction(async () => {
			for (const l of batch) take(l);
			await stager.flush(checker.ok);
		});
	};

	try {
		if (input.format !== 'fixed') {
			// a spreadsheet has no header record: its month comes from the form, its rate from the rate table
			const period = input.period!;
			const header: Sso110Header = {
				account: employer.accountNo,
				branch: employer.branch,
				paymentDate: input.today,
				period,
				companyName: employer.nameTh,
				rateBp: rowFor(S33_RATES, period <= input.today.slice(0, 7) ? period : input.today.slice(0, 7)).insuredBp,
				count: 0,
				totalWagesSatang: 0,
				totalContributionSatang: 0,
				employeeSatang: 0,
				employerSatang: 0
			};
			checker.useFormHeader(header);
			if (checker.ok) await transaction(async () => stager.open(header));
		}
		// a fixed-width batch is read a line at a time inside its transaction (lazily, not as a batch of read lines)
		if (input.format === 'fixed') for await (const batch of fixedWidthBatches(file.chunks)) await check(readEach(batch));
		else for await (const batch of sheetLines(input.format, file.chunks, input.sheetLimits)) await check(batch);
		checker.finish(lastLine);
	} catch (e) {
		if (stager.id !== null) await discard(stager.id);
		throw e;
	}
	return finish(input, checker, stager.id, lastLine, file.digest);
}

/** A checked file: kept for review when every line is right (an earlier unconfirmed one goes), otherwise deleted. */
async function finish(input: UploadInput, checker: Sso110Checker, subId: number | null, lastLine: number, digest: () => string): Promise<UploadResult> {
	const { employer } = input;
	if (!checker.ok || subId === null) {
		if (subId !== null) await discard(subId);
		if (checker.ok) checker.problem({ line: 1, field: 'type', code: 'emp_err_empty' });
		await audit({
			actor: input.staffId,
			action: 'employer.upload.rejected',
			subject: `employer:${employer.id}`,
			detail: { file: input.fileName, format: input.format, problems: checker.problemCount }
		});
		return {
			ok: false,
			reason: 'problems',
			problems: checker.problems,
			problemCount: checker.problemCount,
			lines: lastLine,
			header: checker.header,
			fileName: input.fileName
		};
	}
	const t = checker.totals;
	const id: number = subId;
	const sha256 = digest();
	await transaction(
		async (tx) => {
			// staged in full and checked: only now can it be reviewed and confirmed
			await tx
				.update(schema.employerSubmissions)
				.set({
					status: 'pending',
					fileSha256: sha256,
					rateBp: checker.header!.rateBp,
					persons: t.count,
					wagesSatang: t.wagesSatang,
					wageBaseSatang: t.wageBaseSatang,
					employeeSatang: t.employeeSatang,
					employerSatang: t.employerSatang
				})
				.where(eq(schema.employerSubmissions.id, id));
			// one upload waits for review at a time: an earlier unconfirmed one goes
			const older = (
				await tx
					.select({ id: schema.employerSubmissions.id })
					.from(schema.employerSubmissions)
					.where(and(eq(schema.employerSubmissions.employerId, employer.id), eq(schema.employerSubmissions.status, 'pending')))
			).filter((s) => s.id !== id);
			for (const o of older) await discardIn(tx, o.id);
		},
		{ durable: true }
	);
	await audit({
		actor: input.staffId,
		action: 'employer.upload',
		subject: `employer:${employer.id}`,
		detail: { submission: id, period: checker.header!.period, persons: t.count, format: input.format }
	});
	return { ok: true, id, persons: t.count };
}

/** A submission still being staged or waiting for review, and its rows; never a confirmed or replaced one. */
async function discardIn(tx: Db, id: number): Promise<void> {
	const open = and(eq(schema.employerSubmissions.id, id), inArray(schema.employerSubmissions.status, ['staging', 'pending']));
	if (!(await one(tx.select({ id: schema.employerSubmissions.id }).from(schema.employerSubmissions).where(open)))) return;
	await tx.delete(schema.employerSubmissionRows).where(eq(schema.employerSubmissionRows.submissionId, id));
	await tx.delete(schema.employerSubmissions).where(open);
}

/** Deletes a pending submission and its staged rows (a file with problems, a cancelled review, an abandoned one). */
export async function discard(id: number): Promise<void> {
	await transaction((tx) => discardIn(tx, id));
}

/** One of this employer's submissions, or undefined (another employer's is as good as none). */
export async function submissionOf(employerId: number, id: number): Promise<Submission | undefined> {
	return await one(
		db()
			.select()
			.from(schema.employerSubmissions)
			.where(and(eq(schema.employerSubmissions.id, id), eq(schema.employerSubmissions.employerId, employerId)))
	);
}

export async function submissionsOf(employerId: number, limit = 24): Promise<Submission[]> {
	return await db()
		.select()
		.from(schema.employerSubmissions)
		.where(and(eq(schema.employerSubmissions.employerId, employerId), inArray(schema.employerSubmissions.status, ['confirmed', 'replaced'])))
		.orderBy(desc(schema.employerSubmissions.period), desc(schema.employerSubmissions.id))
		.limit(limit);
}

export async function pendingOf(employerId: number): Promise<Submission | undefined> {
	return await one(
		db()
			.select()
			.from(schema.employerSubmissions)
			.where(and(eq(schema.employerSubmissions.employerId, employerId), eq(schema.employerSubmissions.status, 'pending')))
	);
}

export type SubmissionRow = typeof schema.employerSubmissionRows.$inferSelect;

/** The persons of a submission in file order, a page at a time. */
export async function rowsOf(id: number, offset: number, limit: number): Promise<SubmissionRow[]> {
	return await db()
		.select()
		.from(schema.employerSubmissionRows)
		.where(eq(schema.employerSubmissionRows.submissionId, id))
		.orderBy(asc(schema.employerSubmissionRows.lineNo))
		.limit(limit)
		.offset(offset);
}

/** What a month already holds for this employer: a confirmed submission, or rows the registry had before any file. */
export async function existingFor(employerId: number, period: string): Promise<{ submission: Submission | null; registryRows: number }> {
	const submission =
		(await one(
			db()
				.select()
				.from(schema.employerSubmissions)
				.where(
					and(
						eq(schema.employerSubmissions.employerId, employerId),
						eq(schema.employerSubmissions.period, period),
						eq(schema.employerSubmissions.status, 'confirmed')
					)
				)
		)) ?? null;
	const [{ n: registryRows }] = (await db().select({ n: count() }).from(schema.contributions).where(registryMonth(employerId, period))) as [{ n: number }];
	return { submission, registryRows };
}

/** The registry's own rows of an employer's month: those no submission wrote. */
function registryMonth(employerId: number, period: string) {
	const c = schema.contributions;
	return and(eq(c.payer, `E${employerId}`), eq(c.period, period), isNull(c.submissionId));
}

export type ConfirmResult = { ok: true; submission: Submission; replaced: number | null } | { ok: false; reason: 'not_found' | 'needs_replace' };

/** A 10-digit transaction number, like the e-Service's หมายเลขธุรกรรม. */
function txnNumber(): string {
	return String(crypto.randomInt(1_000_000_000, 10_000_000_000));
}

/** Writes a checked month into the ledger in one transaction. `replace` must be given when the month already has rows. */
export async function confirm(employerId: number, id: number, staffId: string, replace: boolean): Promise<ConfirmResult> {
	return transaction(
		async (tx): Promise<ConfirmResult> => {
			const s = schema.employerSubmissions;
			const c = schema.contributions;
			const sub = await submissionOf(employerId, id);
			if (!sub) return { ok: false, reason: 'not_found' };
			if (sub.status === 'staging') return { ok: false, reason: 'not_found' }; // still being checked
			if (sub.status !== 'pending') return { ok: true, submission: sub, replaced: sub.replacedById }; // already done: the same answer
			const [{ n: staged }] = (await tx
				.select({ n: count() })
				.from(schema.employerSubmissionRows)
				.where(eq(schema.employerSubmissionRows.submissionId, id))) as [{ n: number }];
			if (staged !== sub.persons) return { ok: false, reason: 'not_found' };
			const payer = `E${employerId}`;
			const before = await existingFor(employerId, sub.period);
			if ((before.submission || before.registryRows > 0) && !replace) return { ok: false, reason: 'needs_replace' };
			const at = now();
			let replaced: number | null = null;
			if (before.registryRows > 0) {
				// the registry's own rows for the month become a version of their own, kept like any replaced file
				const [r] = await tx
					.select({
						n: count(),
						base: sum(c.wageBaseSatang).mapWith(Number),
						ins: sum(c.insuredSatang).mapWith(Number),
						emp: sum(c.employerSatang).mapWith(Number),
						paid: min(c.paidDate)
					})
					.from(c)
					.where(registryMonth(employerId, sub.period));
				const { id: old } = await returned(
					tx
						.insert(s)
						.values({
							employerId,
							period: sub.period,
							status: 'replaced',
							format: 'registry',
							uploadedAt: at,
							paymentDate: r!.paid ?? sub.paymentDate,
							rateBp: sub.rateBp,
							persons: r!.n,
							wagesSatang: r!.base,
							wageBaseSatang: r!.base,
							employeeSatang: r!.ins,
							employerSatang: r!.emp,
							replacedAt: at,
							replacedById: id
						})
						.returning({ id: s.id })
				);
				// the parameters in a SELECT list are cast: PostgreSQL does not guess their type there
				await exec(sql`INSERT INTO employer_submission_rows (submission_id, line_no, national_id, title, first_name, last_name, wage_satang, wage_base_satang, insured_satang, employer_satang, government_satang)
					SELECT CAST(${old} AS BIGINT), row_number() OVER (ORDER BY c.person_id), c.person_id, coalesce(p.title_th, ''), coalesce(p.first_name_th, ''), coalesce(p.last_name_th, ''), c.wage_base_satang, c.wage_base_satang, c.insured_satang, c.employer_satang, c.government_satang
					FROM contributions c LEFT JOIN persons p ON p.national_id = c.person_id WHERE c.payer = ${payer} AND c.period = ${sub.period} AND c.submission_id IS NULL`);
				replaced = old;
			}
			if (before.submission) {
				await tx.update(s).set({ status: 'replaced', replacedAt: at, replacedById: id }).where(eq(s.id, before.submission.id));
				replaced = before.submission.id;
			}
			await tx.delete(c).where(and(eq(c.payer, payer), eq(c.period, sub.period)));
			await exec(sql`INSERT INTO contributions (person_id, period, section, employer_id, payer, wage_base_satang, insured_satang, employer_satang, government_satang, paid_date, submission_id)
				SELECT national_id, CAST(${sub.period} AS TEXT), 33, CAST(${employerId} AS BIGINT), CAST(${payer} AS TEXT), wage_base_satang, insured_satang, employer_satang, government_satang, CAST(${sub.paymentDate} AS TEXT), submission_id
				FROM employer_submission_rows WHERE submission_id = ${id}`);
			const late = isoDateInBangkok(at) > dueDate(sub.period);
			let txn = txnNumber();
			while (await one(tx.select({ id: s.id }).from(s).where(eq(s.txnNo, txn)))) txn = txnNumber();
			await tx.update(s).set({ status: 'confirmed', txnNo: txn, confirmedAt: at, confirmedBy: staffId, late }).where(eq(s.id, id));
			await audit({
				actor: staffId,
				action: replaced ? 'employer.submission.replaced' : 'employer.submission.confirmed',
				subject: `employer:${employerId}`,
				detail: { submission: id, txn, period: sub.period, persons: sub.persons, replaced, late }
			});
			return { ok: true, submission: (await submissionOf(employerId, id))!, replaced };
		},
		// a large employer's month takes seconds to write: a second confirmation (a double click, another officer) waits
		// for the first and then finds the month done, instead of failing after the usual wait for a lock
		{ durable: true, lockWaitMs: 60_000 }
	);
}

/** Housekeeping: uploads left unconfirmed for a day go, with their staged rows. */
export async function prunePending(t = now()): Promise<number> {
	const old = await db()
		.select({ id: schema.employerSubmissions.id })
		.from(schema.employerSubmissions)
		.where(and(inArray(schema.employerSubmissions.status, ['staging', 'pending']), sql`${schema.employerSubmissions.uploadedAt} < ${t - 24 * 3600_000}`));
	for (const o of old) await discard(o.id);
	return old.length;
}
