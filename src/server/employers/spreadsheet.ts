/**
 * Reading an employer's spreadsheet (CSV or XLSX) away from the server's process. An .xlsx is a zip: a 2 MB file can
 * unpack to gigabytes, and the reader pads every row to the widest column; a CSV of tens of MB takes seconds to parse.
 * Either would stop or end the process every citizen is served by, so the file goes, as it arrives, into a child process
 * of its own under memory and CPU limits (./child.ts), which sends the rows back in batches as the server asks for them.
 *
 * In the child:
 * - CSV is decoded and parsed as a stream (`csv-parse`): records of at most 64 KiB, their first 20 cells.
 * - XLSX is first checked as a zip (`yauzl`): the central directory is read and a sheet or shared-strings part declared
 *   larger than `zipPartMb` (or all of them together larger than `zipTotalMb`) is refused before anything is inflated;
 *   then each part is inflated once with its bytes counted, stopped as soon as it passes its declared size (a zip's
 *   sizes can lie). Only then does `read-excel-file` read it, from the same central directory (its `universal` reader,
 *   fflate), at most `maxRows` rows.
 * A child past its limits is killed; the upload is then answered as a file too large to check, and the server goes on.
 */
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { detectEncoding } from '$lib/employers/sso110';
import type { Cell } from '$lib/employers/sheet';
import { spawnLimited, type ChildLimits, type Stopped } from './child';

export interface SheetLimits extends ChildLimits {
	/** data rows the largest employers need, and some (XLSX) */
	maxRows: number;
	/** the bulk sheet has 7 columns; anything past this is cut off */
	maxColumns: number;
	/** a cell's text past this is cut off (the longest field, a name, is far shorter) */
	maxCellChars: number;
	/** one XML part of the .xlsx, unpacked */
	zipPartMb: number;
	/** all its XML parts together, unpacked */
	zipTotalMb: number;
}

export const SHEET_LIMITS: SheetLimits = {
	maxRows: 200_000,
	maxColumns: 20,
	maxCellChars: 1024,
	heapMb: 384,
	memoryMb: 768,
	cpuSeconds: 60,
	// counted from the end of the upload: a slow connection's minutes of sending are not the reader's time
	timeoutMs: 120_000,
	zipPartMb: 100,
	zipTotalMb: 160
};

/**
 * Why a spreadsheet was not read. `too_large`: over a limit, with `reason` — `declared` (the zip's directory), `inflated`
 * (a part unpacked past its declared size or the cap), `rows`, or what stopped the child (memory, cpu, timeout).
 */
export class SheetError extends Error {
	constructor(
		readonly code: 'not_xlsx' | 'not_csv' | 'too_large',
		readonly reason?: string,
		/** CSV: the line the parser stopped at */
		readonly line?: number
	) {
		super(code);
	}
}

/** The child's program (CommonJS, no file of its own: it runs the same under Vitest and from build/). */
const CHILD = String.raw`'use strict';
const cfg = JSON.parse(process.argv[1]);
const out = process.stdout;
const send = (m) => new Promise((ok) => (out.write(JSON.stringify(m) + '\n') ? ok() : out.once('drain', ok)));
const finish = (m) => out.write(JSON.stringify(m) + '\n', () => process.exit(0));
// no field of the SSO 1-10 is near this long: a longer cell is cut (and still fails its field's check), so a row stays small
const cell = (c) => (c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'string' && c.length > cfg.maxCellChars ? c.slice(0, cfg.maxCellChars) : c);
const row = (r) => r.slice(0, cfg.maxColumns).map(cell);
// a batch goes when it has 1,000 rows or about 256 K characters of cells, whichever comes first: one message stays
// well under the server's line limit however the rows are made (child.ts)
const size = (r) => r.reduce((n, c) => n + (typeof c === 'string' ? c.length : 16), 16);
const BATCH_CHARS = 256 * 1024;
function batches() {
	let batch = [];
	let chars = 0;
	const flush = async () => {
		if (batch.length) await send({ rows: batch });
		batch = [];
		chars = 0;
	};
	return {
		flush,
		add: async (r) => {
			batch.push(r);
			chars += size(r);
			if (batch.length >= 1000 || chars >= BATCH_CHARS) await flush();
		}
	};
}
// an allocation refused, a string or an array past its limit
const tooBig = (e) => e instanceof RangeError;

async function csv() {
	const { parse } = require(cfg.modules.csv);
	const { Transform, pipeline } = require('node:stream');
	const dec = new TextDecoder(cfg.encoding);
	const decode = new Transform({
		transform(c, _e, cb) { cb(null, dec.decode(c, { stream: true })); },
		flush(cb) { cb(null, dec.decode()); }
	});
	const parser = parse({
		relax_column_count: true,
		skip_empty_lines: false,
		bom: true,
		max_record_size: 64 * 1024,
		on_record: row
	});
	pipeline(process.stdin, decode, parser, () => {});
	const sink = batches();
	try {
		for await (const r of parser) await sink.add(r);
	} catch (e) {
		await sink.flush();
		return finish(tooBig(e) ? { error: 'too_large', why: 'memory' } : { error: 'not_csv', line: e.lines || 1 });
	}
	await sink.flush();
	finish({ end: true });
}

/** The zip's directory, then each XML part inflated with its bytes counted: null, or why not. */
function checkZip(buf) {
	const yauzl = require(cfg.modules.yauzl);
	const part = cfg.zipPartMb * 1024 * 1024;
	const total = cfg.zipTotalMb * 1024 * 1024;
	return new Promise((resolve) => {
		yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
			if (err) return resolve({ error: 'not_xlsx' });
			const parts = [];
			let declared = 0;
			let entries = 0;
			zip.on('error', () => resolve({ error: 'not_xlsx' }));
			zip.on('entry', (e) => {
				// the parts read-excel-file reads (its filterZipArchiveEntry); anything else is never unpacked
				if (/\.xml(\.rels)?$/.test(e.fileName)) {
					declared += e.uncompressedSize;
					if (e.uncompressedSize > part || declared > total) return resolve({ error: 'too_large', why: 'declared' });
					parts.push(e);
				}
				if (++entries > 10000) return resolve({ error: 'too_large', why: 'declared' });
				zip.readEntry();
			});
			zip.on('end', async () => {
				for (const e of parts) {
					const r = await inflateCounted(zip, e, part);
					if (r) return resolve(r);
				}
				resolve(null);
			});
			zip.readEntry();
		});
	});
}

function inflateCounted(zip, e, part) {
	return new Promise((resolve) => {
		zip.openReadStream(e, (err, s) => {
			if (err) return resolve({ error: 'not_xlsx' });
			let n = 0;
			s.on('data', (c) => {
				n += c.length;
				if (n > e.uncompressedSize || n > part) {
					s.destroy();
					resolve({ error: 'too_large', why: 'inflated' });
				}
			});
			// yauzl's own count (validateEntrySizes): "too many bytes in the stream"
			s.on('error', (x) => resolve(/too many bytes/.test(String(x && x.message)) ? { error: 'too_large', why: 'inflated' } : { error: 'not_xlsx' }));
			s.on('end', () => resolve(null));
		});
	});
}

async function xlsx() {
	const chunks = [];
	for await (const c of process.stdin) chunks.push(c);
	const buf = Buffer.concat(chunks);
	chunks.length = 0;
	const bad = await checkZip(buf);
	if (bad) return finish(bad);
	const { readSheet } = require(cfg.modules.xlsx);
	let rows;
	try {
		rows = await readSheet(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
	} catch (e) {
		return finish(tooBig(e) ? { error: 'too_large', why: 'memory' } : { error: 'not_xlsx' });
	}
	if (rows.length > cfg.maxRows + 1) return finish({ error: 'too_large', why: 'rows' });
	const sink = batches();
	for (let i = 0; i < rows.length; i++) {
		await sink.add(row(rows[i]));
		rows[i] = null;
	}
	await sink.flush();
	finish({ end: true });
}

(cfg.format === 'csv' ? csv : xlsx)().catch((e) =>
	finish(tooBig(e) ? { error: 'too_large', why: 'memory' } : { error: cfg.format === 'csv' ? 'not_csv' : 'not_xlsx' })
);
`;

const resolve = (m: string) => createRequire(import.meta.url).resolve(m);

type ChildMessage = { rows: Cell[][] } | { end: true } | { error: 'not_xlsx' | 'not_csv' | 'too_large'; why?: string; line?: number };

/** Waits until `w` takes more, or fails if the child has gone. */
function drained(w: Writable): Promise<void> {
	if (w.destroyed) return Promise.reject(new Error('closed'));
	return new Promise((ok, no) => {
		const drain = () => {
			w.off('close', close);
			ok();
		};
		const close = () => {
			w.off('drain', drain);
			no(new Error('closed'));
		};
		w.once('drain', drain);
		w.once('close', close);
	});
}

/**
 * The sheet's rows in batches, as the child reads them from `chunks`; SheetError when the file cannot be read or is
 * over a limit. An error of `chunks` itself (the upload broke off) is thrown as it is, and the child is ended.
 */
export async function* readSheet(format: 'csv' | 'xlsx', chunks: AsyncIterable<Uint8Array>, limits: SheetLimits = SHEET_LIMITS): AsyncGenerator<Cell[][]> {
	const input = chunks[Symbol.asyncIterator]();
	// a CSV's first 64 KiB tell its encoding (UTF-8, or TIS-620 as Thai Windows saves it)
	const head: Uint8Array[] = [];
	let headBytes = 0;
	let ended = false;
	if (format === 'csv')
		while (headBytes < 64 * 1024) {
			const n = await input.next();
			if (n.done) {
				ended = true;
				break;
			}
			head.push(n.value);
			headBytes += n.value.length;
		}
	const child = spawnLimited(
		CHILD,
		{
			format,
			encoding: format === 'csv' ? detectEncoding(Buffer.concat(head).subarray(0, 64 * 1024)) : null,
			modules: { csv: resolve('csv-parse'), xlsx: resolve('read-excel-file/universal'), yauzl: resolve('yauzl') },
			maxRows: limits.maxRows,
			maxColumns: limits.maxColumns,
			maxCellChars: limits.maxCellChars,
			zipPartMb: limits.zipPartMb,
			zipTotalMb: limits.zipTotalMb
		},
		limits
	);
	let inputError: { error: unknown } | null = null;
	const stdin = child.process.stdin!;
	void (async () => {
		const write = async (c: Uint8Array) => {
			if (!stdin.write(c)) await drained(stdin);
		};
		try {
			for (const c of head) await write(c);
			while (!ended) {
				let n: IteratorResult<Uint8Array>;
				try {
					n = await input.next();
				} catch (error) {
					inputError = { error };
					child.kill();
					return;
				}
				if (n.done) break;
				await write(n.value);
			}
			stdin.end();
			child.inputEnded();
		} catch {
			// the child went away before taking all of the file: its last message or its exit says why
		}
	})();
	let last: ChildMessage | null = null;
	try {
		for await (const m of child.messages() as AsyncGenerator<ChildMessage>) {
			if ('rows' in m) yield m.rows;
			else last = m;
		}
	} finally {
		// the consumer stopped early (its own error), or the child is done: either way it must not outlive the upload
		if (!last) child.kill();
	}
	// not the feeding: once the child is done, what more the upload sends is not needed (an input error that ended
	// the child was recorded before it was ended)
	const stopped: Stopped | null = await child.exited;
	if (inputError) throw (inputError as { error: unknown }).error;
	if (last && 'error' in last) throw new SheetError(last.error, last.why, last.line);
	if (!last || stopped) throw new SheetError('too_large', stopped ?? 'failed');
}

/** The whole of a sheet's rows (tests, small files). */
export async function readRows(format: 'csv' | 'xlsx', bytes: Uint8Array, limits: SheetLimits = SHEET_LIMITS): Promise<Cell[][]> {
	const rows: Cell[][] = [];
	for await (const batch of readSheet(
		format,
		(async function* () {
			yield bytes;
		})(),
		limits
	))
		rows.push(...batch);
	return rows;
}
