/**
 * A hospital director's letter, uploaded by anyone: checked as a real PDF before it is kept, in a child process under
 * hard limits (src/server/employers/child.ts), never in the server's own. The checks:
 * - the header (%PDF-1.x or 2.0) and the end-of-file marker, then a full parse by pdf-lib: every object it needs is read;
 * - not encrypted (the administrator must be able to open it);
 * - 1 to `maxPages` pages;
 * - nothing that acts when opened: no JavaScript or embedded files in the document's names, no additional actions,
 *   an opening action only to go to a page, and no /JavaScript, /JS, /Launch or /EmbeddedFile in its readable bytes.
 * The file is kept only in the database and downloaded by the administrator as an attachment: it is never served inline.
 */
import { createRequire } from 'node:module';
import { spawnLimited, type ChildLimits } from '../employers/child';

export const LETTER_MAX_BYTES = 5 * 1024 * 1024;
export const LETTER_MAX_PAGES = 20;
const LIMITS: ChildLimits = { heapMb: 128, memoryMb: 384, cpuSeconds: 10, timeoutMs: 15_000 };

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: 'not_pdf' | 'encrypted' | 'active' | 'pages' | 'too_large' };

const CHILD = String.raw`'use strict';
const cfg = JSON.parse(process.argv[1]);
const { PDFDocument, PDFName, PDFDict } = require(cfg.pdfLib);
const done = (m) => process.stdout.write(JSON.stringify(m) + '\n', () => process.exit(0));
const chunks = [];
let size = 0;
process.stdin.on('data', (c) => {
	size += c.length;
	if (size > cfg.maxBytes) done({ ok: false, reason: 'too_large' });
	else chunks.push(c);
});
process.stdin.on('end', async () => {
	const bytes = Buffer.concat(chunks);
	const latin = bytes.toString('latin1');
	if (!/^%PDF-(1\.[0-7]|2\.0)/.test(latin.slice(0, 1024).replace(/^[^%]*/, '')) || !latin.slice(-2048).includes('%%EOF')) return done({ ok: false, reason: 'not_pdf' });
	if (/\/(JavaScript|JS|Launch|EmbeddedFile)\b/.test(latin)) return done({ ok: false, reason: 'active' });
	let doc;
	try {
		doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
	} catch (e) {
		return done({ ok: false, reason: /encrypt/i.test(String(e && (e.name + ' ' + e.message))) ? 'encrypted' : 'not_pdf' });
	}
	const cat = doc.catalog;
	const names = cat.lookupMaybe(PDFName.of('Names'), PDFDict);
	const open = cat.lookup(PDFName.of('OpenAction'));
	const openActs = open instanceof PDFDict && String(open.get(PDFName.of('S'))) !== '/GoTo';
	if (cat.has(PDFName.of('AA')) || openActs || (names && (names.has(PDFName.of('JavaScript')) || names.has(PDFName.of('EmbeddedFiles')))))
		return done({ ok: false, reason: 'active' });
	let pages;
	try {
		pages = doc.getPageCount();
	} catch {
		return done({ ok: false, reason: 'not_pdf' });
	}
	if (pages < 1) return done({ ok: false, reason: 'not_pdf' });
	if (pages > cfg.maxPages) return done({ ok: false, reason: 'pages' });
	done({ ok: true, pages });
});
`;

/** Checks the bytes in a limited child; a child stopped by a limit is a file not taken ('not_pdf'). */
export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
	if (bytes.length > LETTER_MAX_BYTES) return { ok: false, reason: 'too_large' };
	const child = spawnLimited(
		CHILD,
		{ pdfLib: createRequire(import.meta.url).resolve('pdf-lib'), maxBytes: LETTER_MAX_BYTES, maxPages: LETTER_MAX_PAGES },
		LIMITS
	);
	const stdin = child.process.stdin!;
	stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), () => child.inputEnded());
	let answer: PdfCheck | null = null;
	for await (const m of child.messages()) answer ??= m as PdfCheck;
	const stopped = await child.exited;
	return !stopped && answer ? answer : { ok: false, reason: 'not_pdf' };
}
