/**
 * How many employers' files are checked at once. Each spreadsheet takes a child process (up to its memory limit) and the
 * checking takes turns with every other request, so one employer checks one file at a time, and the server at most
 * EMPLOYER_UPLOADS_AT_ONCE. An upload over either is answered 429 at once, before its body is read. The count is this
 * process's own: the children are this process's.
 */
import { config } from '../config';

export type Slot = { ok: true; release: () => void } | { ok: false; reason: 'emp_err_upload_running' | 'emp_err_uploads_busy' };

const running = new Set<number>();

/** A place for `employerId`'s upload, to be released when it is answered. */
export function takeUploadSlot(employerId: number, max = config().EMPLOYER_UPLOADS_AT_ONCE): Slot {
	if (running.has(employerId)) return { ok: false, reason: 'emp_err_upload_running' };
	if (running.size >= max) return { ok: false, reason: 'emp_err_uploads_busy' };
	running.add(employerId);
	let released = false;
	return {
		ok: true,
		release: () => {
			if (released) return;
			released = true;
			running.delete(employerId);
		}
	};
}
