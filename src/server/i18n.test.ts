/** Messages put into the citizen's language on the server (src/server/i18n.ts), as a page's form result gets them. */
import type { Locale } from '$lib/i18n';
import { describe, expect, it } from 'vitest';
import { isActionFailure } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { fail, noticeFrom, said, say } from './i18n';

/** Run `fn` as if serving a request from a browser that chose `locale` (the language cookie, as the switch sets it). */
function servedIn<T>(locale: Locale, fn: () => T): Promise<T> {
	const request = new Request('http://localhost/login', { headers: { cookie: `PARAGLIDE_LOCALE=${locale}` } });
	return paraglideMiddleware(request, () => Promise.resolve(fn())) as Promise<T>;
}

describe('say', () => {
	it('gives a message in the language of the request being served', async () => {
		expect(await servedIn('th', () => say('err_login'))).toBe('เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง');
		expect(await servedIn('en', () => say('err_login'))).toBe('The ID number or password is wrong');
	});

	it('fills in the parameters of a message', async () => {
		const msg = { key: 'err_rate_limited', params: { time: '14:05' } } as const;
		expect(await servedIn('th', () => say(msg))).toBe('มีการขอมากเกินไป โปรดลองใหม่หลังเวลา 14:05 น.');
		expect(await servedIn('en', () => say(msg))).toBe('Too many requests. Please try again after 14:05.');
	});
});

describe('said: a form result as the page gets it', () => {
	it('puts every message field and every field error into words, and nothing else', async () => {
		const result = await servedIn('en', () =>
			said({
				// what the citizen typed comes back as typed, even when it looks like a message key
				nationalId: 'err_login',
				values: { firstName: 'verify_resent' },
				formError: 'err_login',
				notice: 'verify_resent',
				resendWait: { key: 'err_rate_limited', params: { time: '09:00' } },
				errors: { nationalId: 'err_national_id', password: undefined },
				refused: true
			})
		);
		expect(result).toEqual({
			nationalId: 'err_login',
			values: { firstName: 'verify_resent' },
			formError: 'The ID number or password is wrong',
			notice: 'A new code has been sent. An earlier code still works until it expires.',
			resendWait: 'Too many requests. Please try again after 09:00.',
			errors: { nationalId: 'Enter a valid national ID number to use as your username: the 13 digits on your ID card', password: undefined },
			refused: true
		});
	});

	it('leaves a result without messages as it is', async () => {
		expect(await servedIn('th', () => said({ period: '2026-10', problemCount: 3 }))).toEqual({ period: '2026-10', problemCount: 3 });
	});
});

describe('fail', () => {
	it('is SvelteKit’s failure with the status, its messages in words', async () => {
		const f = await servedIn('th', () => fail(429, { nationalId: '1101700230708', formError: 'err_login' }));
		expect(isActionFailure(f)).toBe(true);
		expect(f.status).toBe(429);
		expect(f.data).toEqual({ nationalId: '1101700230708', formError: 'เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง' });
	});
});

describe('noticeFrom', () => {
	const notices = { 'ended=idle': 'staff_ended_idle', out: 'staff_logged_out', loggedOut: 'login_logged_out' } as const;
	it('names the notice of the first parameter present, or of the value it has', async () => {
		expect(await servedIn('en', () => noticeFrom(new URLSearchParams('out'), notices))).toBe(await servedIn('en', () => say('staff_logged_out')));
		expect(await servedIn('th', () => noticeFrom(new URLSearchParams('ended=idle&out'), notices))).toBe(await servedIn('th', () => say('staff_ended_idle')));
	});
	it('is null for no notice, another value or an unknown parameter', async () => {
		for (const q of ['', 'ended=other', 'ended', 'next=/dashboard'])
			expect(await servedIn('th', () => noticeFrom(new URLSearchParams(q), notices)), q).toBeNull();
	});
});
