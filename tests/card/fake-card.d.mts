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
export class FakeThaiCard {
	constructor(fields?: CardFields);
	atr: number[];
	apdu(cmd: number[] | Uint8Array): number[];
}
export interface ReaderProfile {
	name: string;
	vendorId: number;
	productId: number;
	features: number;
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
export const READERS: Record<'acr39u' | 'acr38u' | 'br301' | 'blocked', ReaderProfile>;
export class FakeCcidReader {
	constructor(profile: ReaderProfile, card?: FakeThaiCard);
	calls: { claimInterface: number; setParameters: number; xfrBlock: number; abort: number; powerOffWhileBusy: number };
}
export function fakeUsb(devices: FakeCcidReader[]): unknown;
export function fakeSmartCard(card?: FakeThaiCard): unknown;
export const PHOTO_B64: string;
