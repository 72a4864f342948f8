import { beforeEach, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { addPersonTo, freshDatabase, testEngines, type TestDb } from '../../../tests/unit/engines';
import { april2565, headerFor, SEED_FIGURES, validId } from '../../../tests/fixtures/sso110';
import { encodeFile, type Sso110Detail } from '$lib/employers/sso110';
import { section33Contribution } from '$lib/rules/contributions';
import { bahtWords } from '$lib/format/thai-words';
import {
	confirm,
	discard,
	dueDate,
	employerByAccount,
	existingFor,
	fixedWidthBatches,
	fixedWidthLine,
	pendingOf,
	sheetLines,
	rowsOf,
	submissionOf,
	upload,
	type Format,
	type UploadResult
} from './submissions';
import { readRows, SHEET_LIMITS, SheetError } from './spreadsheet';
import { receiveFile } from './multipart';
import { deflated, SHEET_HEAD, SHEET_TAIL, xlsxBomb, xlsxLyingBomb, xlsxWith } from '../../../tests/fixtures/zip';

const engines = await testEngines('employer file tests on PostgreSQL');
let db: TestDb;
const TODAY = '2026-11-26';
const count = (sql: string, ...args: unknown[]) => db.count(sql, ...args);

async function employer(account = SEED_FIGURES.account, branch = '000000') {
	await db.run(
		"INSERT INTO employers (account_no,branch,name_th,name_en,province) VALUES (?,?,'มหาวิทยาลัยราชภัฏนครสวรรค์','Nakhon Sawan Rajabhat University','นครสวรรค์')",
		account,
		branch
	);
	return (await employerByAccount(account, branch))!;
}

/** Registry persons, employees of the first employer since 2000 (registered with it by SSO 1-03). */
async function persons(rows: readonly { nationalId: string }[], employed = true) {
	const ids = rows.map((r) => r.nationalId);
	const values = (row: string) => ids.map(() => row).join(', ');
	await db.run(
		`INSERT INTO persons (national_id,title_th,first_name_th,last_name_th,title_en,first_name_en,last_name_en,birth_date,gender) VALUES ${values("(?,'นาย','ทดสอบ','ระบบ','Mr.','Test','Person','1990-01-01','M')")} ON CONFLICT DO NOTHING`,
		...ids
	);
	if (employed)
		await db.run(`INSERT INTO employments (person_id,employer_id,start_date,monthly_wage_satang) VALUES ${values("(?,1,'2000-01-01',1500000)")}`, ...ids);
}

/**
 * The staging submissions once one is there (a file's first batch has been checked and written: on PostgreSQL that
 * takes longer than on SQLite), polled for up to 5 s; 0 if none came.
 */
async function untilStaged(): Promise<number> {
	for (const until = Date.now() + 5000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
		const n = await count("SELECT count(*) AS n FROM employer_submissions WHERE status = 'staging'");
		if (n > 0) return n;
	}
	return 0;
}

/** Feeds the text in small chunks, as a request body arrives. */
function* chunked(text: string, size = 1000): Generator<Uint8Array> {
	const b = new TextEncoder().encode(text);
	for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function send(e: Awaited<ReturnType<typeof employer>>, text: string | Uint8Array, format: Format = 'fixed', period?: string): Promise<UploadResult> {
	return upload({
		employer: e,
		staffId: 'staff-1',
		fileName: `april.${format === 'fixed' ? 'txt' : format}`,
		format,
		chunks: typeof text === 'string' ? chunked(text) : [text],
		period,
		today: TODAY
	});
}

const written = async () => ({
	subs: await count('SELECT count(*) AS n FROM employer_submissions'),
	rows: await count('SELECT count(*) AS n FROM employer_submission_rows'),
	contributions: await count('SELECT count(*) AS n FROM contributions')
});

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
	});

	describe('the seed-shaped April 2565 submission (669 persons)', () => {
		it('imports, and its summary is the figures the fixture was built with', async () => {
			const e = await employer();
			const { header, rows } = april2565();
			await persons(rows);
			const r = await send(e, encodeFile(header, rows));
			expect(r).toEqual({ ok: true, id: expect.any(Number), persons: 669 });
			if (!r.ok) return;
			const s = (await submissionOf(e.id, r.id))!;
			expect(s).toMatchObject({
				status: 'pending',
				period: '2022-04',
				rateBp: 500,
				persons: SEED_FIGURES.persons,
				wagesSatang: SEED_FIGURES.wagesSatang,
				employeeSatang: SEED_FIGURES.employeeSatang,
				employerSatang: SEED_FIGURES.employerSatang,
				paymentDate: '2022-05-05'
			});
			expect(s.employeeSatang + s.employerSatang).toBe(SEED_FIGURES.totalSatang);
			expect(bahtWords(s.employeeSatang + s.employerSatang)).toBe('เก้าแสนหกหมื่นสองพันสามร้อยหกสิบหกบาทถ้วน');
			expect(await count('SELECT count(*) AS n FROM contributions')).toBe(0); // nothing in the ledger before confirmation
			expect((await rowsOf(r.id, 0, 3)).map((x) => x.lineNo)).toEqual([2, 3, 4]);
			expect(await rowsOf(r.id, 668, 10)).toHaveLength(1);

			const c = await confirm(e.id, r.id, 'staff-1', false);
			expect(c.ok).toBe(true);
			if (!c.ok) return;
			expect(c.submission.txnNo).toMatch(/^\d{10}$/);
			expect(c.submission.late).toBe(true); // confirmed in 2026 for April 2022: after 15 May 2022
			const ledger = (await db.get<{ n: number; ins: number; emp: number; paid: string }>(
				"SELECT count(*) AS n, sum(insured_satang) AS ins, sum(employer_satang) AS emp, min(paid_date) AS paid FROM contributions WHERE period = '2022-04' AND payer = ?",
				`E${e.id}`
			))!;
			// PostgreSQL gives a count and a sum of bigints as text
			expect({ ...ledger, n: Number(ledger.n), ins: Number(ledger.ins), emp: Number(ledger.emp) }).toEqual({
				n: 669,
				ins: SEED_FIGURES.employeeSatang,
				emp: SEED_FIGURES.employerSatang,
				paid: '2022-05-05'
			});
			expect(await count('SELECT count(*) AS n FROM contributions WHERE submission_id = ?', r.id)).toBe(669);
		});

		it('the same rows as CSV (one amount column each) and as XLSX (baht and satang columns) give the same figures', async () => {
			const e = await employer();
			const { rows } = april2565();
			await persons(rows);
			const baht = (s: number) => `${Math.floor(s / 100).toLocaleString('en-US')}.${String(s % 100).padStart(2, '0')}`;
			const csv = [
				'ลำดับที่,เลขประจำตัวประชาชน,คำนำหน้า-ชื่อ-สกุล,ค่าจ้าง,เงินสมทบ',
				...rows.map((r, i) => `${i + 1},${r.nationalId},"นาย${r.firstName} ${r.lastName}","${baht(r.wageSatang)}","${baht(r.employeeSatang)}"`)
			].join('\r\n');
			const a = await send(e, csv, 'csv', '2022-04');
			expect(a.ok).toBe(true);
			const sheet = [
				['ลำดับที่', 'เลขประจำตัวประชาชน', 'คำนำหน้า-ชื่อ-สกุล', 'ค่าจ้าง', 'สตางค์', 'เงินสมทบ', 'สตางค์'],
				...rows.map((r, i) => [
					i + 1,
					r.nationalId,
					`นาย${r.firstName} ${r.lastName}`,
					Math.floor(r.wageSatang / 100),
					r.wageSatang % 100,
					r.employeeSatang / 100,
					0
				])
			];
			const xlsx = await writeExcelFile(sheet as never).toBuffer();
			const b = await send(e, new Uint8Array(xlsx), 'xlsx', '2022-04');
			expect(b.ok).toBe(true);
			if (!a.ok || !b.ok) return;
			expect(await submissionOf(e.id, a.id)).toBeUndefined(); // one upload waits for review at a time: the newer replaced it
			const s = (await submissionOf(e.id, b.id))!;
			expect([s.persons, s.wagesSatang, s.employeeSatang, s.employerSatang, s.format]).toEqual([
				669,
				SEED_FIGURES.wagesSatang,
				SEED_FIGURES.employeeSatang,
				SEED_FIGURES.employerSatang,
				'xlsx'
			]);
			expect((await rowsOf(b.id, 0, 1))[0]).toMatchObject({ lineNo: 2, title: 'นาย', firstName: 'ผู้ประกันตน1', lastName: 'ทดสอบ' });
		});
	});

	describe('foreign workers', () => {
		it('numbers of persons without Thai nationality (00…, 0…, 6…, 7…) go through a text file, and an XLSX that kept them as numbers', async () => {
			const e = await employer();
			const workers = [validId(1, '00'), validId(2, '0'), validId(3, '6'), validId(4, '7')].map((nationalId) => ({
				nationalId,
				titleCode: '003',
				firstName: 'ZAW',
				lastName: 'MIN',
				wageSatang: 1_200_000,
				employeeSatang: section33Contribution(1_200_000, '2022-04').insuredSatang
			}));
			await persons(workers);
			const h = headerFor(workers, { account: e.accountNo, branch: e.branch, period: '2022-04', paymentDate: '2022-05-05', companyName: 'ทดสอบ' });
			const a = await send(e, encodeFile(h, workers));
			expect(a).toMatchObject({ ok: true, persons: 4 });
			// Excel keeps a column of numbers without their leading zeros: the reader gives them back
			const sheet = [
				['เลขประจำตัวประชาชน', 'คำนำหน้า-ชื่อ-สกุล', 'ค่าจ้าง', 'เงินสมทบ'],
				...workers.map((w) => [Number(w.nationalId), 'Mr. ZAW MIN', w.wageSatang / 100, w.employeeSatang / 100])
			];
			expect(sheet[1]![0]).toBe(Number(validId(1, '00'))); // 11 digits in the sheet
			const b = await send(e, new Uint8Array(await writeExcelFile(sheet as never).toBuffer()), 'xlsx', '2022-04');
			expect(b).toMatchObject({ ok: true, persons: 4 });
			if (!b.ok) return;
			expect((await rowsOf(b.id, 0, 10)).map((r) => r.nationalId)).toEqual(workers.map((w) => w.nationalId));
		});
	});

	describe('a file with problems changes nothing', () => {
		it('reports each problem by line and leaves no row behind', async () => {
			const e = await employer();
			const good = Array.from({ length: 6 }, (_, i) => ({
				nationalId: validId(i + 1, '32'),
				titleCode: '003',
				firstName: 'ก',
				lastName: 'ข',
				wageSatang: 2_000_000,
				employeeSatang: section33Contribution(2_000_000, '2022-04').insuredSatang
			}));
			await persons(good);
			const bad: Sso110Detail[] = [...good];
			bad[1] = { ...bad[1]!, nationalId: bad[1]!.nationalId.slice(0, 12) + ((Number(bad[1]!.nationalId[12]) + 1) % 10) }; // line 3: check digit
			bad[2] = { ...bad[2]!, employeeSatang: 70_000 }; // line 4: 700 instead of 750
			bad[3] = { ...bad[3]!, nationalId: validId(999, '32') }; // line 5: not in the registry
			const h = headerFor(good, { account: e.accountNo, branch: e.branch, period: '2022-04', paymentDate: '2022-05-05', companyName: 'ทดสอบ' });
			const text = encodeFile(h, bad).split('\r\n');
			text[6] = text[6]!.slice(0, 100); // line 7: too short
			const before = await written();
			const r = await send(e, text.join('\r\n'));
			expect(r.ok).toBe(false);
			if (r.ok) return;
			// line 7 could not be read, so it is not in the sums: every header figure differs from them
			expect(r.problems.map((p) => [p.line, p.code, p.field])).toEqual([
				[3, 'emp_err_check_digit', 'nationalId'],
				[4, 'emp_err_contribution', 'employeeSatang'],
				[5, 'emp_err_not_in_registry', 'nationalId'],
				[7, 'emp_err_field_length', 'record'],
				[1, 'emp_err_header_total', 'count'],
				[1, 'emp_err_header_total', 'totalWagesSatang'],
				[1, 'emp_err_header_total', 'employeeSatang'],
				[1, 'emp_err_header_total', 'employerSatang'],
				[1, 'emp_err_header_total', 'totalContributionSatang']
			]);
			expect(await written()).toEqual(before);
			expect(await pendingOf(e.id)).toBeUndefined();
		});

		it('a file for another employer’s account is refused', async () => {
			const e = await employer();
			await employer('1000000002');
			const { header, rows } = april2565();
			await persons(rows);
			const r = await send(e, encodeFile({ ...header, account: '1000000002' }, rows));
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.problems[0]).toMatchObject({ line: 1, code: 'emp_err_not_your_account' });
			expect((await written()).subs).toBe(0);
		});

		it('a sheet for a future month, or without its header row, is refused', async () => {
			const e = await employer();
			const f = await send(e, 'ลำดับที่,เลขประจำตัวประชาชน,ชื่อ,ค่าจ้าง,เงินสมทบ\r\n1,3100000000010,นาย ก ข,"10,000.00",500.00', 'csv', '2026-12');
			expect(f.ok || f.problems[0]!.code).toBe('emp_err_future_period');
			const g = await send(e, '1,3100000000010,นาย ก ข,"10,000.00",500.00', 'csv', '2026-10');
			expect(g.ok || g.problems.map((p) => p.code)).toContain('emp_err_field_header_row');
			const x = await send(e, new Uint8Array([1, 2, 3]), 'xlsx', '2026-10');
			expect(x.ok || x.problems[0]!.code).toBe('emp_err_not_xlsx');
			expect(await written()).toEqual({ subs: 0, rows: 0, contributions: 0 });
		});
	});

	describe('the other checks of a file', () => {
		const one = (nationalId: string, period = '2022-04') => ({
			nationalId,
			titleCode: '003',
			firstName: 'ก',
			lastName: 'ข',
			wageSatang: 1_000_000,
			employeeSatang: section33Contribution(1_000_000, period).insuredSatang
		});
		const file = (e: Awaited<ReturnType<typeof employer>>, rows: Sso110Detail[], over: { period?: string; paymentDate?: string } = {}) =>
			encodeFile(
				headerFor(rows, { account: e.accountNo, branch: e.branch, period: '2022-04', paymentDate: '2022-05-05', companyName: 'ทดสอบ', ...over }),
				rows
			);

		it('a person who is not this employer’s employee that month is refused', async () => {
			const e = await employer();
			const rows = [one(validId(1, '34')), one(validId(2, '34'))];
			await persons([rows[0]!]);
			await persons([rows[1]!], false);
			const r = await send(e, file(e, rows));
			expect(r.ok || r.problems.map((p) => [p.line, p.code])).toEqual([[3, 'emp_err_not_employed']]);
			// employed only from May 2022: not for April
			await db.run("INSERT INTO employments (person_id,employer_id,start_date,monthly_wage_satang) VALUES (?,1,'2022-05-01',1000000)", rows[1]!.nationalId);
			const again = await send(e, file(e, rows));
			expect(again.ok || again.problems.map((p) => p.code)).toEqual(['emp_err_not_employed']);
		});

		it('a month before 1991 and a payment date outside the month or in the future are line-1 problems, not a failure', async () => {
			const e = await employer();
			const rows = [one(validId(1, '35'))];
			await persons(rows);
			const h1980 = {
				account: e.accountNo,
				branch: e.branch,
				period: '1980-04',
				paymentDate: '1980-05-05',
				companyName: 'ทดสอบ',
				rateBp: 500,
				count: 1,
				totalWagesSatang: 1_000_000,
				totalContributionSatang: 100_000,
				employeeSatang: 50_000,
				employerSatang: 50_000
			};
			const old = await send(e, encodeFile(h1980, [{ ...rows[0]!, employeeSatang: 50_000 }]));
			expect(old.ok || old.problems[0]).toMatchObject({ line: 1, code: 'emp_err_period_range' });
			const early = await send(e, file(e, rows, { paymentDate: '2022-03-31' }));
			expect(early.ok || early.problems.map((p) => p.code)).toEqual(['emp_err_payment_date']);
			const future = await send(e, file(e, rows, { paymentDate: '2026-11-27' }));
			expect(future.ok || future.problems.map((p) => p.code)).toEqual(['emp_err_payment_date']);
			expect((await written()).subs).toBe(0);
		});

		it('a file still being checked cannot be confirmed, and is gone if it fails', async () => {
			const e = await employer();
			const rows = Array.from({ length: 4500 }, (_, i) => one(validId(i + 1, '36')));
			await persons(rows);
			const bytes = new TextEncoder().encode(file(e, [...rows.slice(0, 4499), { ...rows[4499]!, employeeSatang: 100 }]));
			let release: () => void = () => {};
			const gate = new Promise<void>((r) => (release = r));
			async function* slow() {
				yield bytes.subarray(0, bytes.length - 2000); // all but the last lines: the first batches are staged
				await gate;
				yield bytes.subarray(bytes.length - 2000);
			}
			const pending = upload({ employer: e, staffId: 's', fileName: 'a.txt', format: 'fixed', chunks: slow(), today: TODAY });
			await untilStaged();
			const staging = (await db.get("SELECT id FROM employer_submissions WHERE status = 'staging'")) as { id: number };
			expect(staging).toBeDefined();
			expect(await count('SELECT count(*) AS n FROM employer_submission_rows')).toBeGreaterThan(0);
			expect(await pendingOf(e.id)).toBeUndefined(); // not offered for review
			expect(await confirm(e.id, staging.id, 's', true)).toEqual({ ok: false, reason: 'not_found' });
			release();
			const r = await pending;
			expect(r.ok || r.problems.map((p) => [p.line, p.code])).toEqual([[4501, 'emp_err_contribution']]);
			expect(await written()).toEqual({ subs: 0, rows: 0, contributions: 0 });
		});

		it('an XLSX that would take too much memory is refused without harm to the server', async () => {
			// 3,000 rows whose last cell is in column 16,006 (WQP): a few kilobytes that a reader would spread into 48 million
			// cells. Written as the sheet XML itself (what write-excel-file makes of such rows, without its seconds of work)
			const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
			const head = ['ลำดับที่', 'เลขประจำตัวประชาชน', 'คำนำหน้า-ชื่อ-สกุล', 'ค่าจ้าง', 'เงินสมทบ'].map((t, i) => cell(`${'ABCDE'[i]}1`, t)).join('');
			const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i + 1}</v></c>${cell(`WQP${i + 2}`, 'x')}</row>`);
			const sheet = SHEET_HEAD + `<row r="1">${head}</row>` + rows.join('') + SHEET_TAIL;
			const bytes = new Uint8Array(xlsxWith(deflated('xl/worksheets/sheet1.xml', sheet)));
			await expect(readRows('xlsx', bytes, { ...SHEET_LIMITS, maxRows: 200_000, maxColumns: 20, heapMb: 64, timeoutMs: 20_000 })).rejects.toMatchObject({
				code: 'too_large'
			});
			await expect(readRows('xlsx', new Uint8Array([1, 2, 3]))).rejects.toEqual(new SheetError('not_xlsx'));
			// the audit's zip bomb (2.2 MB → 2.2 GiB), truthful or lying about its size: a problem on line 1, nothing written
			const e = await employer();
			for (const bomb of [xlsxBomb(), xlsxLyingBomb()]) {
				const r = await send(e, new Uint8Array(bomb), 'xlsx', '2026-10');
				expect(r.ok || r.problems.map((p) => [p.line, p.code])).toContainEqual([1, 'emp_err_xlsx_too_large']);
			}
			expect(await written()).toEqual({ subs: 0, rows: 0, contributions: 0 });
		}, 30_000);

		it('an upload that breaks off while it is checked leaves no staging row, and its request ends', async () => {
			const e = await employer();
			const rows = Array.from({ length: 4500 }, (_, i) => one(validId(i + 1, '37')));
			await persons(rows);
			const fixed = file(e, rows);
			const csv = [
				'ลำดับที่,เลขประจำตัวประชาชน,ชื่อ,ค่าจ้าง,เงินสมทบ',
				...rows.map((r, i) => `${i + 1},${r.nationalId},นาย ก ข,"10,000.00",${r.employeeSatang / 100}`)
			].join('\r\n');
			const B = 'xBx';
			for (const [name, text] of [
				['a.txt', fixed],
				['a.csv', csv]
			] as const) {
				const head = `--${B}\r\nContent-Disposition: form-data; name="period"\r\n\r\n2022-04\r\n--${B}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`;
				const bytes = new TextEncoder().encode(head + text);
				let staged = 0;
				const body = new ReadableStream<Uint8Array>({
					start(c) {
						c.enqueue(bytes.subarray(0, bytes.length - 3000)); // the first batches are checked and staged …
						void untilStaged().then((n) => {
							staged = n;
							c.error(new Error('aborted')); // … then the connection goes
						});
					}
				});
				const request = new Request('http://x/', {
					method: 'POST',
					body,
					duplex: 'half',
					headers: { 'content-type': `multipart/form-data; boundary=${B}` }
				} as RequestInit);
				const got = await Promise.race([
					receiveFile(request, 50 << 20, (fields, f) =>
						upload({
							employer: e,
							staffId: 's',
							fileName: f.name,
							format: name.endsWith('csv') ? 'csv' : 'fixed',
							chunks: f.chunks,
							period: fields.period,
							today: TODAY
						})
					),
					new Promise<'hung'>((r) => setTimeout(() => r('hung'), 8000))
				]);
				expect(staged).toBe(1);
				expect(got).toMatchObject({ ok: false, reason: 'broken', result: null });
				expect(await written()).toEqual({ subs: 0, rows: 0, contributions: 0 });
			}
		}, 30_000);
	});

	describe('confirmation', () => {
		async function month(e: Awaited<ReturnType<typeof employer>>, wage: number, n = 3) {
			const rows = Array.from({ length: n }, (_, i) => ({
				nationalId: validId(i + 1, '33'),
				titleCode: '003',
				firstName: 'ก',
				lastName: 'ข',
				wageSatang: wage,
				employeeSatang: section33Contribution(wage, '2026-10').insuredSatang
			}));
			await persons(rows);
			const r = await send(
				e,
				encodeFile(headerFor(rows, { account: e.accountNo, branch: e.branch, period: '2026-10', paymentDate: '2026-11-10', companyName: 'ทดสอบ' }), rows, '\n')
			);
			if (!r.ok) throw new Error(JSON.stringify(r.problems));
			return r.id;
		}

		it('is applied once, gives one transaction number, and is on time until the 15th of the next month', async () => {
			const e = await employer();
			const id = await month(e, 1_200_000);
			const a = await confirm(e.id, id, 'staff-1', false);
			const b = await confirm(e.id, id, 'staff-1', false);
			expect(a.ok && b.ok && a.submission.txnNo === b.submission.txnNo).toBe(true);
			expect(await count('SELECT count(*) AS n FROM contributions')).toBe(3);
			expect(a.ok && a.submission.late).toBe(true); // 26 Nov is after 15 Nov
			expect(dueDate('2026-10')).toBe('2026-11-16'); // 15 November 2026 is a Sunday
			expect(dueDate('2026-11')).toBe('2026-12-15');
			expect(await confirm(e.id + 1, id, 'staff-1', false)).toEqual({ ok: false, reason: 'not_found' }); // not another employer's
		});

		it('is due the next working day when the 15th is a holiday', () => {
			expect(dueDate('2026-03')).toBe('2026-04-16'); // Songkran, Monday 13 to Wednesday 15 April 2026
			expect(dueDate('2025-03')).toBe('2025-04-17'); // Songkran 15 April 2025, then its substitution day for the government
			expect(dueDate('2026-04')).toBe('2026-05-15'); // a Friday
		});

		it('replacing a month needs the explicit choice, and the old version is kept', async () => {
			const e = await employer();
			const first = await month(e, 1_200_000);
			await confirm(e.id, first, 'staff-1', false);
			const second = await month(e, 1_500_000, 2);
			expect((await existingFor(e.id, '2026-10')).submission?.id).toBe(first);
			expect(await confirm(e.id, second, 'staff-1', false)).toEqual({ ok: false, reason: 'needs_replace' });
			expect(await count('SELECT count(*) AS n FROM contributions WHERE insured_satang = 60000')).toBe(3); // unchanged
			const r = await confirm(e.id, second, 'staff-1', true);
			expect(r.ok && r.replaced).toBe(first);
			expect(await submissionOf(e.id, first)).toMatchObject({ status: 'replaced', replacedById: second });
			expect(await rowsOf(first, 0, 10)).toHaveLength(3); // the old version's rows stay
			expect(await count('SELECT count(*) AS n FROM contributions')).toBe(2);
			expect(await count('SELECT count(*) AS n FROM contributions WHERE insured_satang = 75000 AND submission_id = ?', second)).toBe(2);
		});

		it('rows the registry held before any file become a kept version when replaced', async () => {
			const e = await employer();
			await addPersonTo(db, '1103700123458');
			await db.run(
				"INSERT INTO contributions (person_id,period,section,employer_id,payer,wage_base_satang,insured_satang,employer_satang,government_satang,paid_date) VALUES ('1103700123458','2026-10',33,?,?,1500000,75000,75000,37500,'2026-11-15')",
				e.id,
				`E${e.id}`
			);
			const id = await month(e, 1_200_000);
			expect(await confirm(e.id, id, 'staff-1', false)).toEqual({ ok: false, reason: 'needs_replace' });
			const r = await confirm(e.id, id, 'staff-1', true);
			expect(r.ok).toBe(true);
			const old = (await db.get("SELECT * FROM employer_submissions WHERE format = 'registry'")) as { id: number; status: string; persons: number };
			expect(old).toMatchObject({ status: 'replaced', persons: 1 });
			expect((await rowsOf(old.id, 0, 5))[0]).toMatchObject({ nationalId: '1103700123458', insuredSatang: 75000 });
			expect(await count("SELECT count(*) AS n FROM contributions WHERE person_id = '1103700123458'")).toBe(0);
		});

		it('a cancelled review leaves nothing', async () => {
			const e = await employer();
			const id = await month(e, 1_200_000);
			await discard(id);
			expect(await written()).toEqual({ subs: 0, rows: 0, contributions: 0 });
		});
	});

	describe('the upload pipeline, piece by piece', () => {
		/** the lines of every batch a reader yields, in order */
		const collect = async <T>(batches: AsyncIterable<T[]>) => {
			const out: T[] = [];
			for await (const batch of batches) out.push(...batch);
			return out;
		};
		const bytes = (text: string) => [new TextEncoder().encode(text)];

		it('reads a fixed-width file into its header, its persons and the problems of lines it cannot read', async () => {
			const { header, rows } = april2565();
			const file = encodeFile(header, rows.slice(0, 2));
			const [h, d1, d2] = file.split('\r\n');
			const got = (await collect(fixedWidthBatches(bytes([h, d1, '', '3xyz', d2!.slice(0, 50), d2].join('\r\n') + '\r\n')))).map(fixedWidthLine);
			expect(
				got.map((l) => ('header' in l ? 'header' : 'detail' in l ? 'detail' : 'problems' in l ? l.problems.map((p) => p.code).join() : 'unreadable'))
			).toEqual(['header', 'detail', 'emp_err_field_length', 'emp_err_field_record_type', 'emp_err_field_length', 'detail']);
			expect(got.map((l) => ('line' in l ? l.line : 0))).toEqual([1, 2, 3, 4, 5, 6]);
			expect(got[0]).toMatchObject({ header: { account: header.account, period: header.period, count: header.count } });
			expect(got[1]).toMatchObject({ detail: { nationalId: rows[0]!.nationalId, wageSatang: rows[0]!.wageSatang }, title: '' });
		});

		it('reads a CSV into its persons, and a file that is not one into one unreadable problem after the lines before it', async () => {
			const csv = `ลำดับที่,เลขประจำตัวประชาชน,คำนำหน้า-ชื่อ-สกุล,ค่าจ้าง,เงินสมทบ\r\n1,${validId(1, '31')},"นายสมชาย ใจดี","15,000.00","750.00"\r\n`;
			const got = await collect(
				sheetLines(
					'csv',
					(async function* () {
						yield* bytes(csv);
					})()
				)
			);
			expect(got).toHaveLength(1);
			expect(got[0]).toMatchObject({ line: 2, detail: { nationalId: validId(1, '31'), wageSatang: 1_500_000, employeeSatang: 75_000 } });
			const zip = await collect(
				sheetLines(
					'xlsx',
					(async function* () {
						yield* bytes('not a zip at all');
					})()
				)
			);
			expect(zip).toEqual([{ unreadable: { line: 1, field: 'file', code: 'emp_err_not_xlsx' } }]);
		});
	});
});
