/**
 * A CCID (USB smart-card reader) driver over WebUSB, written from the CCID 1.1 message formats as libccid uses
 * them (thai-id-card.md §2). It only runs where the browser lets a page claim the reader's interface: ordinary
 * pages get SecurityError for class 0x0B (reported as CardError 'security'), Isolated Web Apps with
 * usb-unrestricted and class-0xFF readers do not.
 */
/// <reference types="w3c-web-usb" />
import { CardError } from './model';
import { concat } from './apdu';

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

/** Find the CCID interface in a configuration descriptor: class 0x0B, or 0xFF followed by a 54-byte class descriptor. */
export function parseConfigDescriptor(d: Uint8Array): CcidInterface | null {
	let i = 0;
	let current: (Partial<CcidInterface> & { cls: number; hasCcid: boolean }) | null = null;
	const found: (Partial<CcidInterface> & { cls: number; hasCcid: boolean })[] = [];
	while (i + 2 <= d.length) {
		const len = d[i]!;
		const type = d[i + 1]!;
		if (len < 2) break;
		if (type === 0x04) {
			current = { interfaceNumber: d[i + 2]!, cls: d[i + 5]!, hasCcid: false, interruptIn: null };
			found.push(current);
		} else if (type === 0x21 && current && len === 54) {
			current.hasCcid = true;
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
	const ccid = found.find((f) => f.hasCcid && (f.cls === CCID_CLASS || f.cls === VENDOR_CLASS) && f.bulkIn && f.bulkOut);
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

	private constructor(
		readonly device: USBDevice,
		readonly ccid: CcidInterface,
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
		const ccid = parseConfigDescriptor(await readConfigDescriptor(device));
		if (!ccid) throw new CardError('no_reader', 'not a CCID reader');
		try {
			await device.claimInterface(ccid.interfaceNumber);
		} catch (e) {
			await device.close().catch(() => {});
			if (e instanceof DOMException && e.name === 'SecurityError') throw new CardError('security', e.message);
			// the operating system's driver holds the reader (Windows without WinUSB, macOS, pcscd): another source may work
			throw new CardError('no_reader', e instanceof Error ? e.message : String(e));
		}
		return new CcidReader(device, ccid, opts);
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

	/** Power the card and configure the link. TPDU readers that do not negotiate by themselves get SetParameters for T=0. */
	async powerOn(): Promise<Uint8Array> {
		const auto = this.ccid.features & FEATURE.AUTO_VOLTAGE;
		// automatic voltage, else step through the supported ones from 5 V down, as libccid does (5 V, 3 V, 1.8 V)
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
		if (this.level === FEATURE.TPDU && !(this.ccid.features & FEATURE.AUTO_NEGOTIATION)) {
			// T=0: Fi/Di default 0x11, direct convention, no extra guard time, WI 0x0A, no clock stop
			await this.exchange(MSG.SetParameters, new Uint8Array([0x11, 0x00, 0x00, 0x0a, 0x00]), 0x00);
		}
		return this.atr;
	}

	/** Send an APDU (already a valid T=0 TPDU for the Thai card's commands) and return the reply with SW1 SW2. */
	async transmit(apdu: Uint8Array): Promise<Uint8Array> {
		const r = await this.exchange(MSG.XfrBlock, apdu);
		return r.data;
	}

	async close(): Promise<void> {
		try {
			await this.exchange(MSG.IccPowerOff);
		} catch {
			// the card may be gone already
		}
		await this.device.releaseInterface(this.ccid.interfaceNumber).catch(() => {});
		await this.device.close().catch(() => {});
	}
}
