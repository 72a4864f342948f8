import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { watch } from '../../../tests/support/promise-state';
import { fromAgent } from './agent';
import { AGENT_PERSONAL } from '../../../tests/card/fake-card.mjs';
import { checkedCard, kioskSource, watchKioskRemoval, KIOSK_MESSAGE, type ToShell } from './kiosk';
import { CardError, type CardData, type CardNotice } from './model';

const SHELL = 'isolated-app://kiosk-shell-bundle-id';
const OTHER = 'https://evil.example';

const CARD: CardData = fromAgent(AGENT_PERSONAL);
/** CARD with some fields changed (a fresh copy each time). */
const cardWith = (change: (c: Record<string, unknown> & CardData) => void): unknown => {
	const c = structuredClone(CARD) as Record<string, unknown> & CardData;
	change(c);
	return c;
};

const codeOf = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return e instanceof CardError ? e.code : e;
	}
	return 'accepted';
};

type Listener = (ev: { source: unknown; origin: string; data: unknown }) => void;

/**
 * The portal page as the kiosk shell frames it: a fake window whose parent (the shell) records what is posted to it,
 * a <meta> listing `listed`, and the parent's origin `parentOrigin` (ancestorOrigins[0]). Fake timers.
 */
function framed({ listed = SHELL, parentOrigin = SHELL, inFrame = true }: { listed?: string; parentOrigin?: string; inFrame?: boolean } = {}) {
	vi.useFakeTimers();
	const listeners = new Set<Listener>();
	const posted: { msg: ToShell; target: string }[] = [];
	const parent = { postMessage: (msg: ToShell, target: string) => posted.push({ msg, target }) };
	const win: Record<string, unknown> = {
		location: { ancestorOrigins: [parentOrigin] },
		addEventListener: (type: string, l: Listener) => type === 'message' && listeners.add(l),
		removeEventListener: (type: string, l: Listener) => type === 'message' && listeners.delete(l)
	};
	win.parent = inFrame ? parent : win;
	vi.stubGlobal('window', win);
	vi.stubGlobal('document', {
		querySelector: (sel: string) => (sel === 'meta[name="prakan-kiosk"]' ? { getAttribute: (a: string) => (a === 'content' ? listed : null) } : null)
	});
	onTestFinished(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});
	/** A message event reaching the page (by default from the parent at the shell's origin). */
	const send = (data: unknown, { origin = SHELL, source = parent as unknown } = {}) => {
		for (const l of [...listeners]) l({ source, origin, data });
	};
	/** The shell answering the last question posted to it. */
	const answer = (body: Record<string, unknown>, from?: { origin?: string; source?: unknown }) => {
		const last = posted.at(-1);
		if (!last) throw new Error('nothing was asked');
		send({ type: KIOSK_MESSAGE, id: last.msg.id, ...body }, from);
	};
	return { posted, send, answer, listeners };
}

const flush = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('kiosk shell: the card it sends is checked again', () => {
	it('accepts a well-formed card, with or without a photo', () => {
		expect(checkedCard(CARD)).toBe(CARD);
		expect(codeOf(() => checkedCard(cardWith((c) => (c.photo = new Uint8Array(64 * 1024).fill(0xff)))))).toBe('accepted');
		expect(codeOf(() => checkedCard(cardWith((c) => (c.th.first = 'ก'.repeat(200)))))).toBe('accepted');
	});

	it.each<[string, (c: Record<string, unknown> & CardData) => void]>([
		['a national ID failing its check digit', (c) => (c.nationalId = '1103700123459')],
		['a name field that is not a string', (c) => ((c.th as unknown as Record<string, unknown>).first = 42)],
		['a name field over 200 characters', (c) => (c.en.last = 'x'.repeat(201))],
		['a birth date not in ISO form', (c) => (c.birthDate.iso = '27/03/1985')],
		['an issue date not in ISO form', (c) => (c.issueDate = '2022-1-10')],
		['a photo over 64 KiB', (c) => (c.photo = new Uint8Array(64 * 1024 + 1))],
		['a photo that is not a Uint8Array', (c) => (c.photo = [0xff, 0xd8] as unknown as Uint8Array)],
		['a missing address', (c) => delete (c as Partial<CardData>).address],
		['an address without its province', (c) => delete (c.address as Partial<CardData['address']>).province],
		['a birth month of 13', (c) => (c.birthDate.month = 13)],
		['a birth day that is not a whole number', (c) => (c.birthDate.day = 1.5)]
	])('rejects %s as bad_card', (_, change) => {
		expect(codeOf(() => checkedCard(cardWith(change)))).toBe('bad_card');
	});

	it('rejects a date in ISO form that is not a real calendar date (as a card read here would never carry)', () => {
		expect(codeOf(() => checkedCard(cardWith((c) => (c.birthDate.iso = '1985-02-30'))))).toBe('bad_card');
		expect(codeOf(() => checkedCard(cardWith((c) => (c.expiryDate = '2031-13-45'))))).toBe('bad_card');
	});
});

describe('kiosk shell: detect', () => {
	it('is false when the page is not framed, and asks nothing', async () => {
		const page = framed({ inFrame: false });
		expect(await kioskSource.detect()).toBe(false);
		expect(page.posted).toEqual([]);
	});

	it('is false when the parent’s origin is not listed, and asks nothing', async () => {
		const page = framed({ listed: 'isolated-app://another-shell', parentOrigin: SHELL });
		expect(await kioskSource.detect()).toBe(false);
		expect(page.posted).toEqual([]);
	});

	it('is true when the listed shell answers ready to the hello, which is posted to exactly its origin', async () => {
		const page = framed({ listed: `https://other.example ${SHELL}` });
		const there = watch(kioskSource.detect());
		expect(page.posted).toEqual([{ msg: { type: KIOSK_MESSAGE, op: 'hello', id: expect.any(String) }, target: SHELL }]);
		page.answer({ op: 'ready', cardIn: null });
		await flush();
		expect(there.value).toBe(true);
	});

	it.each<[string, (page: ReturnType<typeof framed>) => void]>([
		['another origin', (page) => page.answer({ op: 'ready', cardIn: null }, { origin: OTHER })],
		['a window other than the parent', (page) => page.answer({ op: 'ready', cardIn: null }, { source: {} })],
		['another id', (page) => page.send({ type: KIOSK_MESSAGE, op: 'ready', id: 'not-the-question', cardIn: null })]
	])('ignores an answer from %s: no shell after 1 s', async (_, wrong) => {
		const page = framed();
		const there = watch(kioskSource.detect());
		wrong(page);
		await vi.advanceTimersByTimeAsync(999);
		expect(there.settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(there.value).toBe(false);
		expect(page.listeners.size).toBe(0);
	});
});

describe('kiosk shell: read', () => {
	function reading() {
		const page = framed();
		const progress = vi.fn<(f: number) => void>();
		const notice = vi.fn<(n: CardNotice) => void>();
		const read = watch(kioskSource.read(progress, notice));
		expect(page.posted).toEqual([{ msg: { type: KIOSK_MESSAGE, op: 'read', id: expect.any(String) }, target: SHELL }]);
		return { page, progress, notice, read };
	}

	it('passes progress and notices on, and resolves with the card of the result', async () => {
		const { page, progress, notice, read } = reading();
		page.answer({ op: 'notice', notice: { kind: 'insert', reader: 'ACS ACR39U' } });
		expect(notice).toHaveBeenCalledWith({ kind: 'insert', reader: 'ACS ACR39U' });
		// only the notices the page knows, with their fields as the page shows them
		page.answer({ op: 'notice', notice: { kind: 'script', reader: '<b>' } });
		page.answer({ op: 'notice', notice: { kind: 'reinsert', reader: 'x'.repeat(500) } });
		expect(notice).toHaveBeenLastCalledWith({ kind: 'reinsert', reader: '' });
		expect(notice).toHaveBeenCalledTimes(2);
		page.answer({ op: 'progress', fraction: 0.25 });
		expect(progress).toHaveBeenCalledWith(0.25);
		page.answer({ op: 'result', card: CARD });
		await flush();
		expect(read.value).toEqual(CARD);
	});

	it('rejects with the code of an error from the shell', async () => {
		const { page, read } = reading();
		page.answer({ op: 'error', code: 'no_card' });
		await flush();
		expect((read.error as CardError).code).toBe('no_card');
	});

	it('turns an error code it does not know into io', async () => {
		const { page, read } = reading();
		page.answer({ op: 'error', code: 'made_up' });
		await flush();
		expect((read.error as CardError).code).toBe('io');
	});

	it('rejects a result whose card fails the checks with bad_card', async () => {
		const { page, read } = reading();
		page.answer({ op: 'result', card: cardWith((c) => (c.nationalId = '1103700123459')) });
		await flush();
		expect((read.error as CardError).code).toBe('bad_card');
	});
});

describe('kiosk shell: the card taken out', () => {
	function watching() {
		const page = framed();
		const removed = vi.fn();
		const stop = watchKioskRemoval(removed);
		return { page, removed, stop };
	}

	it('calls back on removed from the shell at its origin, not from another origin or window', async () => {
		const { page, removed } = watching();
		page.answer({ op: 'ready', cardIn: true });
		await flush();
		page.send({ type: KIOSK_MESSAGE, op: 'removed' }, { origin: OTHER });
		page.send({ type: KIOSK_MESSAGE, op: 'removed' }, { source: {} });
		await vi.advanceTimersByTimeAsync(2_000);
		expect(removed).not.toHaveBeenCalled();
		page.send({ type: KIOSK_MESSAGE, op: 'removed' });
		expect(removed).toHaveBeenCalledTimes(1);
	});

	it('calls back at once when the shell’s ready says the card is no longer in', async () => {
		const { page, removed } = watching();
		expect(page.posted).toEqual([{ msg: { type: KIOSK_MESSAGE, op: 'hello', id: expect.any(String) }, target: SHELL }]);
		page.answer({ op: 'ready', cardIn: false });
		await flush();
		expect(removed).toHaveBeenCalledTimes(1);
	});

	it('does not call back when the shell’s ready says the card is still in', async () => {
		const { page, removed } = watching();
		page.answer({ op: 'ready', cardIn: true });
		await vi.advanceTimersByTimeAsync(5_000);
		expect(removed).not.toHaveBeenCalled();
	});

	it('calls back when the shell does not answer the hello within 1 s', async () => {
		const { removed } = watching();
		await vi.advanceTimersByTimeAsync(999);
		expect(removed).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(removed).toHaveBeenCalledTimes(1);
	});

	it('calls back at once when the page is no longer framed by the shell', () => {
		framed({ inFrame: false });
		const removed = vi.fn();
		watchKioskRemoval(removed);
		expect(removed).toHaveBeenCalledTimes(1);
	});

	it('stops: neither removed nor the unanswered hello calls back after the stop function', async () => {
		const { page, removed, stop } = watching();
		stop();
		page.send({ type: KIOSK_MESSAGE, op: 'removed' });
		await vi.advanceTimersByTimeAsync(2_000);
		expect(removed).not.toHaveBeenCalled();
		expect(page.listeners.size).toBe(0);
	});
});
