import { describe, expect, it } from 'vitest';
import { FileTooLarge, receiveFile } from './multipart';

const B = 'xBOUNDARYx';
function body(file: string, period = '2026-10'): string {
	return [
		`--${B}\r\nContent-Disposition: form-data; name="period"\r\n\r\n${period}\r\n`,
		`--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${file}\r\n`,
		`--${B}--\r\n`
	].join('');
}
const request = (b: BodyInit) => new Request('http://x/', { method: 'POST', body: b, headers: { 'content-type': `multipart/form-data; boundary=${B}` } });

async function text(chunks: AsyncIterable<Uint8Array>): Promise<string> {
	let s = '';
	for await (const c of chunks) s += Buffer.from(c).toString('utf8');
	return s;
}

describe('receiveFile (the employer upload, read as it arrives)', () => {
	it('hands over the fields sent before the file, and the file as a stream', async () => {
		const got = await receiveFile(request(body('1'.repeat(5000))), 1_000_000, async (fields, f) => ({ fields, name: f.name, text: await text(f.chunks) }));
		expect(got.ok).toBe(true);
		if (got.ok) expect(got.result).toEqual({ fields: { period: '2026-10' }, name: 'a.txt', text: '1'.repeat(5000) });
	});

	it('says when the file is over the limit, and when the body is not a form or breaks off', async () => {
		const big = await receiveFile(request(body('x'.repeat(3000))), 1000, async (_, f) => (await text(f.chunks)).length);
		expect(big).toMatchObject({ ok: false, reason: 'too_large', result: null });
		// the reader is told at the cut (an error, not a quiet end), so a cut-off file that looks whole is never staged
		let read = 0;
		const cutOff = await receiveFile(request(body('x'.repeat(3000))), 1000, async (_, f) => {
			try {
				for await (const c of f.chunks) read += c.length;
				return 'ended quietly';
			} catch (e) {
				return e instanceof FileTooLarge ? 'told' : 'other';
			}
		});
		expect(cutOff).toMatchObject({ ok: false, reason: 'too_large', result: 'told' });
		expect(read).toBe(1000);
		const none = await receiveFile(
			new Request('http://x/', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
			1000,
			async () => 1
		);
		expect(none).toMatchObject({ ok: false, reason: 'none' });
		const cut = body('y'.repeat(100)).slice(0, -40); // the closing boundary never comes
		const broken = await receiveFile(request(cut), 1000, async (_, f) => (await text(f.chunks).catch(() => 'error')).length);
		expect(broken).toMatchObject({ ok: false, reason: 'broken' });
	});
});

describe('an upload that breaks off while its file is read', () => {
	it('fails the file’s reader, so the request is answered and nothing waits for ever', async () => {
		const head = `--${B}\r\nContent-Disposition: form-data; name="period"\r\n\r\n2026-10\r\n--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n`;
		const body = new ReadableStream<Uint8Array>({
			start(c) {
				c.enqueue(new TextEncoder().encode(head + 'x'.repeat(100_000)));
				setTimeout(() => c.error(new Error('aborted')), 50); // the connection goes
			}
		});
		const req = new Request('http://x/', {
			method: 'POST',
			body,
			duplex: 'half',
			headers: { 'content-type': `multipart/form-data; boundary=${B}` }
		} as RequestInit);
		let readerSaw: string | null = null;
		const got = await Promise.race([
			receiveFile(req, 1_000_000, async (_, f) => text(f.chunks).catch((e: Error) => ((readerSaw = e.message), 'failed'))),
			new Promise<'hung'>((r) => setTimeout(() => r('hung'), 3000))
		]);
		expect(got).not.toBe('hung');
		expect(got).toMatchObject({ ok: false, reason: 'broken', result: 'failed' });
		expect(readerSaw).toBeTruthy();
	});
});
