/* Types for the plain-JS test doubles in fake-card.mjs (plain JS so the same file can be injected into pages). */
export function encodeTis620(text: string): number[];
export interface CardFields {
	cid: string;
	th: string;
	en: string;
	birth: string;
	gender: string;
	issuer: string;
	issue: string;
	expiry: string;
	address: string;
	photo?: number[];
}
export const DEFAULT_CARD: CardFields;
export function buildCardMemory(fields?: CardFields): Uint8Array;
/** F and D by the FI and DI codes (ISO/IEC 7816-3 tables 7 and 8); 0 = reserved. */
export const F_TABLE: number[];
export const D_TABLE: number[];
/** The bit rate of Fi/Di `fidi` at `clockKhz`. */
export function bitRate(fidi: number, clockKhz: number): number;
/** The interface bytes of an ATR by name: TA1, TB1, TC1, TD1, TA2, … */
export function atrInterfaceBytes(atr: number[]): Record<string, number>;
/** How the card answers a PPS: the request back (default), without PPS1, not at all, or with another PPS1. */
export type PpsReply = 'echo' | 'default' | 'mute' | 'garbage';
export class FakeThaiCard {
	constructor(fields?: CardFields);
	atr: number[];
	/** the Fi/Di the card talks at */
	speed: number;
	/** a PPS may come next (right after the ATR) */
	ppsWindow: boolean;
	/** mute until the next reset (after a PPS it could not make sense of) */
	lost: boolean;
	reset(): number[];
	protocols(): number[];
	accepts(fidi: number): boolean;
	pps(request: number[], reply?: PpsReply): number[] | null;
	apdu(cmd: number[] | Uint8Array): number[];
}
export interface ReaderProfile {
	name: string;
	vendorId: number;
	productId: number;
	features: number;
	/** dwDefaultClock and dwMaximumClock, kHz (4000 when absent) */
	defaultClock?: number;
	maximumClock?: number;
	/** dwMaxDataRate, bit/s (344086 when absent) */
	maxDataRate?: number;
	/** bNumDataRatesSupported (0 when absent) */
	numDataRates?: number;
	/** how the card answers a PPS (the driver's or the reader's own) */
	ppsReply?: PpsReply;
	timeExtensions?: number;
	needsSetParameters?: boolean;
	staleFrames?: boolean;
	splitAt?: number;
	securityError?: boolean;
	insertAfterMs?: number;
	/** the XfrBlock of this number (1 = the first) gets no reply at all */
	dropReplyTo?: number;
	/** the first bulk read ends in 'babble' */
	babbleOnce?: boolean;
}
export const READERS: Record<'acr39u' | 'acr38u' | 'br301' | 'ct30' | 'blocked', ReaderProfile>;
export class FakeCcidReader {
	constructor(profile: ReaderProfile, card?: FakeThaiCard);
	card: FakeThaiCard;
	/** the configuration descriptor, CCID class descriptor included */
	descriptor: Uint8Array;
	/** the Fi/Di the reader talks to the card at (0x11 after each power-on) */
	fidi: number;
	/** the last T=0 parameters SetParameters gave it */
	parameters: number[] | null;
	calls: {
		claimInterface: number;
		powerOn: number;
		setParameters: number;
		/** every XfrBlock, PPS requests included */
		xfrBlock: number;
		/** XfrBlocks carrying a PPS request (first byte 0xFF) */
		pps: number;
		abort: number;
		powerOffWhileBusy: number;
	};
}
export function fakeUsb(devices: FakeCcidReader[]): unknown;
export function fakeSmartCard(card?: FakeThaiCard): unknown;
export const PHOTO_B64: string;
export const AGENT_PERSONAL: import('../../src/lib/card/agent').AgentPersonal;
