import { describe, expect, it } from 'vitest';
import { takeUploadSlot } from './slots';

describe('employers’ uploads checked at once', () => {
	it('one per employer, at most the configured number in all, free again when released', () => {
		const a = takeUploadSlot(1, 2);
		expect(a.ok).toBe(true);
		expect(takeUploadSlot(1, 2)).toEqual({ ok: false, reason: 'emp_err_upload_running' });
		const b = takeUploadSlot(2, 2);
		expect(b.ok).toBe(true);
		expect(takeUploadSlot(3, 2)).toEqual({ ok: false, reason: 'emp_err_uploads_busy' });
		if (a.ok) {
			a.release();
			a.release(); // twice is once
		}
		const c = takeUploadSlot(3, 2);
		expect(c.ok).toBe(true);
		expect(takeUploadSlot(1, 2)).toEqual({ ok: false, reason: 'emp_err_uploads_busy' });
		if (b.ok) b.release();
		if (c.ok) c.release();
		const d = takeUploadSlot(1, 2);
		expect(d.ok).toBe(true);
		if (d.ok) d.release();
	});
});
