/** A letter as a scanner or a word processor makes one: `pages` pages of text (pdf-lib), for the hospital request's tests. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function letterPdf(pages = 1, opts: { objectStreams?: boolean } = {}): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	for (let i = 0; i < pages; i++) doc.addPage().drawText(`Letter from the hospital director, page ${i + 1}`, { x: 50, y: 700, font });
	return doc.save({ useObjectStreams: opts.objectStreams ?? false });
}
