/**
 * An employer's upload must not hurt the server: a zip bomb (2.2 MB of XLSX unpacking to 2.2 GiB) and a 17 MiB CSV are
 * answered with a message while everyone else's requests keep being answered promptly; one upload of an employer at a
 * time (429), and an upload that breaks off leaves nothing behind and frees its place.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import http from 'node:http';
import { hydrated, query, screenshots } from './helpers';
import { staffSignedIn } from './accounts';
import { validId } from '../fixtures/sso110';
import { xlsxBomb } from '../fixtures/zip';
import { addMonths } from '../../src/lib/rules/periods';

// the worker's server (./fixtures.ts), known once the worker has started it
let ORIGIN = '';
test.beforeAll(({ app }) => {
	ORIGIN = app.url;
});
const lastMonth = () => addMonths(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7), -1);
/** Other users' requests must answer within this while an upload is checked (before: 3–14 s, or no answer at all). */
const PROMPT_MS = 1500;

/** Asks for /healthz and a page (the log-in page, rendered) one after another until `work` is done; the slowest answer. */
async function othersWhile<T>(work: Promise<T>): Promise<{ result: T; slowest: number; failed: number; asked: number }> {
	let done = false;
	let slowest = 0;
	let failed = 0;
	let asked = 0;
	const probe = (async () => {
		for (let i = 0; !done; i++) {
			const t = performance.now();
			const ok = await fetch(`${ORIGIN}${i % 2 ? '/login' : '/healthz'}`, { signal: AbortSignal.timeout(20_000) }).then(
				(r) => r.ok,
				() => false
			);
			asked++;
			slowest = Math.max(slowest, performance.now() - t);
			if (!ok) failed++;
			await new Promise((r) => setTimeout(r, 50));
		}
	})();
	try {
		return { result: await work, slowest, failed, asked };
	} finally {
		done = true;
		await probe;
	}
}

async function sendFile(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<number> {
	await page.goto('/staff/employer');
	await hydrated(page);
	await page.getByLabel('งวดค่าจ้าง (เดือน ปี พ.ศ.)').selectOption(lastMonth());
	await page.setInputFiles('#file', { name, mimeType, buffer });
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/staff/employer'), { timeout: 120_000 }),
		page.getByRole('button', { name: 'ตรวจไฟล์' }).click()
	]);
	return response.status();
}

test('upload abuse: a zip bomb and a 17 MiB CSV are answered with a message while others are served; one upload at a time per employer (429); a broken-off upload leaves nothing', async ({
	page
}) => {
	test.setTimeout(240_000);
	const [emp] = query<{ id: number; account: string; branch: string }>('SELECT id, account_no AS account, branch FROM employers ORDER BY id DESC LIMIT 1');
	await staffSignedIn(page, 'employer', ['--account', emp!.account, '--branch', emp!.branch]);
	await page.goto('/staff/employer');
	const staged = () => query<{ n: number }>('SELECT count(*) AS n FROM employer_submissions WHERE employer_id = ?', emp!.id)[0]!.n;

	// 1. the zip bomb: the employer is told the file is too large to check (422), the server stays up and answers others
	const bomb = await othersWhile(sendFile(page, 'bomb.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsxBomb()));
	expect(bomb.result).toBe(422);
	await expect(page.locator('[data-testid=emp-problem][data-code=emp_err_xlsx_too_large]')).toContainText('ไฟล์ Excel นี้ใหญ่หรือซับซ้อนเกินกว่าจะตรวจได้');
	expect(bomb.failed).toBe(0);
	expect(bomb.slowest).toBeLessThan(PROMPT_MS);
	expect((await fetch(`${ORIGIN}/healthz`)).status).toBe(200);
	await screenshots(page, 'employer-upload-too-large');

	// 2. a 17 MiB CSV of persons the registry does not know: checked line by line while others are served
	const line = (i: number) => `${i},${validId(i, '39')},"นายทดสอบ ระบบงาน${i}","15,000.00","750.00",${'x'.repeat(20)}`;
	const lines = ['ลำดับที่,เลขประจำตัวประชาชน,คำนำหน้า-ชื่อ-สกุล,ค่าจ้าง,เงินสมทบ,หมายเหตุ'];
	for (let i = 1, size = 0; size < 17 * 1024 * 1024; i++) {
		lines.push(line(i));
		size += Buffer.byteLength(lines[i]!) + 2;
	}
	const csv = Buffer.from(lines.join('\r\n'), 'utf8');
	expect(csv.length).toBeGreaterThan(17 * 1024 * 1024);
	const big = await othersWhile(sendFile(page, 'big.csv', 'text/csv', csv));
	expect(big.result).toBe(422);
	await expect(page.getByTestId('emp-problems')).toContainText('ยังไม่มีการบันทึกข้อมูลใด ๆ');
	expect(big.failed).toBe(0);
	expect(big.asked).toBeGreaterThan(2);
	expect(big.slowest).toBeLessThan(PROMPT_MS);
	expect(staged()).toBe(0);
	console.log(
		`other requests while checking: zip bomb slowest ${Math.round(bomb.slowest)} ms (${bomb.asked}), CSV slowest ${Math.round(big.slowest)} ms (${big.asked})`
	);

	// 3. an upload still arriving holds the employer's place: a second one is 429 with a message, and nothing is read
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const B = '----prakanSlowUpload';
	const slow = http.request(`${ORIGIN}/staff/employer?/upload`, {
		method: 'POST',
		headers: { cookie, origin: ORIGIN, 'content-type': `multipart/form-data; boundary=${B}`, accept: 'text/html' }
	});
	const slowAnswer = new Promise<number>((resolve) => {
		slow.on('response', (r) => resolve(r.statusCode ?? 0));
		slow.on('error', () => resolve(-1)); // we break it off below
	});
	slow.write(
		`--${B}\r\nContent-Disposition: form-data; name="period"\r\n\r\n${lastMonth()}\r\n--${B}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\nContent-Type: text/csv\r\n\r\n` +
			lines.slice(0, 3000).join('\r\n')
	);
	await expect.poll(staged, { timeout: 10_000 }).toBe(1); // it is being checked
	expect(await sendFile(page, 'second.csv', 'text/csv', Buffer.from(lines.slice(0, 3).join('\r\n')))).toBe(429);
	await expect(page.locator('.error-summary')).toContainText('ไฟล์ก่อนหน้าของคุณยังตรวจอยู่');
	await screenshots(page, 'employer-upload-busy');

	// 4. the slow upload breaks off: its staged rows go, its place is free again, the next file is checked as usual
	slow.destroy();
	expect(await slowAnswer).toBe(-1);
	await expect.poll(staged, { timeout: 10_000 }).toBe(0);
	expect(await sendFile(page, 'after.csv', 'text/csv', Buffer.from(lines.slice(0, 3).join('\r\n')))).toBe(422);
	await expect(page.getByTestId('emp-problems')).toBeVisible();
	expect(staged()).toBe(0);
});
