/**
 * A hospital director's letter, uploaded by anyone: checked as a real PDF before it is kept, in a child process under
 * hard limits (src/server/employers/child.ts), never in the server's own. The checks:
 * - the header (%PDF-1.x or 2.0) and the end-of-file marker, then a full parse by pdf-lib: every object it needs is read;
 * - not encrypted (the administrator must be able to open it);
 * - 1 to `maxPages` pages;
 * - nothing that acts: no object anywhere (inside compressed object streams and stream dictionaries too) with
 *   JavaScript, additional actions, a launch, embedded files, rich media or XFA forms, nor an action that runs, submits,
 *   imports, opens another file or plays; and none of those names in its readable bytes either.
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
const { PDFDocument, PDFName, PDFDict, PDFArray, PDFStream } = require(cfg.pdfLib);
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
	// every object, those inside compressed object streams and the dictionaries of streams too, and every dictionary
	// nested in them: nothing may run, launch, submit, embed or play (pdf-lib has decoded #xx in names)
	const BAD_KEYS = new Set(['/JS', '/JavaScript', '/AA', '/Launch', '/EmbeddedFile', '/EmbeddedFiles', '/RichMedia', '/XFA']);
	const BAD_ACTIONS = new Set(['/JavaScript', '/Launch', '/SubmitForm', '/ImportData', '/GoToR', '/GoToE', '/Rendition', '/Sound', '/Movie']);
	const seen = new Set();
	let visited = 0;
	const risky = (o, depth) => {
		if (!o || depth > 64 || seen.has(o) || ++visited > 200000) return visited > 200000;
		seen.add(o);
		if (o instanceof PDFStream) return risky(o.dict, depth + 1);
		if (o instanceof PDFArray) return o.asArray().some((x) => risky(x, depth + 1));
		if (!(o instanceof PDFDict)) return false;
		for (const [k, val] of o.entries()) {
			if (BAD_KEYS.has(k.asString())) return true;
			if (k.asString() === '/S' && val instanceof PDFName && BAD_ACTIONS.has(val.asString())) return true;
			if (k.asString() === '/Type' && val instanceof PDFName && val.asString() === '/EmbeddedFile') return true;
			if (risky(val, depth + 1)) return true;
		}
		return false;
	};
	if (risky(doc.catalog, 0) || doc.context.enumerateIndirectObjects().some(([, o]) => risky(o, 0))) return done({ ok: false, reason: 'active' });
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

/** Checks running in this process: each child may take 384 MB, so a burst of uploads waits its turn instead. */
const MAX_AT_ONCE = 2;
let running = 0;

/**
 * Checks the bytes in a limited child; a child stopped by a limit is a file not taken ('not_pdf'); 'busy' when
 * MAX_AT_ONCE checks are running already (the sender is asked to try again in a moment).
 */
export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck | { ok: false; reason: 'busy' }> {
	if (bytes.length > LETTER_MAX_BYTES) return { ok: false, reason: 'too_large' };
	if (running >= MAX_AT_ONCE) return { ok: false, reason: 'busy' };
	running++;
	try {
		return await checkInChild(bytes);
	} finally {
		running--;
	}
}

async function checkInChild(bytes: Uint8Array): Promise<PdfCheck> {
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
