/**
 * Where a card can be read from, tried in this order, each detected before it is used:
 * 0. the kiosk shell this page is framed in (an Isolated Web App on a service centre's ChromeOS device: kiosk.ts);
 * 1. WebUSB + our CCID driver with a reader this site may already use (Isolated Web Apps, kiosks, class-0xFF readers;
 *    ordinary pages get SecurityError for a class-0x0B reader, which is remembered for the session);
 * 2. the Web Smart Card API (navigator.smartCard: ChromeOS Isolated Web Apps);
 * 3. the local card agent (go-thai-smartcard protocol over a loopback WebSocket): on an ordinary computer the way
 *    that works, so it is asked before the browser's USB chooser is shown;
 * 4. WebUSB with the browser's chooser, for a reader not yet allowed (only a vendor-class reader can work on an
 *    ordinary page); a chooser closed without a choice is not shown again in the session.
 * Manual entry is always there: the form itself.
 */
/// <reference types="w3c-web-usb" />
import { CardError, type CardData, type CardErrorCode, type CardNotice } from './model';
import { CcidReader, CCID_CLASS, VENDOR_CLASS } from './ccid';
import { readThaiIdCard } from './apdu';
import { readFromAgent, agentListening } from './agent';
import { kioskSource, watchKioskRemoval } from './kiosk';

export { kioskSource };

export interface CardSource {
	id: 'kiosk' | 'webusb' | 'smartcard' | 'agent';
	/** `notice`: what the person must do first (the browser's local-network question, for the agent) */
	detect(notice?: (n: CardNotice) => void): Promise<boolean>;
	/** `notice`: the read waits on the person (a card to put in, or in again): the page says so, not "reading… 0%" */
	read(progress: (f: number) => void, notice?: (n: CardNotice) => void): Promise<CardData>;
}

const BLOCKED_KEY = 'prakan.card.webusb-blocked';
const DISMISSED_KEY = 'prakan.card.chooser-dismissed';
const CARD_WAIT_MS = 15_000;

function remembered(key: string): boolean {
	try {
		return sessionStorage.getItem(key) === '1';
	} catch {
		return false;
	}
}

function remember(key: string): void {
	try {
		sessionStorage.setItem(key, '1');
	} catch {
		// storage off: the question may come again next time
	}
}

const isReader = (d: USBDevice) =>
	d.configurations.some((c) => c.interfaces.some((i) => i.alternates.some((a) => a.interfaceClass === CCID_CLASS || a.interfaceClass === VENDOR_CLASS)));

const webUsbUsable = () => typeof navigator !== 'undefined' && 'usb' in navigator && !!navigator.usb && !remembered(BLOCKED_KEY);

/** A reader this site has been allowed to use before (no chooser). */
async function allowedReader(): Promise<USBDevice | undefined> {
	return (await navigator.usb.getDevices()).find(isReader);
}

async function readWith(device: USBDevice, progress: (f: number) => void, notice?: (n: CardNotice) => void): Promise<CardData> {
	let reader: CcidReader;
	try {
		reader = await CcidReader.open(device);
	} catch (e) {
		if (e instanceof CardError && e.code === 'security') remember(BLOCKED_KEY);
		throw e;
	}
	try {
		if (!(await reader.cardPresent())) {
			notice?.({ kind: 'insert', reader: device.productName ?? '' });
			if (!(await reader.waitForCard(CARD_WAIT_MS))) throw new CardError('no_card');
		}
		const atr = await reader.powerOn();
		return await readThaiIdCard((apdu) => reader.transmit(apdu), { atr, progress });
	} finally {
		await reader.close();
	}
}

export const webUsbSource: CardSource = {
	id: 'webusb',
	async detect() {
		return webUsbUsable() && !!(await allowedReader());
	},
	async read(progress, notice) {
		const device = await allowedReader();
		if (!device) throw new CardError('no_reader');
		return await readWith(device, progress, notice);
	}
};

/**
 * The chooser needs the person's press to be recent (the browser refuses it otherwise, as if the person had said no):
 * after a long wait for the agent, e.g. for Chrome's local-network question, it is not shown, and the agent's error
 * stands.
 */
function pressStillFresh(): boolean {
	const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
	return !activation || activation.isActive;
}

export const webUsbChooserSource: CardSource = {
	id: 'webusb',
	async detect() {
		return webUsbUsable() && !remembered(DISMISSED_KEY) && pressStillFresh();
	},
	async read(progress, notice) {
		let device: USBDevice;
		try {
			device = await navigator.usb.requestDevice({ filters: [{ classCode: CCID_CLASS }, { classCode: VENDOR_CLASS }] });
		} catch (e) {
			if (e instanceof DOMException && e.name === 'SecurityError') throw new CardError('permission');
			// NotFoundError: the chooser was closed, or no reader is plugged in; not asked again this session
			remember(DISMISSED_KEY);
			throw new CardError('no_reader');
		}
		return await readWith(device, progress, notice);
	}
};

/** The Web Smart Card API, as far as this code uses it (WICG/web-smart-card). */
interface SmartCardContext {
	listReaders(): Promise<string[]>;
	getStatusChange(
		states: { readerName: string; currentState: Record<string, boolean> }[],
		opts?: { signal?: AbortSignal }
	): Promise<{ readerName: string; eventState: Record<string, boolean> }[]>;
	connect(reader: string, mode: 'shared' | 'exclusive', opts: { preferredProtocols: ('t0' | 't1')[] }): Promise<{ connection: SmartCardConnection }>;
}
interface SmartCardConnection {
	transmit(apdu: BufferSource): Promise<ArrayBuffer>;
	status?(): Promise<{ answerToReset?: ArrayBuffer }>;
	disconnect(disposition?: string): Promise<void>;
}
type WithSmartCard = Navigator & { smartCard?: { establishContext(): Promise<SmartCardContext> } };

export const smartCardSource: CardSource = {
	id: 'smartcard',
	async detect() {
		return typeof navigator !== 'undefined' && !!(navigator as WithSmartCard).smartCard;
	},
	async read(progress, notice) {
		const api = (navigator as WithSmartCard).smartCard!;
		// no service behind the API (no Smart Card Connector) or no reader: the next source may work
		let ctx: SmartCardContext;
		let readers: string[];
		try {
			ctx = await api.establishContext();
			readers = await ctx.listReaders();
		} catch {
			throw new CardError('no_reader');
		}
		if (!readers.length) throw new CardError('no_reader');
		const readerName = readers[0]!;
		const until = Date.now() + CARD_WAIT_MS;
		// the state we know of, so getStatusChange waits for a change instead of returning at once
		let known: Record<string, boolean> = {};
		for (;;) {
			const signal = AbortSignal.timeout(Math.max(1, until - Date.now()));
			const [state] = await ctx.getStatusChange([{ readerName, currentState: known }], { signal }).catch(() => [null]);
			if (state?.eventState.present) break;
			if (Date.now() >= until) throw new CardError('no_card');
			if (state && !Object.keys(known).length) notice?.({ kind: 'insert', reader: readerName });
			if (state) known = state.eventState;
			else await new Promise((r) => setTimeout(r, 300));
		}
		const { connection } = await ctx.connect(readerName, 'shared', { preferredProtocols: ['t0', 't1'] }).catch((e: unknown) => {
			throw new CardError(e instanceof DOMException && e.name === 'NotAllowedError' ? 'permission' : 'no_card');
		});
		try {
			const st = await connection.status?.().catch(() => undefined);
			const atr = st?.answerToReset ? new Uint8Array(st.answerToReset) : undefined;
			return await readThaiIdCard(async (apdu) => new Uint8Array(await connection.transmit(apdu.slice())), { atr, progress });
		} finally {
			await connection.disconnect('leave').catch(() => {});
		}
	}
};

export function agentSource(url: string): CardSource {
	return { id: 'agent', detect: (notice) => agentListening(url, notice), read: (progress, notice) => readFromAgent(url, progress, notice) };
}

/** Errors after which trying the next source makes sense (this one cannot work here); others need the citizen. */
const FALL_THROUGH: readonly CardErrorCode[] = ['security', 'no_reader', 'agent_unavailable', 'agent_blocked', 'unsupported'];

/**
 * Read with the first source that works. When none does, the error says the most useful thing: an agent the browser
 * may not reach → 'agent_blocked' (allow it); a blocked WebUSB → 'security' (the browser forbids it: install the
 * agent); otherwise no agent → 'agent_unavailable'.
 */
export async function readCard(
	sources: readonly CardSource[],
	progress: (f: number, source: CardSource['id']) => void,
	notice?: (n: CardNotice) => void
): Promise<{ card: CardData; source: CardSource['id'] }> {
	const seen: CardErrorCode[] = [];
	for (const s of sources) {
		let there: boolean;
		try {
			there = await s.detect(notice);
		} catch (e) {
			if (e instanceof CardError && FALL_THROUGH.includes(e.code)) seen.push(e.code);
			continue;
		}
		if (!there) continue;
		try {
			return { card: await s.read((f) => progress(f, s.id), notice), source: s.id };
		} catch (e) {
			const err = e instanceof CardError ? e : new CardError('io', String(e));
			if (!FALL_THROUGH.includes(err.code)) throw err;
			seen.push(err.code);
		}
	}
	if (seen.includes('agent_blocked')) throw new CardError('agent_blocked');
	if (seen.includes('security')) throw new CardError('security');
	// on an ordinary computer the agent is the way that works: say how to get it
	if (sources.some((s) => s.id === 'agent')) throw new CardError('agent_unavailable');
	throw new CardError(seen.includes('no_reader') ? 'no_reader' : 'unsupported');
}

/** How often the reader is asked whether the card is still in (WebUSB, Web Smart Card API). */
const PRESENCE_POLL_MS = 1_000;

/**
 * Watch for the card being taken out of the reader it was read from (the officer's screen clears then).
 * WebUSB: the slot status, polled; Web Smart Card API: the reader's state, polled; the agent: its smc-removed event;
 * the kiosk shell: its message (it watches the reader itself).
 * A reader that cannot be asked (unplugged, taken by another program) counts as the card gone. Returns a stop function,
 * whose promise settles once no question is left with the reader (a read that follows must not share the device with one).
 */
export function watchRemoval(source: CardSource['id'], agentUrl: string, onRemoved: () => void): () => Promise<void> {
	let stopped = false;
	let fired = false;
	const removed = () => {
		if (stopped || fired) return;
		fired = true;
		onRemoved();
	};
	if (source === 'kiosk') {
		const stop = watchKioskRemoval(removed);
		return async () => {
			stopped = true;
			stop();
		};
	}
	if (source === 'agent') {
		let ws: WebSocket | null = null;
		try {
			ws = new WebSocket(agentUrl);
			ws.onmessage = (ev) => {
				try {
					const msg = JSON.parse(String(ev.data)) as { event?: string; payload?: { card?: boolean } };
					if (msg.event === 'smc-removed' || (msg.event === 'smc-status' && msg.payload?.card === false)) removed();
				} catch {
					// not a frame of the agent's protocol
				}
			};
			ws.onopen = () => ws?.send(JSON.stringify({ action: 'get-status' }));
			// the agent stopped (or never answered): nobody can say the card is still in, so it counts as gone
			ws.onclose = removed;
			ws.onerror = removed;
		} catch {
			removed();
		}
		return async () => {
			stopped = true;
			ws?.close();
		};
	}
	const present = async (): Promise<boolean> => {
		if (source === 'webusb') {
			const dev = await allowedReader();
			if (!dev) return false;
			const reader = await CcidReader.open(dev);
			try {
				return await reader.cardPresent();
			} finally {
				await reader.close();
			}
		}
		const ctx = await (navigator as WithSmartCard).smartCard!.establishContext();
		const [readerName] = await ctx.listReaders();
		if (!readerName) return false;
		const [state] = await ctx.getStatusChange([{ readerName, currentState: {} }], { signal: AbortSignal.timeout(PRESENCE_POLL_MS) });
		return !!state?.eventState.present;
	};
	let asking: Promise<boolean> | null = null;
	const loop = async () => {
		while (!stopped && !fired) {
			await new Promise((r) => setTimeout(r, PRESENCE_POLL_MS));
			if (stopped) return;
			asking = present().catch(() => false);
			const there = await asking;
			asking = null;
			if (!there) removed();
		}
	};
	void loop();
	return async () => {
		stopped = true;
		await asking;
	};
}
