/**
 * npm run bench:import [-- --rows 100000 --repeat 3 --out FILE]
 *
 * An employer's monthly SSO 1-10 contribution file, end to end, streaming: the fixed-width file read from disk
 * in 64 KiB chunks into `upload()` (parse, check, stage in `employer_submission_rows`), then `confirm()` (the month into
 * `contributions`, one transaction), on a SQLite file opened with the server's own settings (openAndMigrate: WAL,
 * synchronous=NORMAL, FULL for the commits durably() covers). Target: at least 100,000 rows a second, and memory that does
 * not grow with the file.
 *
 * Not timed: a temporary database in os.tmpdir() with one employer and `--rows` registry persons, and the file on disk
 * (TIS-620, as employers' payroll programs write it; once more in UTF-8). Timed, for `--rows`/5 and `--rows` rows: upload
 * and confirm, with process.memoryUsage() sampled every 20 ms; `--repeat` times each (the median is reported). Each run starts
 * from the same state (the previous run's submission and contributions deleted). Writes docs/PERFORMANCE.md (section
 * bench:import) or --out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseArgs } from 'node:util';
import { resetConfigForTests } from '../src/server/config';
import { openAndMigrate, setDbForTests, type Db } from '../src/server/db';
import { confirm, employerByAccount, upload, type Employer } from '../src/server/employers/submissions';
import { encodeDetail, encodeHeader, type Sso110Detail } from '../src/lib/employers/sso110';
import { section33Contribution } from '../src/lib/rules/contributions';
import { addMonths } from '../src/lib/rules/periods';
import { isoDateInBangkok } from '../src/lib/format/date';
import { headerFor, tis620, validId } from '../tests/fixtures/sso110';
import { writePerformanceSection, exitIfCheck } from './lib/app-server';

const { values } = parseArgs({
	options: {
		check: { type: 'boolean', default: false },
		rows: { type: 'string', default: '100000' },
		repeat: { type: 'string', default: '3' },
		out: { type: 'string' }
	}
});
exitIfCheck(values.check, 'bench:import');
const N = Number(values.rows);
if (!Number.isInteger(N) || N < 5) throw new Error('--rows must be a whole number of at least 5');
/** runs of each file; the table gives the median (by end-to-end time) and the highest memory of them */
const REPEAT = Number(values.repeat);
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error('--repeat must be a whole number of at least 1');
const TARGET = 100_000;
const SAMPLE_MS = 20;
const ACCOUNT = '1000123456';
const BRANCH = '000000';
const COMPANY = 'บริษัท ทดสอบนำเข้าข้อมูล จำกัด';
const FIRST_NAMES = ['สมชาย', 'สมหญิง', 'วิชัย', 'ประภาพร', 'ณัฐวุฒิ', 'กัญญารัตน์', 'ธีรศักดิ์', 'อรุณี'];
const LAST_NAMES = ['ใจดี', 'รักษ์ไทย', 'ศรีสุข', 'บุญมี', 'วงศ์ประเสริฐ', 'แก้วมณี', 'สุขเจริญ'];

/** gc() between runs, so each run starts from the same heap (also without `node --expose-gc`). */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prakan-bench-import-'));
const dbFile = path.join(dir, 'bench.db');
const today = isoDateInBangkok(Date.now());
const period = addMonths(today.slice(0, 7), -1);

/** one detail row: wages from 1,000.00 to 60,000.00 baht (below the floor, between, above the ceiling) */
function detail(i: number): Sso110Detail {
	const wageSatang = 100_000 + ((i * 791_913) % 5_900_001);
	return {
		nationalId: validId(i + 1, '5'),
		titleCode: i % 2 ? '004' : '003',
		firstName: `${FIRST_NAMES[i % FIRST_NAMES.length]}${i + 1}`,
		lastName: LAST_NAMES[i % LAST_NAMES.length]!,
		wageSatang,
		employeeSatang: section33Contribution(wageSatang, period).insuredSatang
	};
}

/** The registry: one employer and `n` persons, straight in with prepared statements. */
async function setUp(n: number): Promise<{ db: Db; employer: Employer }> {
	resetConfigForTests({ DATABASE_PATH: dbFile });
	const db = openAndMigrate(dbFile);
	setDbForTests(db);
	const c = db.$client;
	c.prepare('INSERT INTO employers (account_no,branch,name_th,name_en,province) VALUES (?,?,?,?,?)').run(
		ACCOUNT,
		BRANCH,
		COMPANY,
		'Import Benchmark Co., Ltd.',
		'กรุงเทพมหานคร'
	);
	const ins = c.prepare(
		"INSERT INTO persons (national_id,title_th,first_name_th,last_name_th,title_en,first_name_en,last_name_en,birth_date,gender) VALUES (?,?,?,?,'Mr.','Test','Person','1990-01-01',?)"
	);
	// each one an employee of the employer (the check asks: registered with this employer in the month)
	const job = c.prepare("INSERT INTO employments (person_id,employer_id,start_date,monthly_wage_satang) VALUES (?,1,'2020-01-01',1500000)");
	c.transaction(() => {
		for (let i = 0; i < n; i++) {
			const d = detail(i);
			ins.run(d.nationalId, i % 2 ? 'นาง' : 'นาย', d.firstName, d.lastName, i % 2 ? 'F' : 'M');
			job.run(d.nationalId);
		}
	})();
	c.pragma('wal_checkpoint(TRUNCATE)');
	return { db, employer: (await employerByAccount(ACCOUNT, BRANCH))! };
}

/** rows of the largest file whose wage is below the month's floor, and above its ceiling */
const wages = { floor: 0, ceiling: 0 };

/** The file on disk: a header and `n` detail records, CRLF, in TIS-620 or UTF-8. */
function writeFile(n: number, encoding: 'tis-620' | 'utf-8'): string {
	const rows: Sso110Detail[] = [];
	for (let i = 0; i < n; i++) rows.push(detail(i));
	const header = headerFor(rows, { account: ACCOUNT, branch: BRANCH, period, paymentDate: today, companyName: COMPANY });
	if (n === N && encoding === 'tis-620')
		for (const r of rows) {
			const base = section33Contribution(r.wageSatang, period).wageBaseSatang;
			if (base > r.wageSatang) wages.floor += 1;
			else if (base < r.wageSatang) wages.ceiling += 1;
		}
	const file = path.join(dir, `sso110-${n}-${encoding}.txt`);
	const fd = fs.openSync(file, 'w');
	const encode = (s: string) => (encoding === 'utf-8' ? Buffer.from(s, 'utf8') : Buffer.from(tis620(s)));
	try {
		fs.writeSync(fd, encode(encodeHeader(header) + '\r\n'));
		for (let i = 0; i < n; i += 5000)
			fs.writeSync(
				fd,
				encode(
					rows
						.slice(i, i + 5000)
						.map((r) => encodeDetail(r) + '\r\n')
						.join('')
				)
			);
	} finally {
		fs.closeSync(fd);
	}
	return file;
}

interface Run {
	rows: number;
	encoding: string;
	bytes: number;
	uploadS: number;
	confirmS: number;
	totalS: number;
	/** before the timed part, after gc() */
	baseRss: number;
	baseHeap: number;
	peakRss: number;
	peakHeap: number;
	/** end to end, of the repeated runs */
	fastestS?: number;
	slowestS?: number;
}

async function run(db: Db, employer: Employer, file: string, rows: number, encoding: string): Promise<Run> {
	// the same starting state for every run: no earlier submission, no contributions for the month
	const c = db.$client;
	c.exec('DELETE FROM contributions; DELETE FROM employer_submission_rows; DELETE FROM employer_submissions; DELETE FROM audit_log;');
	c.pragma('wal_checkpoint(TRUNCATE)');
	gc();
	gc();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed;
	const sample = () => {
		const m = process.memoryUsage();
		if (m.rss > peakRss) peakRss = m.rss;
		if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
	};
	const sampler = setInterval(sample, SAMPLE_MS);
	try {
		const t0 = performance.now();
		const up = await upload({
			employer,
			staffId: 'bench',
			fileName: path.basename(file),
			format: 'fixed',
			chunks: fs.createReadStream(file, { highWaterMark: 64 * 1024 }),
			today
		});
		const t1 = performance.now();
		sample();
		if (!up.ok) throw new Error(`upload refused: ${up.problemCount} problems, first ${JSON.stringify(up.problems.slice(0, 3))}`);
		if (up.persons !== rows) throw new Error(`upload staged ${up.persons} persons, expected ${rows}`);
		const done = await confirm(employer.id, up.id, 'bench', false);
		const t2 = performance.now();
		sample();
		if (!done.ok || done.submission.status !== 'confirmed') throw new Error(`confirm failed: ${JSON.stringify(done)}`);
		const written = c.prepare('SELECT count(*) FROM contributions WHERE submission_id = ?').pluck().get(up.id) as number;
		if (written !== rows) throw new Error(`confirm wrote ${written} contributions, expected ${rows}`);
		return {
			rows,
			encoding,
			bytes: fs.statSync(file).size,
			uploadS: (t1 - t0) / 1000,
			confirmS: (t2 - t1) / 1000,
			totalS: (t2 - t0) / 1000,
			baseRss: base.rss,
			baseHeap: base.heapUsed,
			peakRss,
			peakHeap
		};
	} finally {
		clearInterval(sampler);
	}
}

const MB = (b: number) => (b / 1024 / 1024).toFixed(1);
const n0 = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (rows: number, s: number) => n0(rows / s);

const runs: Run[] = [];
const loadBefore = os.loadavg()[0]!;
try {
	const sizes = [Math.round(N / 5), N];
	console.log(`setting up ${dir}: 1 employer, ${n0(N)} persons, files for ${period}…`);
	const { db, employer } = await setUp(N);
	const files = sizes.map((n) => ({ n, encoding: 'TIS-620', file: writeFile(n, 'tis-620') }));
	files.push({ n: N, encoding: 'UTF-8', file: writeFile(N, 'utf-8') });
	// a warm-up on the small file (JIT, page cache), not reported
	await run(db, employer, files[0]!.file, files[0]!.n, 'warm-up');
	for (const f of files) {
		const these: Run[] = [];
		for (let i = 0; i < REPEAT; i++) {
			const r = await run(db, employer, f.file, f.n, f.encoding);
			these.push(r);
			console.log(
				`${n0(r.rows)} rows (${f.encoding}, ${MB(r.bytes)} MB): upload ${r.uploadS.toFixed(3)} s = ${rate(r.rows, r.uploadS)} rows/s; ` +
					`confirm ${r.confirmS.toFixed(3)} s = ${rate(r.rows, r.confirmS)} rows/s; end to end ${r.totalS.toFixed(3)} s = ${rate(r.rows, r.totalS)} rows/s; ` +
					`peak RSS ${MB(r.peakRss)} MB (from ${MB(r.baseRss)}), peak heap ${MB(r.peakHeap)} MB (from ${MB(r.baseHeap)})`
			);
		}
		const median = [...these].sort((a, b) => a.totalS - b.totalS)[Math.floor((REPEAT - 1) / 2)]!;
		const highest = (k: (r: Run) => number) => these.reduce((a, b) => (k(b) > k(a) ? b : a));
		const rss = highest((r) => r.peakRss - r.baseRss);
		const heap = highest((r) => r.peakHeap - r.baseHeap);
		runs.push({
			...median,
			baseRss: rss.baseRss,
			peakRss: rss.peakRss,
			baseHeap: heap.baseHeap,
			peakHeap: heap.peakHeap,
			slowestS: Math.max(...these.map((r) => r.totalS)),
			fastestS: Math.min(...these.map((r) => r.totalS))
		});
	}
	db.$client.close();
	setDbForTests(undefined);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}

const full = runs.filter((r) => r.rows === N);
const met = full.every((r) => r.rows / r.totalS >= TARGET);
const small = runs[0]!;
const large = runs[1]!;
const row = (r: Run) =>
	`| ${n0(r.rows)} | ${r.encoding} | ${MB(r.bytes)} MB | ${rate(r.rows, r.uploadS)} | ${rate(r.rows, r.confirmS)} | ${rate(r.rows, r.totalS)} (${r.totalS.toFixed(2)} s; runs ${r.fastestS!.toFixed(2)}–${r.slowestS!.toFixed(2)} s) | ${MB(r.peakRss)} MB (+${MB(r.peakRss - r.baseRss)}) | ${MB(r.peakHeap)} MB (+${MB(r.peakHeap - r.baseHeap)}) |`;
const md = `## Import: an employer's SSO 1-10 file of ${n0(N)} persons

Measured by \`npm run bench:import\` (scripts/bench-import.ts) on ${today}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
A fixed-width SSO 1-10 file (135-character records, CRLF) for the wage month ${period}, read from disk in 64 KiB chunks into \`upload()\`
(parse, check every line against the registry and the rules, stage the rows), then \`confirm()\` (the month into \`contributions\`,
one transaction); in one process, on a SQLite file in the temporary directory opened as the server opens its database (WAL,
synchronous=NORMAL, FULL for the confirming commits). Thai company and person names; wages from 1,000 to 60,000 baht, so the floor
and the ceiling both occur (of the ${n0(N)}: ${n0(wages.floor)} below the floor, ${n0(wages.ceiling)} above the ceiling). Each run starts
with no submission and no contributions for the month, after a warm-up run. Each file ${REPEAT} times: the rates of the median run (by
end-to-end time) and the highest memory of the ${REPEAT}. Memory is the process's, sampled every ${SAMPLE_MS} ms during the timed part
(in brackets: above the level before it, after a garbage collection).

| rows | encoding | file | upload rows/s | confirm rows/s | end to end rows/s | peak RSS | peak heap |
|---|---|---|---|---|---|---|---|
${runs.map(row).join('\n')}

Target ≥ ${n0(TARGET)} rows/s end to end for ${n0(N)} rows: **${met ? 'met' : 'not met'}** (${full.map((r) => `${r.encoding} ${rate(r.rows, r.totalS)} rows/s ${r.rows / r.totalS >= TARGET ? '✓' : '✗'}`).join(', ')}).
Peak heap above the starting level: ${MB(small.peakHeap - small.baseHeap)} MB for ${n0(small.rows)} rows, ${MB(large.peakHeap - large.baseHeap)} MB for ${n0(large.rows)} rows
(${n0((large.peakHeap - large.baseHeap - (small.peakHeap - small.baseHeap)) / (large.rows - small.rows))} bytes for each row more).
Machine load (1-minute load average, ${os.cpus().length} cores shared with other work): ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end.
`;
console.log(`\n${md}`);
if (values.out) {
	fs.rmSync(values.out, { force: true });
	writePerformanceSection('bench:import', md, values.out);
	console.log(`wrote ${values.out}`);
} else {
	writePerformanceSection('bench:import', md);
	console.log('wrote docs/PERFORMANCE.md');
}
if (!met) process.exitCode = 1;
