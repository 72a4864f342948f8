/**
 * Reading an employer's XLSX (issue 9) away from the server's own heap. An .xlsx is a zip: a small file can unpack to
 * gigabytes, and the reader pads every row to the widest column, so one crafted sheet could exhaust the memory of the
 * process every citizen is served by. The reader runs in a worker thread with a heap limit and a time limit; a sheet
 * past them, or one wider or longer than any real SSO 1-10, is answered as a problem with the file.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Cell } from '$lib/employers/sheet';

export interface XlsxLimits {
	/** data rows the largest employers need, and some */
	maxRows: number;
	/** the bulk sheet has 7 columns; anything past this is cut off */
	maxColumns: number;
	heapMb: number;
	timeoutMs: number;
}

export const XLSX_LIMITS: XlsxLimits = { maxRows: 200_000, maxColumns: 20, heapMb: 384, timeoutMs: 60_000 };

export class XlsxError extends Error {
	constructor(readonly code: 'not_xlsx' | 'too_large') {
		super(code);
	}
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSheet } = require(workerData.reader);
readSheet(Buffer.from(workerData.bytes.buffer, workerData.bytes.byteOffset, workerData.bytes.byteLength)).then(
	(rows) => {
		if (rows.length > workerData.maxRows + 1) return parentPort.postMessage({ error: 'too_large' });
		parentPort.postMessage({
			rows: rows.map((r) => r.slice(0, workerData.maxColumns).map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)))
		});
	},
	() => parentPort.postMessage({ error: 'not_xlsx' })
);`;

/** The first sheet's rows, or XlsxError. */
export function readXlsx(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Promise<Cell[][]> {
	const reader = createRequire(import.meta.url).resolve('read-excel-file/node');
	return new Promise((resolve, reject) => {
		let settled = false;
		const done = (f: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			void worker.terminate();
			f();
		};
		const worker = new Worker(WORKER, {
			eval: true,
			workerData: { bytes, reader, maxRows: limits.maxRows, maxColumns: limits.maxColumns },
			resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 }
		});
		const timer = setTimeout(() => done(() => reject(new XlsxError('too_large'))), limits.timeoutMs);
		worker.once('message', (m: { rows?: Cell[][]; error?: 'not_xlsx' | 'too_large' }) =>
			done(() => (m.rows ? resolve(m.rows) : reject(new XlsxError(m.error ?? 'not_xlsx'))))
		);
		// out of memory (ERR_WORKER_OUT_OF_MEMORY) or any other failure of the reader
		worker.once('error', (e: Error & { code?: string }) => done(() => reject(new XlsxError(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_large' : 'not_xlsx'))));
		worker.once('exit', () => done(() => reject(new XlsxError('too_large'))));
	});
}
