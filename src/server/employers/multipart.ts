/**
 * An employer's upload read as it arrives: the multipart body is parsed as a stream (@fastify/busboy), and the
 * file part goes straight into the checker, so a 50 MB file is never held whole in memory (SvelteKit's formData() would).
 * The form's other fields (the wage month) come before the file in the form, so they are known when the file starts.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy } from '@fastify/busboy';

export interface IncomingFile {
	name: string;
	chunks: AsyncIterable<Uint8Array>;
}

export type Received<T> =
	| { ok: true; fields: Record<string, string>; result: T }
	/** no file in the form */
	| { ok: false; reason: 'none'; fields: Record<string, string>; result?: undefined }
	/** the body could not be parsed as a form, or broke off (the sender's side); or the file is over the limit. `result`
	 * is what the handler made of the part that came, to be thrown away */
	| { ok: false; reason: 'broken' | 'too_large'; fields: Record<string, string>; result: T | null };

/** Runs `handle` on the form's file field `file` while it streams in; at most `maxBytes` of it. */
/** The file passed the size limit: its reader fails at the cut, so nothing it staged stays. */
export class FileTooLarge extends Error {
	constructor() {
		super('The file is larger than the limit');
	}
}

export async function receiveFile<T>(
	request: Request,
	maxBytes: number,
	handle: (fields: Record<string, string>, file: IncomingFile) => Promise<T>,
	/** a form of more fields than the employer's (the hospital request's) */
	opts: { fields?: number } = {}
): Promise<Received<T>> {
	const fields: Record<string, string> = {};
	const type = request.headers.get('content-type') ?? '';
	if (!request.body || !type.toLowerCase().startsWith('multipart/form-data')) return { ok: false, reason: 'none', fields };
	const bb = new Busboy({
		headers: { 'content-type': type },
		limits: { files: 1, fields: opts.fields ?? 10, fieldSize: 1000, parts: (opts.fields ?? 10) + 2, fileSize: maxBytes }
	});
	let truncated = false;
	/** the file part being read, while it is */
	let part: Readable | null = null;
	let outcome: Promise<{ ok: true; value: T } | { ok: false; error: unknown }> | null = null;
	bb.on('field', (name: string, value: string) => {
		fields[name] = value;
	});
	bb.on('file', (name: string, stream: Readable, filename: string) => {
		if (name !== 'file' || outcome || !filename) {
			stream.resume();
			return;
		}
		stream.on('limit', () => (truncated = true));
		part = stream;
		// a file cut off at the size limit ends its chunks with an error, not quietly: what came may look whole, and must
		// never reach review (nor replace the employer's upload that is waiting there)
		const chunks = (async function* () {
			for await (const c of stream as AsyncIterable<Uint8Array>) yield c;
			if (truncated) throw new FileTooLarge();
		})();
		outcome = handle({ ...fields }, { name: filename, chunks }).then(
			(value) => {
				stream.resume(); // a refused file (its type, its month) was not read: the parser must still reach the end
				return { ok: true as const, value };
			},
			(error: unknown) => {
				stream.resume(); // let the rest of the body go, so the parser finishes
				return { ok: false as const, error };
			}
		);
	});
	const finished = new Promise<void>((resolve, reject) => {
		bb.on('finish', resolve);
		bb.on('error', reject);
	});
	// a body that breaks off (the sender went away) fails the pipeline, and the parser with it; the parser does not end
	// the file part it was giving out, so that is destroyed here: its reader fails instead of waiting for ever, and the
	// upload deletes what it staged
	let broken = false;
	try {
		await Promise.all([finished, pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), bb)]);
	} catch (e) {
		broken = true;
		(part as Readable | null)?.destroy(e instanceof Error ? e : new Error('The upload broke off'));
	}
	if (broken) {
		const o = outcome ? await (outcome as Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) : null;
		return { ok: false, reason: 'broken', fields, result: o?.ok ? o.value : null };
	}
	if (!outcome) return { ok: false, reason: 'none', fields };
	const o = await (outcome as Promise<{ ok: true; value: T } | { ok: false; error: unknown }>);
	if (!o.ok) {
		if (o.error instanceof FileTooLarge) return { ok: false, reason: 'too_large', fields, result: null };
		throw o.error;
	}
	return truncated ? { ok: false, reason: 'too_large', fields, result: o.value } : { ok: true, fields, result: o.value };
}
