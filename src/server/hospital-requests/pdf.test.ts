import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { letterPdf } from '../../../tests/support/pdf';
import { checkPdf, LETTER_MAX_BYTES } from './pdf';

describe('the director’s letter: checked as a real PDF in a limited child process', () => {
	it('takes a PDF and counts its pages', async () => {
		expect(await checkPdf(await letterPdf())).toEqual({ ok: true, pages: 1 });
		expect(await checkPdf(await letterPdf(3, { objectStreams: true }))).toEqual({ ok: true, pages: 3 });
	});

	it('refuses what is not a PDF, a cut-off one, a renamed image, and one past 20 pages or 5 MB', async () => {
		const good = await letterPdf();
		expect(await checkPdf(new TextEncoder().encode('%PDF-1.7\nhello'))).toEqual({ ok: false, reason: 'not_pdf' });
		expect(await checkPdf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).toEqual({ ok: false, reason: 'not_pdf' });
		expect(await checkPdf(good.slice(0, Math.floor(good.length / 2)))).toEqual({ ok: false, reason: 'not_pdf' });
		// the end marker kept, the objects in between gone
		const gutted = Buffer.concat([Buffer.from(good.slice(0, 20)), Buffer.from(good.slice(-40))]);
		expect(await checkPdf(gutted)).toEqual({ ok: false, reason: 'not_pdf' });
		expect(await checkPdf(await letterPdf(21))).toEqual({ ok: false, reason: 'pages' });
		expect(await checkPdf(new Uint8Array(LETTER_MAX_BYTES + 1))).toEqual({ ok: false, reason: 'too_large' });
	});

	it('refuses a PDF that acts when opened (JavaScript, even inside compressed object streams) and an encrypted one', async () => {
		for (const objectStreams of [false, true]) {
			const doc = await PDFDocument.create();
			doc.addPage();
			doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
			expect(await checkPdf(await doc.save({ useObjectStreams: objectStreams })), String(objectStreams)).toEqual({ ok: false, reason: 'active' });
		}
		const plain = Buffer.from(await letterPdf()).toString('latin1');
		expect(plain).toContain('trailer');
		const encrypted = Buffer.from(
			plain.replace(/trailer\s*<</, (t) => `${t}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (x) /P -4 >>`),
			'latin1'
		);
		expect(await checkPdf(encrypted)).toEqual({ ok: false, reason: 'encrypted' });
	});
});

describe('what acts when the letter is opened, wherever it hides', () => {
	it('a page’s opening action, an annotation’s or a form field’s JavaScript, inside compressed object streams too', async () => {
		for (const objectStreams of [false, true]) {
			const page = async (set: (doc: PDFDocument) => void) => {
				const doc = await PDFDocument.create();
				doc.addPage();
				set(doc);
				return checkPdf(await doc.save({ useObjectStreams: objectStreams }));
			};
			const js = (doc: PDFDocument) => doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
			expect(await page((d) => d.getPage(0).node.set(PDFName.of('AA'), d.context.obj({ O: js(d) }))), `page AA ${objectStreams}`).toEqual({
				ok: false,
				reason: 'active'
			});
			expect(
				await page((d) =>
					d.getPage(0).node.set(PDFName.of('Annots'), d.context.obj([d.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: js(d) })]))
				),
				`annotation ${objectStreams}`
			).toEqual({ ok: false, reason: 'active' });
			expect(
				await page((d) => d.catalog.set(PDFName.of('OpenAction'), d.context.obj({ S: 'Launch', F: PDFString.of('cmd.exe') }))),
				`launch ${objectStreams}`
			).toEqual({ ok: false, reason: 'active' });
			// a link to a page of the letter is fine
			expect(await page((d) => d.catalog.set(PDFName.of('OpenAction'), d.context.obj([d.getPage(0).ref, 'Fit']))), `goto ${objectStreams}`).toEqual({
				ok: true,
				pages: 1
			});
		}
	});
});
