/**
 * A CCID (USB smart-card reader) driver over WebUSB, written from the CCID 1.1 message formats as libccid uses
 * them (thai-id-card.md §2). It only runs where the browser lets a page claim the reader's interface: ordinary
 * pages get SecurityError for class 0x0B (reported as CardError 'security'), Isolated Web Apps with
 * usb-unrestricted and class-0xFF readers do not.
 */
/// <reference types="w3c-web-usb" />
import { CardError } from './model';
import { concat, PHOTO_CHUNK, PHOTO_CHUNKS, PHOTO_OFFSET } from './apdu';

export const CCID_CLASS = 0x0b;
export const VENDOR_CLASS = 0xff;

export const MSG = {
	SetParameters: 0x61,
	IccPowerOn: 0x62,
	IccPowerOff: 0x63,
	GetSlotStatus: 0x65,
	XfrBlock: 0x6f,
	Abort: 0x72,
	DataBlock: 0x80,
	SlotStatus: 0x81,
	Parameters: 0x82,
	NotifySlotChange: 0x50
} as const;

export const FEATURE = {
	AUTO_PARAMS_FROM_ATR: 0x02,
	AUTO_VOLTAGE: 0x08,
	AUTO_NEGOTIATION: 0x40,
	AUTO_PPS: 0x80,
	LEVEL_MASK: 0x70000,
	TPDU: 0x10000,
	SHORT_APDU: 0x20000,
	EXTENDED_APDU: 0x40000
} as const;

export interface CcidInterface {
	interfaceNumber: number;
	bulkIn: number;
	bulkOut: number;
	interruptIn: number | null;
	features: number;
	maxMessageLength: number;
	voltageSupport: number;
}

/**
 * How long one command may wait for its reply. A card asking for more time sends a time extension, and each one
 * gives the command this long again (libccid waits as long as the card keeps asking), so the bound is time, not frames.
 */
const READ_TIMEOUT_MS = 10_000;

/** The class request that starts an abort on the control pipe (CCID 1.1 §5.3.1); the bulk PC_to_RDR_Abort follows. */
const ABORT_REQUEST = 0x01;

const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

type Found = Partial<CcidInterface> & { cls: number; classAt: number | null };

/** The CCID interface of a configuration descriptor (class 0x0B, or 0xFF followed by a 54-byte class descriptor) and where its class descriptor starts. */
function findCcid(d: Uint8Array): Found | null {
	let i = 0;
	let current: Found | null = null;
	const found: Found[] = [];
	while (i + 2 <= d.length) {
		const len = d[i]!;
		const type = d[i + 1]!;
		if (len < 2) break;
		if (type === 0x04) {
			current = { interfaceNumber: d[i + 2]!, cls: d[i + 5]!, classAt: null, interruptIn: null };
			found.push(current);
		} else if (type === 0x21 && current && len === 54 && i + len <= d.length) {
			current.classAt = i;
			current.voltageSupport = d[i + 5]!;
			current.features = u32(d, i + 40);
			current.maxMessageLength = u32(d, i + 44);
		} else if (type === 0x05 && current) {
			const addr = d[i + 2]!;
			const kind = d[i + 3]! & 0x03;
			const num = addr & 0x0f;
			if (kind === 2 && addr & 0x80) current.bulkIn = num;
			else if (kind === 2) current.bulkOut = num;
			else if (kind === 3 && addr & 0x80) current.interruptIn = num;
		}
		i += len;
	}
	return found.find((f) => f.classAt !== null && (f.cls === CCID_CLASS || f.cls === VENDOR_CLASS) && f.bulkIn && f.bulkOut) ?? null;
}

/** Find the CCID interface in a configuration descriptor: class 0x0B, or 0xFF followed by a 54-byte class descriptor. */
export function parseConfigDescriptor(d: Uint8Array): CcidInterface | null {
	const ccid = findCcid(d);
	if (!ccid) return null;
	return {
		interfaceNumber: ccid.interfaceNumber!,
		bulkIn: ccid.bulkIn!,
		bulkOut: ccid.bulkOut!,
		interruptIn: ccid.interruptIn ?? null,
		features: ccid.features!,
		maxMessageLength: Math.max(ccid.maxMessageLength!, 271),
		voltageSupport: ccid.voltageSupport!
	};
}

/** The reader's clock and data rates, from its CCID class descriptor (CCID 1.1 §5.1). */
export interface ReaderRates {
	/** dwDefaultClock, kHz: the clock the card runs at */
	defaultClock: number;
	/** dwMaximumClock, kHz */
	maximumClock: number;
	/** dwDataRate, bit/s: the default rate (Fi/Di 0x11 at the default clock) */
	dataRate: number;
	/** dwMaxDataRate, bit/s: the fastest the reader can talk to a card */
	maxDataRate: number;
	/** bNumDataRatesSupported: 0 = any rate up to the maximum, else a list the reader gives with GET_DATA_RATES */
	numDataRates: number;
}

/** The clock and data-rate fields of the CCID class descriptor (byte offsets 10, 14, 19, 23 and 27, little-endian). */
export function parseReaderRates(d: Uint8Array): ReaderRates | null {
	const at = findCcid(d)?.classAt;
	if (at === null || at === undefined) return null;
	return { defaultClock: u32(d, at + 10), maximumClock: u32(d, at + 14), dataRate: u32(d, at + 19), maxDataRate: u32(d, at + 23), numDataRates: d[at + 27]! };
}

/*
 * The card's speed. After the ATR a card talks at Fi/Di 0x11 (F = 372, D = 1: about 10 kbit/s at 4 MHz); TA1 says how fast
 * it can go. A card in negotiable mode (no TA2) is switched by a PPS exchange (ISO/IEC 7816-3 §9), and the reader then
 * told the new Fi/Di with SetParameters; a card in specific mode (TA2) already works with TA1's values. The choice of
 * speed and who does the PPS follow libccid (ifdhandler.c IFDHSetProtocolParameters, towitoko/pps.c).
 */

/** F and D by the FI and DI codes of TA1 or PPS1 (ISO/IEC 7816-3 tables 7 and 8); 0 = reserved for future use. */
const F_TABLE = [372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0] as const;
const D_TABLE = [0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0] as const;

/** Fi/Di of every card after its ATR (F = 372, D = 1). */
export const DEFAULT_FIDI = 0x11;

/** What this driver takes from an Answer To Reset (ISO/IEC 7816-3 §8). */
export interface Atr {
	/** TS 0x3F: inverse convention (0x3B: direct) */
	inverse: boolean;
	/** TA1 as sent, null when absent */
	ta1: number | null;
	/** the Fi/Di the card can work at: TA1, or 0x11 when TA1 is absent or codes a reserved F or D */
	fidi: number;
	/** TC1: extra guard time N (0 when absent) */
	guardTime: number;
	/** TC2: the waiting integer WI of T=0 (10 when absent; 0 is reserved and read as 10) */
	wi: number;
	/** the protocols offered, the default first (T=0 when no TDi names one); in specific mode only that of TA2 */
	protocols: number[];
	/** TA2: the card is in specific mode for protocol T=`protocol`; `implicit` (b5): its parameters are not TA1's */
	specific: { protocol: number; implicit: boolean } | null;
	/** T=1 only: IFSC (the first TAi, i ≥ 3, for T=1; default 32), BWI and CWI (the first TBi; 4 and 13), CRC (the first TCi, b1) */
	t1: { ifsc: number; bwi: number; cwi: number; crc: boolean };
	historical: Uint8Array;
}

const fOf = (fidi: number) => F_TABLE[(fidi >> 4) & 0x0f]!;
const dOf = (fidi: number) => D_TABLE[fidi & 0x0f]!;

/** Parse an ATR; null when it is malformed (TS neither 0x3B nor 0x3F, or shorter than its own T0 and TDi say). */
export function parseAtr(atr: Uint8Array): Atr | null {
	if (atr.length < 2 || (atr[0] !== 0x3b && atr[0] !== 0x3f)) return null;
	// interface bytes by group i = 1, 2, …: TAi TBi TCi TDi, present as bits 5–8 of T0 (for group 1) or of TD(i−1); the
	// bytes of group i ≥ 2 are for the protocol TD(i−1) names
	const groups: { t: number | null; ta?: number; tb?: number; tc?: number; td?: number }[] = [];
	let y = atr[1]! >> 4;
	let t: number | null = null;
	let p = 2;
	for (;;) {
		const g: (typeof groups)[number] = { t };
		for (const [bit, key] of [
			[1, 'ta'],
			[2, 'tb'],
			[4, 'tc'],
			[8, 'td']
		] as const) {
			if (!(y & bit)) continue;
			if (p >= atr.length) return null;
			g[key] = atr[p++]!;
		}
		groups.push(g);
		if (g.td === undefined) break;
		y = g.td >> 4;
		t = g.td & 0x0f;
	}
	const named = groups.flatMap((g) => (g.td !== undefined && (g.td & 0x0f) !== 0x0f ? [g.td & 0x0f] : []));
	// TCK follows the historical bytes unless T=0 is the only protocol indicated
	const tck = named.some((n) => n !== 0) ? 1 : 0;
	const k = atr[1]! & 0x0f;
	if (p + k + tck > atr.length) return null;
	const [g1, g2] = groups;
	const ta1 = g1!.ta ?? null;
	const ta2 = g2?.ta;
	const specific = ta2 === undefined ? null : { protocol: ta2 & 0x0f, implicit: (ta2 & 0x10) !== 0 };
	const t1Group = (key: 'ta' | 'tb' | 'tc') => groups.slice(2).find((g) => g.t === 1 && g[key] !== undefined)?.[key];
	const bwiCwi = t1Group('tb') ?? 0x4d;
	return {
		inverse: atr[0] === 0x3f,
		ta1,
		fidi: ta1 !== null && fOf(ta1) && dOf(ta1) ? ta1 : DEFAULT_FIDI,
		guardTime: g1!.tc ?? 0,
		wi: g2?.tc || 10,
		protocols: specific ? [specific.protocol] : named.length ? [...new Set(named)] : [0],
		specific,
		t1: { ifsc: Math.min(t1Group('ta') ?? 32, 254), bwi: bwiCwi >> 4, cwi: bwiCwi & 0x0f, crc: ((t1Group('tc') ?? 0) & 0x01) === 1 },
		historical: atr.slice(p, p + k)
	};
}

/** The bit rate of `fidi` at a clock of `clockKhz`, as libccid counts it (1000 × clock × D / F, truncated); 0 for a reserved code. */
export function baudRate(fidi: number, clockKhz: number): number {
	const f = fOf(fidi);
	const d = dOf(fidi);
	return f && d ? Math.floor((1000 * clockKhz * d) / f) : 0;
}

/**
 * The Fi/Di to ask a card in negotiable mode for, as libccid chooses it: TA1 when it is faster than the default and
 * within the reader's dwMaxDataRate; a card with F = 512 too fast for the reader (TA1 0x95–0x97) is offered a smaller D,
 * down to 0x94; otherwise the default 0x11. libccid also asks a reader that announces a list of data rates
 * (bNumDataRatesSupported ≠ 0) for it with GET_DATA_RATES and takes only a rate on it: not done here, the maximum is
 * the only bound.
 */
export function chooseFiDi(atr: Atr, rates: Pick<ReaderRates, 'defaultClock' | 'maxDataRate'>): number {
	if (atr.ta1 === null) return DEFAULT_FIDI;
	const card = baudRate(atr.fidi, rates.defaultClock);
	if (card > baudRate(DEFAULT_FIDI, rates.defaultClock) && card <= rates.maxDataRate) return atr.fidi;
	// libccid's margin of 2 bit/s for the rounding of a rate the reader announces
	if (card > rates.maxDataRate + 2 && atr.fidi <= 0x97) {
		for (let fidi = atr.fidi - 1; fidi >= 0x94; fidi--) if (baudRate(fidi, rates.defaultClock) <= rates.maxDataRate) return fidi;
	}
	return DEFAULT_FIDI;
}

/** A PPS request for protocol T=`protocol` with PPS1 = `fidi`: PPSS 0xFF, PPS0 (0x10: PPS1 follows), PPS1, PCK (all bytes XOR to 0). */
export function ppsRequest(protocol: number, fidi: number): Uint8Array {
	const req = [0xff, 0x10 | (protocol & 0x0f), fidi];
	return new Uint8Array([...req, req.reduce((a, b) => a ^ b, 0)]);
}

/**
 * The Fi/Di a PPS answer agrees to, or null when the exchange failed (ISO/IEC 7816-3 §9.3): the answer must be a
 * well-formed PPS (PPSS 0xFF, the length PPS0 announces, a right PCK) for the same protocol, with no parameter the
 * request did not have; PPS1 echoed → that Fi/Di, PPS1 left out → the card stays at the default 0x11 (libccid's
 * PPS_Match accepts the same answers).
 */
export function ppsConfirmed(request: Uint8Array, answer: Uint8Array): number | null {
	if (answer.length < 3 || answer[0] !== 0xff) return null;
	const pps0 = answer[1]!;
	const length = 3 + [0x10, 0x20, 0x40].filter((b) => pps0 & b).length;
	if (answer.length !== length || answer.reduce((a, b) => a ^ b, 0) !== 0) return null;
	if ((pps0 & 0x0f) !== (request[1]! & 0x0f) || pps0 & 0x70 & ~request[1]!) return null;
	if (!(pps0 & 0x10)) return DEFAULT_FIDI;
	return answer[2] === request[2] ? answer[2]! : null;
}

/** The T=0 protocol data structure of SetParameters (CCID 1.1 §6.1.7): bmFindexDindex, bmTCCKST0, bGuardTimeT0, bWaitingIntegerT0, bClockStop. */
export function t0Parameters(atr: Atr | null, fidi: number): Uint8Array<ArrayBuffer> {
	// bmTCCKST0 b1: inverse convention; the guard time is TC1, the waiting integer TC2, and the clock is never stopped
	return new Uint8Array([fidi, atr?.inverse ? 0x02 : 0x00, atr?.guardTime ?? 0, atr?.wi ?? 10, 0x00]);
}

/**
 * How the link to the card was set up: `reader`, by the reader itself (APDU level, or automatic parameter negotiation),
 * Fi/Di not known here; `default`, at 0x11 (the ATR asks no more, or the reader cannot go faster); `pps`, a PPS by this
 * driver then SetParameters; `reader-pps`, SetParameters, the reader making the PPS; `specific`, the card's own TA1
 * (specific mode); `reset`, the card re-powered after a failed PPS and used at 0x11.
 */
export type LinkSetup = 'reader' | 'default' | 'pps' | 'reader-pps' | 'specific' | 'reset';

export interface Link {
	how: LinkSetup;
	/** bmFindexDindex in use (null: the reader's business) */
	fidi: number | null;
	/** its bit rate at the reader's default clock (null: not known) */
	baud: number | null;
}

/** Read the whole configuration descriptor (WebUSB does not expose the CCID class descriptor). */
export async function readConfigDescriptor(dev: USBDevice): Promise<Uint8Array> {
	const setup = { requestType: 'standard', recipient: 'device', request: 0x06, value: 0x0200, index: 0 } as const;
	const head = await dev.controlTransferIn(setup, 9);
	if (!head.data || head.data.byteLength < 4) throw new CardError('io', 'no configuration descriptor');
	const total = head.data.getUint16(2, true);
	const all = await dev.controlTransferIn(setup, total);
	return new Uint8Array(all.data!.buffer, all.data!.byteOffset, all.data!.byteLength);
}

export interface Reply {
	type: number;
	slot: number;
	seq: number;
	status: number;
	error: number;
	extra: number;
	data: Uint8Array;
}

export function header(type: number, length: number, seq: number, b7 = 0, b8 = 0, b9 = 0): Uint8Array<ArrayBuffer> {
	return new Uint8Array([type, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, (length >>> 24) & 0xff, 0, seq, b7, b8, b9]);
}

const ICC_ERRORS: Record<number, 'no_card' | 'io'> = { 0xfe: 'no_card', 0xf8: 'no_card', 0xf7: 'no_card' };

export interface ReaderOptions {
	/** how long a command waits for a reply before it is aborted (each time extension gives it this long again) */
	readTimeoutMs?: number;
}

interface Trace {
	start: number;
	linked: number;
	last: number | null;
	commands: number;
	photo: { start: number; end: number; reads: number } | null;
	inPhoto: boolean;
}

const LINK_WORDS: Record<LinkSetup, string> = {
	reader: 'set by the reader',
	default: '(default)',
	pps: 'after PPS',
	'reader-pps': 'after the reader’s PPS',
	specific: '(card in specific mode)',
	reset: '(default, after a failed PPS and a reset)'
};

const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

export class CcidReader {
	private seq = 0;
	atr: Uint8Array | null = null;
	/**
	 * A bulk-IN read still outstanding after its command gave up: WebUSB cannot cancel it, and it would take the next
	 * reply, so the next read is this one.
	 */
	private pendingIn: Promise<USBInTransferResult> | null = null;
	/** The sequence number of a command that got no reply in time: aborted before anything else is sent. */
	private unanswered: number | null = null;
	private readonly readTimeoutMs: number;
	/** How the link to the powered card was set up (null before powerOn). */
	link: Link | null = null;
	/** When the card was powered, the link set up, the last reply came, and the photo's READ BINARYs (for the debug line). */
	private trace: Trace | null = null;

	private constructor(
		readonly device: USBDevice,
		readonly ccid: CcidInterface,
		readonly rates: ReaderRates,
		opts: ReaderOptions = {}
	) {
		this.readTimeoutMs = opts.readTimeoutMs ?? READ_TIMEOUT_MS;
	}

	get level(): number {
		return this.ccid.features & FEATURE.LEVEL_MASK;
	}

	/** Open, find the CCID interface and claim it. SecurityError (protected class) → CardError('security'). */
	static async open(device: USBDevice, opts: ReaderOptions = {}): Promise<CcidReader> {
		try {
			await device.open();
			if (!device.configuration) await device.selectConfiguration(1);
		} catch (e) {
			throw new CardError(e instanceof DOMException && e.name === 'SecurityError' ? 'security' : 'no_reader', e instanceof Error ? e.message : String(e));
		}
		const descriptor = await readConfigDescriptor(device);
		const ccid = parseConfigDescriptor(descriptor);
		const rates = parseReaderRates(descriptor);
		if (!ccid || !rates) throw new CardError('no_reader', 'not a CCID reader');
		try {
			await device.claimInterface(ccid.interfaceNumber);
		} catch (e) {
			await device.close().catch(() => {});
			if (e instanceof DOMException && e.name === 'SecurityError') throw new CardError('security', e.message);
			// the operating system's driver holds the reader (Windows without WinUSB, macOS, pcscd): another source may work
			throw new CardError('no_reader', e instanceof Error ? e.message : String(e));
		}
		return new CcidReader(device, ccid, rates, opts);
	}

	/**
	 * One command, one reply: bSeq checked (stale frames dropped), time extensions waited out, long replies joined.
	 * A failed command throws, unless `raw` (GetSlotStatus: "failed, no card" is an answer, not an error).
	 */
	async exchange(type: number, payload: Uint8Array = new Uint8Array(), b7 = 0, b8 = 0, b9 = 0, raw = false): Promise<Reply> {
		if (this.unanswered !== null) await this.abort(this.unanswered);
		const seq = this.seq;
		this.seq = (this.seq + 1) & 0xff;
		await this.device.transferOut(this.ccid.bulkOut, concat([header(type, payload.length, seq, b7, b8, b9), payload]));
		let deadline = Date.now() + this.readTimeoutMs;
		for (;;) {
			let r: Reply;
			try {
				r = await this.readFrame(deadline);
			} catch (e) {
				// no reply in time (its read is still outstanding): the reader may still be busy with the command, so it is
				// aborted before the next one (and before IccPowerOff)
				if (this.pendingIn) this.unanswered = seq;
				throw e;
			}
			if (r.seq !== seq) continue; // a stale frame from an earlier command
			const commandStatus = r.status >> 6;
			if (commandStatus === 2) {
				// time extension: the card is still working, and has as long again
				deadline = Date.now() + this.readTimeoutMs;
				continue;
			}
			if (commandStatus === 1 && !raw) {
				if ((r.status & 0x03) === 2) throw new CardError('no_card');
				throw new CardError(ICC_ERRORS[r.error] ?? 'io', `CCID error ${r.error.toString(16)}`);
			}
			return r;
		}
	}

	/**
	 * CCID abort of the command `seq` (§5.3.1): the class request on the control pipe, then PC_to_RDR_Abort with the same
	 * sequence number on the bulk pipe; the reader answers the latter with a slot status, and every frame before it
	 * (the late reply of the aborted command) is dropped.
	 */
	private async abort(seq: number): Promise<void> {
		await this.device.controlTransferOut({
			requestType: 'class',
			recipient: 'interface',
			request: ABORT_REQUEST,
			value: (seq << 8) | 0,
			index: this.ccid.interfaceNumber
		});
		await this.device.transferOut(this.ccid.bulkOut, header(MSG.Abort, 0, seq));
		const deadline = Date.now() + this.readTimeoutMs;
		for (;;) {
			const r = await this.readFrame(deadline);
			if (r.type === MSG.SlotStatus && r.seq === seq) break;
		}
		this.unanswered = null;
	}

	/**
	 * One bulk-IN read, until `deadline` at the latest (WebUSB has no timeout of its own). A read that runs out of time
	 * stays outstanding and is the next one awaited, since it will take the next frame the reader sends.
	 */
	private async transferIn(deadline: number): Promise<USBInTransferResult> {
		const read = this.pendingIn ?? this.device.transferIn(this.ccid.bulkIn, this.ccid.maxMessageLength);
		this.pendingIn = read;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>(
			(_, reject) => (timer = setTimeout(() => reject(new CardError('io', 'reader timeout')), Math.max(0, deadline - Date.now())))
		);
		try {
			const res = await Promise.race([read, timeout]);
			this.pendingIn = null;
			return res;
		} finally {
			clearTimeout(timer);
		}
	}

	private async readFrame(deadline: number): Promise<Reply> {
		const parts: Uint8Array[] = [];
		let got = 0;
		let need = 10;
		let empty = 0;
		while (got < need) {
			const res = await this.transferIn(deadline);
			if (res.status === 'stall') {
				await this.device.clearHalt('in', this.ccid.bulkIn).catch(() => {});
				throw new CardError('io', 'bulk-IN stalled');
			}
			// more than the reader may send in one transfer: its data is not a frame, nor the start of one
			if (res.status === 'babble') throw new CardError('io', 'bulk-IN babble');
			if (!res.data || res.data.byteLength === 0) {
				if (++empty > 3) throw new CardError('io', 'no data from the reader');
				continue;
			}
			const part = new Uint8Array(res.data.buffer, res.data.byteOffset, res.data.byteLength);
			parts.push(part);
			got += part.length;
			if (got >= 10) need = 10 + u32(concat(parts), 1);
			if (need > this.ccid.maxMessageLength + 10) throw new CardError('io', 'reply longer than the reader can send');
		}
		const f = concat(parts);
		return { type: f[0]!, slot: f[5]!, seq: f[6]!, status: f[7]!, error: f[8]!, extra: f[9]!, data: f.slice(10, need) };
	}

	/** Is there a card in slot 0? (bmICCStatus 0 = active, 1 = present and inactive, 2 = absent) */
	async cardPresent(): Promise<boolean> {
		// with no card, readers answer "command failed, ICC mute" (libccid accepts that as a status)
		const r = await this.exchange(MSG.GetSlotStatus, undefined, 0, 0, 0, true);
		return (r.status & 0x03) !== 2;
	}

	/** Wait for a card: NotifySlotChange on the interrupt endpoint when there is one, else poll the slot status. */
	async waitForCard(timeoutMs: number): Promise<boolean> {
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			if (await this.cardPresent()) return true;
			if (this.ccid.interruptIn !== null) {
				const ev = await Promise.race([
					this.device.transferIn(this.ccid.interruptIn, 8),
					new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, until - Date.now())))
				]);
				if (ev && ev.data && ev.data.getUint8(0) === MSG.NotifySlotChange && ev.data.getUint8(1) & 0x01) return true;
			} else await new Promise((r) => setTimeout(r, 400));
		}
		return false;
	}

	/**
	 * Power the card and set up the link. A TPDU reader is told the card's parameters with SetParameters, after a PPS
	 * when the card can go faster than the default (made by the reader when it makes PPS itself, dwFeatures 0x80); a
	 * reader that negotiates by itself (0x40) and an APDU-level reader are left to it. As in libccid, "automatic
	 * parameter configuration based on ATR data" (0x02) changes nothing: such readers (ACR39U) get SetParameters too.
	 */
	async powerOn(): Promise<Uint8Array> {
		const start = performance.now();
		this.trace = null;
		const atr = await this.activate();
		this.link = await this.setUpLink(atr);
		this.trace = { start, linked: performance.now(), last: null, commands: 0, photo: null, inPhoto: false };
		return this.atr!;
	}

	/** IccPowerOn: automatic voltage, else the supported ones from 5 V down, as libccid does (5 V, 3 V, 1.8 V). */
	private async activate(): Promise<Uint8Array> {
		this.atr = null;
		const auto = this.ccid.features & FEATURE.AUTO_VOLTAGE;
		const choices = auto ? [0] : [1, 2, 3].filter((v) => this.ccid.voltageSupport & ({ 1: 1, 2: 2, 3: 4 } as Record<number, number>)[v]!);
		let last: unknown;
		for (const power of choices.length ? choices : [0]) {
			try {
				const r = await this.exchange(MSG.IccPowerOn, new Uint8Array(), power);
				this.atr = r.data;
				break;
			} catch (e) {
				last = e;
				if (e instanceof CardError && e.code === 'no_card' && power === 0) throw e;
			}
		}
		if (!this.atr) throw last instanceof CardError ? last : new CardError('no_card');
		return this.atr;
	}

	private async setUpLink(raw: Uint8Array): Promise<Link> {
		if (this.level !== FEATURE.TPDU || this.ccid.features & FEATURE.AUTO_NEGOTIATION) return { how: 'reader', fidi: null, baud: null };
		const atr = parseAtr(raw);
		const link = (how: LinkSetup, fidi: number): Link => ({ how, fidi, baud: baudRate(fidi, this.rates.defaultClock) || null });
		// a malformed ATR, or one asking nothing faster: the default parameters, as before there was negotiation
		if (!atr || atr.ta1 === null) return link('default', await this.setParameters(t0Parameters(atr, DEFAULT_FIDI), true));
		if (atr.specific) {
			// specific mode: no PPS, the card already works with TA1's Fi/Di (b5 = 0); with implicit parameters (b5 = 1,
			// which libccid rejects) only the default can be tried
			if (atr.specific.implicit) return link('default', await this.setParameters(t0Parameters(atr, DEFAULT_FIDI), true));
			if (baudRate(atr.fidi, this.rates.defaultClock) > this.rates.maxDataRate)
				throw new CardError('unsupported', 'the card’s fixed speed is beyond the reader');
			return link('specific', await this.setParameters(t0Parameters(atr, atr.fidi), atr.fidi === DEFAULT_FIDI));
		}
		const wanted = chooseFiDi(atr, this.rates);
		if (wanted === DEFAULT_FIDI) return link('default', await this.setParameters(t0Parameters(atr, DEFAULT_FIDI), true));
		try {
			// the reader makes the PPS itself for the Fi/Di it is set to, and answers with the one it got
			if (this.ccid.features & FEATURE.AUTO_PPS) return link('reader-pps', await this.setParameters(t0Parameters(atr, wanted), false));
			const agreed = await this.pps(wanted);
			const fidi = await this.setParameters(t0Parameters(atr, agreed), agreed === DEFAULT_FIDI);
			// the card now talks at the agreed speed: a reader at another is no use
			if (fidi !== agreed) throw new CardError('io', `the reader took Fi/Di ${hex(fidi)}, not ${hex(agreed)}`);
			return link('pps', fidi);
		} catch {
			// ISO/IEC 7816-3 §9.3: after an unsuccessful PPS the interface device resets or rejects the card. libccid returns
			// a PPS failure, on which pcsc-lite rejects the card (SCARD_W_UNRESPONSIVE_CARD); here the card is powered off and
			// on again and used at the default speed, which every card accepts after its ATR. No PPS the second time.
			await this.exchange(MSG.IccPowerOff);
			const again = await this.activate();
			await this.setParameters(t0Parameters(parseAtr(again), DEFAULT_FIDI), true);
			return link('reset', DEFAULT_FIDI);
		}
	}

	/** The PPS exchange (sent as the bytes of an XfrBlock, as libccid does at TPDU level); the Fi/Di the card agreed to. */
	private async pps(fidi: number): Promise<number> {
		const request = ppsRequest(0, fidi);
		const answer = (await this.exchange(MSG.XfrBlock, request)).data;
		const agreed = ppsConfirmed(request, answer);
		if (agreed === null) throw new CardError('io', 'PPS not confirmed');
		return agreed;
	}

	/**
	 * SetParameters for T=0; returns the bmFindexDindex the reader answers it uses. `lenient` (the default speed): like
	 * libccid, "command not supported" (bError 0) or a parameter the reader cannot change (1–127) leaves the reader as it
	 * was, at the default, and the card is used so.
	 */
	private async setParameters(params: Uint8Array, lenient: boolean): Promise<number> {
		const r = await this.exchange(MSG.SetParameters, params, 0x00, 0, 0, true);
		if (r.status >> 6 === 1) {
			if ((r.status & 0x03) === 2) throw new CardError('no_card');
			if (lenient && r.error < 0x80) return DEFAULT_FIDI;
			throw new CardError(ICC_ERRORS[r.error] ?? 'io', `SetParameters: CCID error ${r.error.toString(16)}`);
		}
		return r.type === MSG.Parameters && r.data.length >= 1 ? r.data[0]! : params[0]!;
	}

	/** Send an APDU (already a valid T=0 TPDU for the Thai card's commands) and return the reply with SW1 SW2. */
	async transmit(apdu: Uint8Array): Promise<Uint8Array> {
		this.note(apdu);
		const r = await this.exchange(MSG.XfrBlock, apdu);
		if (this.trace) {
			this.trace.last = performance.now();
			if (this.trace.inPhoto) this.trace.photo!.end = this.trace.last;
		}
		return r.data;
	}

	/** Count the command; a READ BINARY in the photo's range (and the GET RESPONSEs after it) is the photo's time. */
	private note(apdu: Uint8Array): void {
		const t = this.trace;
		if (!t) return;
		t.commands++;
		if (apdu[0] === 0x80 && apdu[1] === 0xb0 && apdu.length >= 4) {
			const offset = ((apdu[2]! & 0x7f) << 8) | apdu[3]!;
			t.inPhoto = offset >= PHOTO_OFFSET && offset < PHOTO_OFFSET + PHOTO_CHUNKS * PHOTO_CHUNK;
			if (t.inPhoto) {
				const now = performance.now();
				t.photo ??= { start: now, end: now, reads: 0 };
				t.photo.reads++;
			}
		} else if (apdu[1] !== 0xc0) t.inPhoto = false;
	}

	/** One debug line on how long the card took and at what speed (nothing read from the card goes in it). */
	private logTimings(): void {
		const t = this.trace;
		if (!t || t.last === null) return;
		const ms = (from: number, to: number) => `${Math.round(to - from)} ms`;
		const photo = t.photo ? `photo ${ms(t.photo.start, t.photo.end)} in ${t.photo.reads} reads` : 'no photo';
		const l = this.link;
		const speed =
			!l || l.fidi === null
				? 'speed set by the reader'
				: `Fi/Di ${hex(l.fidi)} ${LINK_WORDS[l.how]}${l.baud ? `, ${l.baud} bit/s at ${this.rates.defaultClock} kHz` : ''}`;
		console.debug(`card read in ${ms(t.start, t.last)} (power-on ${ms(t.start, t.linked)}, ${t.commands} commands, ${photo}); ${speed}`);
	}

	async close(): Promise<void> {
		this.logTimings();
		this.trace = null;
		try {
			await this.exchange(MSG.IccPowerOff);
		} catch {
			// the card may be gone already
		}
		await this.device.releaseInterface(this.ccid.interfaceNumber).catch(() => {});
		await this.device.close().catch(() => {});
	}
}
