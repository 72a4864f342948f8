import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { watch } from '../../../tests/support/promise-state';
import { agentListening, readFromAgent } from './agent';
import { AGENT_PERSONAL } from '../../../tests/card/fake-card.mjs';
import { CardError, type CardData, type CardNotice } from './model';
import { agentSource, readCard } from './sources';

const AGENT_URL = 'ws://127.0.0.1:9898/ws';
const READER = 'ACS ACR39U';
const THE_CARD = { nationalId: '1103700123458', th: { first: 'สมชาย' }, birthDate: { iso: '1985-03-27' } };

/** A loopback WebSocket the test drives: it opens (or is refused) when told, and the agent's frames are pushed into it. */
class FakeSocket {
	static readonly OPEN = 1;
	static all: FakeSocket[] = [];
	readyState = 0;
	/** what the page sent while the connection was open */
	sent: unknown[] = [];
	/** what the page sent after the connection was closed (a browser drops it without an error) */
	sentClosed: unknown[] = [];
	onopen: ((ev: unknown) => void) | null = null;
	onmessage: ((ev: { data: string }) => void) | null = null;
	onclose: ((ev: unknown) => void) | null = null;
	onerror: ((ev: unknown) => void) | null = null;
	constructor(readonly url: string) {
		FakeSocket.all.push(this);
	}
	send(data: string) {
		(this.readyState === FakeSocket.OPEN ? this.sent : this.sentClosed).push(JSON.parse(data));
	}
	close() {
		if (this.readyState === 3) return;
		this.readyState = 3;
		this.onclose?.({});
	}
	/** the agent accepts the connection */
	accept() {
		this.readyState = FakeSocket.OPEN;
		this.onopen?.({});
	}
	/** nothing listens (or the browser refuses): error, then close */
	refuse() {
		this.onerror?.({});
		this.close();
	}
	push(event: string, payload?: unknown) {
		this.onmessage?.({ data: JSON.stringify({ event, payload }) });
	}
}

/** The only socket the page opened. */
function socket(): FakeSocket {
	expect(FakeSocket.all).toHaveLength(1);
	return FakeSocket.all[0]!;
}

/** Let the awaited permission query and the like run (no timer moves). */
async function flush() {
	for (let i = 0; i < 20; i++) await Promise.resolve();
}

type Permission = 'granted' | 'prompt' | 'denied' | 'unknown';

/** A browser with fake timers, the fake WebSocket and a local-network permission in `state` ('unknown': no such permission). */
function browser(state: Permission = 'granted') {
	const permission = { state };
	vi.useFakeTimers();
	FakeSocket.all = [];
	vi.stubGlobal('WebSocket', FakeSocket);
	vi.stubGlobal('navigator', {
		permissions: {
			query: async ({ name }: { name: string }) => {
				if (permission.state === 'unknown' || !['loopback-network', 'local-network-access'].includes(name)) {
					throw new TypeError(`The provided value '${name}' is not a valid enum value of type PermissionName.`);
				}
				return { state: permission.state };
			}
		}
	});
	onTestFinished(() => {
		// no socket of this test is left open for the next one to take
		for (const s of FakeSocket.all) s.readyState = 3;
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});
	return permission;
}

/** agentListening with the agent accepting at once: the connection kept for the read. */
async function listening(): Promise<FakeSocket> {
	const ok = agentListening(AGENT_URL);
	await flush();
	socket().accept();
	expect(await ok).toBe(true);
	return socket();
}

/** A read started on the kept connection, with its progress and notices recorded. */
async function reading(ws: FakeSocket) {
	const progress = vi.fn<(f: number) => void>();
	const notice = vi.fn<(n: CardNotice) => void>();
	const read = watch(readFromAgent(AGENT_URL, progress, notice));
	await flush();
	return { read, progress, notice, ws };
}

const codeOf = (s: { error?: unknown }) => (s.error instanceof CardError ? s.error.code : s.error);

describe('card agent: reading', () => {
	it('asks a released agent that ignores read-now for the card out and in again after 3 s of silence, and reads it when it goes in', async () => {
		browser();
		const { read, progress, notice, ws } = await reading(await listening());
		// newer agents read at once and say whether a card is in; released ones answer neither
		expect(ws.sent).toEqual([{ action: 'read-now' }, { action: 'get-status' }]);
		ws.push('smc-status', { reader: READER, card: true });
		await vi.advanceTimersByTimeAsync(2_999);
		expect(notice).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(notice).toHaveBeenCalledWith({ kind: 'reinsert', reader: READER });
		await vi.advanceTimersByTimeAsync(20_000);
		expect(read.settled).toBe(false);
		expect(ws.readyState).toBe(FakeSocket.OPEN);
		ws.push('smc-inserted');
		expect(progress).toHaveBeenCalledWith(0.5);
		ws.push('smc-data', { personal: AGENT_PERSONAL });
		await flush();
		expect(read.value).toMatchObject(THE_CARD);
		expect(FakeSocket.all).toHaveLength(1);
	});

	it('asks for a card at once when the agent says the reader has none', async () => {
		browser();
		const { notice, ws } = await reading(await listening());
		ws.push('smc-status', { reader: READER, card: false });
		expect(notice).toHaveBeenCalledWith({ kind: 'insert', reader: READER });
	});

	it('asks for a card when it is taken out during the read', async () => {
		browser();
		const { notice, ws } = await reading(await listening());
		ws.push('smc-status', { reader: READER, card: true });
		expect(notice).not.toHaveBeenCalled();
		ws.push('smc-removed');
		expect(notice).toHaveBeenCalledWith({ kind: 'insert', reader: READER });
	});

	it('keeps the frames the agent sends on connecting, before the read is asked for: a card pushed then is read at once, on the same socket', async () => {
		browser();
		const ws = await listening();
		ws.push('smc-status', { reader: READER, card: true });
		ws.push('smc-data', { personal: AGENT_PERSONAL });
		const { read } = await reading(ws);
		expect(read.value).toMatchObject(THE_CARD);
		expect(FakeSocket.all).toHaveLength(1);
		expect(ws.readyState).toBe(3);
	});

	it('does not read a card pushed before the read if it was taken out afterwards', async () => {
		browser();
		const ws = await listening();
		ws.push('smc-status', { reader: READER, card: true });
		ws.push('smc-data', { personal: AGENT_PERSONAL });
		ws.push('smc-removed');
		const { read, notice } = await reading(ws);
		expect(read.settled).toBe(false);
		expect(notice).toHaveBeenCalledWith({ kind: 'insert', reader: READER });
		ws.push('smc-inserted');
		ws.push('smc-data', { personal: AGENT_PERSONAL });
		await flush();
		expect(read.value).toMatchObject(THE_CARD);
	});

	it('a read settled by frames sent before it asks nothing more: no read-now on the closed socket, no notice afterwards', async () => {
		browser();
		const ws = await listening();
		ws.push('smc-data', { personal: AGENT_PERSONAL });
		const { read, notice } = await reading(ws);
		expect(read.value).toMatchObject(THE_CARD);
		await vi.advanceTimersByTimeAsync(60_000);
		expect.soft(notice).not.toHaveBeenCalled();
		expect.soft(ws.sentClosed).toEqual([]);
	});

	it('an smc-error frame fails the read with agent_error', async () => {
		browser();
		const { read, ws } = await reading(await listening());
		ws.push('smc-error', { message: 'SCardConnect failed' });
		await flush();
		expect(codeOf(read)).toBe('agent_error');
	});

	it('the agent closing the connection fails the read with agent_unavailable', async () => {
		browser();
		const { read, ws } = await reading(await listening());
		ws.close();
		await flush();
		expect(codeOf(read)).toBe('agent_unavailable');
	});

	it('no card read within 60 s fails with no_card and closes the connection', async () => {
		browser();
		const { read, ws } = await reading(await listening());
		await vi.advanceTimersByTimeAsync(59_999);
		expect(read.settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(codeOf(read)).toBe('no_card');
		expect(ws.readyState).toBe(3);
	});

	it('a card whose national ID fails its check digit fails with bad_card', async () => {
		browser();
		const { read, ws } = await reading(await listening());
		ws.push('smc-data', { personal: { ...AGENT_PERSONAL, cid: '1103700123459' } });
		await flush();
		expect(codeOf(read)).toBe('bad_card');
	});
});

describe('card agent: the local-network permission', () => {
	it('while the browser asks the person, says so after 600 ms and waits for their answer past the quick 3 s', async () => {
		browser('prompt');
		const notice = vi.fn<(n: CardNotice) => void>();
		const ok = watch(agentListening(AGENT_URL, notice));
		await flush();
		await vi.advanceTimersByTimeAsync(599);
		expect(notice).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(notice).toHaveBeenCalledWith({ kind: 'allow' });
		await vi.advanceTimersByTimeAsync(9_400);
		expect(ok.settled).toBe(false);
		expect(socket().readyState).toBe(0);
		socket().accept();
		await flush();
		expect(ok.value).toBe(true);
		expect(notice).toHaveBeenCalledTimes(1);
		// the read on that connection takes the page on from "press Allow"
		const progress = vi.fn<(f: number) => void>();
		watch(readFromAgent(AGENT_URL, progress, notice));
		await flush();
		expect(progress).toHaveBeenCalledWith(0);
	});

	it.each(['granted', 'unknown'] as const)('with the permission %s, nothing answering within 3 s means no agent (and no allow notice)', async (state) => {
		browser(state);
		const notice = vi.fn<(n: CardNotice) => void>();
		const ok = watch(agentListening(AGENT_URL, notice));
		await flush();
		await vi.advanceTimersByTimeAsync(2_999);
		expect(ok.settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(ok.value).toBe(false);
		expect(socket().readyState).toBe(3);
		expect(notice).not.toHaveBeenCalled();
	});

	it('an agent refusing the connection (permission granted) is no agent, not a blocked one', async () => {
		browser('granted');
		const ok = watch(agentListening(AGENT_URL));
		await flush();
		socket().refuse();
		await flush();
		expect(ok.value).toBe(false);
	});

	it('a refused permission is agent_blocked, without opening a connection', async () => {
		browser('denied');
		const ok = watch(agentListening(AGENT_URL));
		await flush();
		expect(codeOf(ok)).toBe('agent_blocked');
		expect(FakeSocket.all).toHaveLength(0);
	});

	it('refused at the browser’s question (the connection fails, the permission now denied) is agent_blocked', async () => {
		const permission = browser('prompt');
		const ok = watch(agentListening(AGENT_URL));
		await flush();
		await vi.advanceTimersByTimeAsync(5_000);
		permission.state = 'denied';
		socket().refuse();
		await flush();
		expect(codeOf(ok)).toBe('agent_blocked');
	});

	it('readCard with the agent only and the permission refused says agent_blocked, not agent_unavailable', async () => {
		browser('denied');
		const r = watch<{ card: CardData }>(readCard([agentSource(AGENT_URL)], () => {}));
		await flush();
		expect(codeOf(r)).toBe('agent_blocked');
		expect(FakeSocket.all).toHaveLength(0);
	});
});
