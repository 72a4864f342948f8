import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { bomb, xlsxBomb, xlsxLyingBomb, xlsxWith, SHEET_HEAD, SHEET_TAIL } from '../../../tests/fixtures/zip';
import { readRows, readSheet, SHEET_LIMITS, SheetError } from './spreadsheet';

const fails = (p: Promise<unknown>) =>
	p.then(
		() => null,
		(e: SheetError) => ({ code: e.code, reason: e.reason })
	);

describe('spreadsheets read in a child process', () => {
	it('a CSV streams through in batches (UTF-8 and TIS-620), its records cut to 20 cells', async () => {
		const lines = ['ลำดับที่,เลขประจำตัวประชาชน,ชื่อ', ...Array.from({ length: 2500 }, (_, i) => `${i + 1},31000000000${i},นาย ก ข${',x'.repeat(30)}`)];
		const rows = await readRows('csv', Buffer.from('\uFEFF' + lines.join('\r\n'), 'utf8'));
		expect(rows).toHaveLength(2501);
		expect(rows[0]).toEqual(['ลำดับที่', 'เลขประจำตัวประชาชน', 'ชื่อ']);
		expect(rows[2500]).toHaveLength(20);
		const tis = Buffer.from([0xc5, 0xd3, 0xb4, 0xd1, 0xba, 0x2c, 0x31]); // ลำดับ,1 in TIS-620
		expect(await readRows('csv', tis)).toEqual([['ลำดับ', '1']]);
		expect(await fails(readRows('csv', Buffer.from('a,b\n"c,d\n')))).toEqual({ code: 'not_csv', reason: undefined });
	});

	it('long cells are cut to maxCellChars and the rows come back in batches of about 256 K characters, not 1,000 rows', async () => {
		const long = 'ก'.repeat(5000);
		const bytes = await writeExcelFile(Array.from({ length: 300 }, () => Array.from({ length: 20 }, () => ({ value: long }))) as never).toBuffer();
		// a CSV record is held to 64 KiB: 12 cells of 1,500 Thai characters (54 KB) each
		const csv = Buffer.from(Array.from({ length: 300 }, () => Array(12).fill(long.slice(0, 1500)).join(',')).join('\n'), 'utf8');
		for (const [format, file] of [
			['xlsx', new Uint8Array(bytes)],
			['csv', csv]
		] as const) {
			const batches: number[] = [];
			for await (const b of readSheet(
				format,
				(async function* () {
					yield file;
				})()
			)) {
				expect(b.every((r) => r.every((c) => typeof c === 'string' && c.length === SHEET_LIMITS.maxCellChars))).toBe(true);
				batches.push(b.length);
			}
			expect(batches.reduce((a, n) => a + n, 0)).toBe(300);
			// 20 (or 12) cells of 1,024 characters: about a dozen (or twenty) rows a batch
			expect(Math.max(...batches)).toBeLessThan(30);
		}
	});

	it('an XLSX is read, its dates as ISO dates', async () => {
		const bytes = await writeExcelFile([
			[{ value: 'ค่าจ้าง' }, { value: 1 }],
			[{ value: new Date('2026-10-31T00:00:00Z'), format: 'dd/mm/yyyy' }, null]
		] as never).toBuffer();
		expect(await readRows('xlsx', new Uint8Array(bytes))).toEqual([
			['ค่าจ้าง', 1],
			['2026-10-31', null]
		]);
		expect(await fails(readRows('xlsx', new Uint8Array([1, 2, 3])))).toEqual({ code: 'not_xlsx', reason: undefined });
	});

	it('a part the zip’s directory declares over the cap is refused before anything is inflated', async () => {
		// 2.2 GiB of sheet declared truthfully (the audit's file, 2.2 MB)
		const t = Date.now();
		expect(await fails(readRows('xlsx', xlsxBomb()))).toEqual({ code: 'too_large', reason: 'declared' });
		expect(Date.now() - t).toBeLessThan(5_000);
		// the declared size alone decides: the "deflated" data here is not deflate at all, so inflating would fail otherwise
		const sheet = { name: 'xl/worksheets/sheet1.xml', stored: Buffer.alloc(1000, 0xff), size: 101 * 1024 * 1024 };
		expect(await fails(readRows('xlsx', xlsxWith(sheet)))).toEqual({ code: 'too_large', reason: 'declared' });
		// and parts that are each under the cap but together over it
		const parts = xlsxWith({ ...bomb('xl/sharedStrings.xml', '', ' ', 1024 * 1024, 90, ''), name: 'xl/worksheets/sheet1.xml' });
		expect(await fails(readRows('xlsx', parts, { ...SHEET_LIMITS, zipPartMb: 100, zipTotalMb: 80 }))).toEqual({ code: 'too_large', reason: 'declared' });
	});

	it('a zip whose declared sizes lie is stopped by the count of bytes as it inflates', async () => {
		const t = Date.now();
		expect(await fails(readRows('xlsx', xlsxLyingBomb()))).toEqual({ code: 'too_large', reason: 'inflated' });
		expect(Date.now() - t).toBeLessThan(5_000);
		// a sheet that is honestly small still reads
		const small = xlsxWith({
			...bomb('xl/worksheets/sheet1.xml', SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>', ' ', 10, 1, SHEET_TAIL)
		});
		expect(await readRows('xlsx', small)).toEqual([['ok']]);
	});

	it('an upload that breaks off ends the child and gives the upload’s own error', async () => {
		async function* broken() {
			yield Buffer.from('a,b\r\n'.repeat(20_000));
			await new Promise((r) => setTimeout(r, 200));
			throw new Error('aborted');
		}
		const t = Date.now();
		await expect(
			(async () => {
				for await (const b of readSheet('csv', broken())) expect(b.length).toBeGreaterThan(0);
			})()
		).rejects.toThrow('aborted');
		expect(Date.now() - t).toBeLessThan(3_000);
	});
});
