import { describe, expect, it, vi } from 'vitest';
import { noticeOf, openPage, type ClientLike } from './push-worker';

describe('noticeOf: what a push shows', () => {
	it('shows the title, text and page of the message, one notification per kind', () => {
		const n = noticeOf(JSON.stringify({ kind: 'contribution', title: 'ประกันสังคม', body: 'ใกล้ครบกำหนดชำระเงินสมทบเดือนนี้', url: '/dashboard' }));
		expect(n.title).toBe('ประกันสังคม');
		expect(n.options).toMatchObject({ body: 'ใกล้ครบกำหนดชำระเงินสมทบเดือนนี้', tag: 'contribution', data: { url: '/dashboard' } });
	});
	it('always shows something, for an empty, unreadable or odd message', () => {
		for (const text of [null, '', 'not json', '42', '{"title": 7}', JSON.stringify({ title: ' ', body: null })]) {
			const n = noticeOf(text);
			expect(n.title, String(text)).toBe('ประกันสังคม');
			expect(n.options.body).toBeTruthy();
			expect(n.options.data.url).toBe('/dashboard');
		}
	});
	it('opens only a page of the portal', () => {
		for (const url of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/%2e%2e//evil.example'])
			expect(noticeOf(JSON.stringify({ url })).options.data.url, url).not.toMatch(/evil|javascript/);
		expect(noticeOf(JSON.stringify({ url: '/applications?x=1' })).options.data.url).toBe('/applications?x=1');
	});
});

describe('openPage: pressing the notification', () => {
	const origin = 'https://prakan.example';
	const client = (url: string): ClientLike & { focus: ReturnType<typeof vi.fn>; navigate: ReturnType<typeof vi.fn> } => ({
		url,
		focus: vi.fn(async () => undefined),
		navigate: vi.fn(async () => undefined)
	});
	const clientsOf = (list: ClientLike[]) => ({ matchAll: vi.fn(async () => list), openWindow: vi.fn(async () => null) });

	it('focuses a window already on the page', async () => {
		const on = client(`${origin}/applications`);
		const c = clientsOf([client(`${origin}/dashboard`), on]);
		await openPage(c, origin, '/applications');
		expect(on.focus).toHaveBeenCalled();
		expect(c.openWindow).not.toHaveBeenCalled();
	});
	it('takes a window of the portal to the page, else opens one; never another site’s window', async () => {
		const other = client('https://elsewhere.example/');
		const mine = client(`${origin}/dashboard`);
		const c = clientsOf([other, mine]);
		await openPage(c, origin, '/hospital');
		expect(mine.navigate).toHaveBeenCalledWith(`${origin}/hospital`);
		expect(other.navigate).not.toHaveBeenCalled();
		const none = clientsOf([other]);
		await openPage(none, origin, 'https://evil.example/');
		expect(none.openWindow).toHaveBeenCalledWith(`${origin}/dashboard`);
	});
	it('opens a new window when the portal’s window cannot be navigated', async () => {
		const stuck = client(`${origin}/dashboard`);
		stuck.navigate.mockRejectedValue(new TypeError('not controlled'));
		const c = clientsOf([stuck]);
		await openPage(c, origin, '/status');
		expect(c.openWindow).toHaveBeenCalledWith(`${origin}/status`);
	});
});
