/**
 * npm run employer:sample -- --for 1103700123458 [--period YYYY-MM] [--format txt|csv] [--out FILE]
 * npm run employer:sample -- --account 1000000001 --branch 000000 [...]
 *
 * A correct SSO 1-10 file for a demo employer's current employees, to try the employer pages with: the
 * 135-character text file in TIS-620 (what payroll programs write), or the e-Service bulk sheet as CSV. `--for` picks
 * the current employer of a person (a demo citizen); the month defaults to the one after the last month the registry
 * holds. Prints the account and branch, for `npm run staff:create -- --role employer --account … --branch …`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { closeDatabase, prepareDatabase, rows as query } from '../src/server/db';
import { today } from '../src/server/clock';
import { encodeFile, type Sso110Detail } from '../src/lib/employers/sso110';
import { section33Contribution } from '../src/lib/rules/contributions';
import { addMonths } from '../src/lib/rules/periods';
import { lastPaidPeriod } from '../src/lib/rules/workdays';
import { formatBaht } from '../src/lib/money';
import { headerFor, tis620 } from '../tests/fixtures/sso110';

const { values } = parseArgs({
	options: {
		for: { type: 'string' },
		account: { type: 'string' },
		branch: { type: 'string', default: '000000' },
		period: { type: 'string' },
		format: { type: 'string', default: 'txt' },
		out: { type: 'string' }
	}
});

// either engine (DATABASE_URL or DATABASE_PATH)
await prepareDatabase();
type Emp = { id: number; account: string; branch: string; name: string };
const [emp] = values.for
	? await query<Emp>(
			sql`SELECT em.id, em.account_no AS account, em.branch, em.name_th AS name FROM employments e JOIN employers em ON em.id = e.employer_id WHERE e.person_id = ${values.for} AND e.end_date IS NULL`
		)
	: await query<Emp>(
			sql`SELECT id, account_no AS account, branch, name_th AS name FROM employers WHERE account_no = ${values.account ?? ''} AND branch = ${values.branch ?? ''}`
		);
if (!emp) {
	console.error(values.for ? `${values.for} has no current employer` : `no employer ${values.account}/${values.branch}`);
	process.exit(1);
}
const period = values.period ?? addMonths(lastPaidPeriod(today()), 1);
const people = (
	await query<{ id: string; title: string; first: string; last: string; wage: number | string }>(
		sql`SELECT p.national_id AS id, p.title_th AS title, p.first_name_th AS first, p.last_name_th AS last, e.monthly_wage_satang AS wage
		 FROM employments e JOIN persons p ON p.national_id = e.person_id WHERE e.employer_id = ${emp.id} AND e.end_date IS NULL ORDER BY p.national_id`
	)
).map((p) => ({ ...p, wage: Number(p.wage) }));
await closeDatabase();
const rows: Sso110Detail[] = people.map((p) => ({
	nationalId: p.id,
	titleCode: p.title === 'นาย' ? '003' : p.title === 'นางสาว' ? '004' : '005',
	firstName: p.first,
	lastName: p.last,
	wageSatang: p.wage,
	employeeSatang: section33Contribution(p.wage, period).insuredSatang
}));
const out = values.out ?? `sso110-${emp.account}-${emp.branch}-${period}.${values.format === 'csv' ? 'csv' : 'txt'}`;
if (values.format === 'csv') {
	const lines = ['ลำดับที่,เลขประจำตัวประชาชน,คำนำหน้า-ชื่อ-สกุล,ค่าจ้าง,เงินสมทบ'];
	people.forEach((p, i) =>
		lines.push(`${i + 1},${p.id},"${p.title}${p.first} ${p.last}","${formatBaht(rows[i]!.wageSatang)}","${formatBaht(rows[i]!.employeeSatang)}"`)
	);
	fs.writeFileSync(out, '\uFEFF' + lines.join('\r\n') + '\r\n');
} else {
	const header = headerFor(rows, { account: emp.account, branch: emp.branch, period, paymentDate: today(), companyName: emp.name.slice(0, 45) });
	fs.writeFileSync(out, tis620(encodeFile(header, rows)));
}
console.log(`${out}: ${rows.length} insured persons of ${emp.name}, account ${emp.account} branch ${emp.branch}, wages of ${period}`);
