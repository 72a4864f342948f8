/// <reference types="w3c-web-usb" />
/**
 * The card's speed over a CCID reader: the ATR read (ISO/IEC 7816-3), the Fi/Di chosen as libccid chooses it, the PPS
 * made by the driver or by the reader, the fallback after a failed PPS, and the debug line with the read's timings.
 * The fake reader only answers a card at the Fi/Di the card agreed to, so a driver that skips a step cannot read it.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { readThaiIdCard } from './apdu';
import { CardError } from './model';
import { CcidReader, DEFAULT_FIDI, MSG, baudRate, chooseFiDi, parseAtr, parseReaderRates, ppsConfirmed, ppsRequest, t0Parameters } from './ccid';
import { DEFAULT_CARD, FakeCcidReader, FakeThaiCard, READERS, type ReaderProfile } from '../../../tests/card/fake-card.mjs';

const bytes = (hex: string) => new Uint8Array(hex.split(' ').map((h) => parseInt(h, 16)));
const xor = (b: number[]) => b.reduce((a, x) => a ^ x, 0);

/** The two ATRs Thai cards are documented with ("TH NID 17" / "TH NID 18"). */
const THAI_17 = '3B 79 96 00 00 54 48 20 4E 49 44 20 31 37';
const THAI_18 = '3B 79 96 00 00 54 48 20 4E 49 44 20 31 38';
/**
 * Other shapes readers are written for (3B 67, 3B 68, 3B 78): only the first bytes are known, so the historical bytes
 * here stand in for the card's own (as many as T0 says).
 */
const THAI_3B67 = '3B 67 00 00 54 48 20 4E 49 44 31';
const THAI_3B68 = '3B 68 00 00 54 48 20 4E 49 44 20 31';
const THAI_3B78 = '3B 78 96 00 00 54 48 20 4E 49 44 20 31';

const atrOf = (hex: string) => parseAtr(bytes(hex))!;

describe('the ATR (ISO/IEC 7816-3)', () => {
	it('reads the Thai card: TA1 0x96 (F 512, D 32), TB1, TC1 0, no TD1 (T=0 only, no TCK), nine historical bytes', () => {
		for (const hex of [THAI_17, THAI_18]) {
			const atr = atrOf(hex);
			expect(atr).toMatchObject({ inverse: false, ta1: 0x96, fidi: 0x96, guardTime: 0, wi: 10, protocols: [0], specific: null });
			expect(new TextDecoder().decode(atr.historical)).toBe(`TH NID ${hex.endsWith('37') ? '17' : '18'}`);
		}
	});

	it('reads the other Thai shapes: no TA1 (3B 67, 3B 68) is the default 0x11, 3B 78 has TA1 0x96', () => {
		expect(atrOf(THAI_3B67)).toMatchObject({ ta1: null, fidi: DEFAULT_FIDI, guardTime: 0, protocols: [0] });
		expect(atrOf(THAI_3B67).historical).toHaveLength(7);
		expect(atrOf(THAI_3B68)).toMatchObject({ ta1: null, fidi: DEFAULT_FIDI });
		expect(atrOf(THAI_3B68).historical).toHaveLength(8);
		expect(atrOf(THAI_3B78)).toMatchObject({ ta1: 0x96, fidi: 0x96 });
	});

	it('reads the inverse convention (TS 0x3F), TC1 (extra guard time) and TC2 (T=0 waiting integer)', () => {
		// T0 D0: TA1, TC1, TD1; TD1 40: TC2, T=0
		const atr = atrOf('3F D0 18 05 40 20');
		expect(atr).toMatchObject({ inverse: true, fidi: 0x18, guardTime: 5, wi: 0x20, protocols: [0] });
		expect(Array.from(t0Parameters(atr, 0x18))).toEqual([0x18, 0x02, 0x05, 0x20, 0x00]);
		// TC2 = 0 is reserved: the default waiting integer
		expect(atrOf('3B 40 00').wi).toBe(10);
	});

	it('reads TA2 as specific mode (b5: implicit parameters), and the protocol it names as the only one', () => {
		expect(atrOf('3B 90 96 10 00').specific).toEqual({ protocol: 0, implicit: false });
		expect(atrOf('3B 90 96 10 10').specific).toEqual({ protocol: 0, implicit: true });
		expect(atrOf('3B 90 96 10 00').protocols).toEqual([0]);
	});

	it('reads a T=1 card: the protocols, IFSC (TA3), BWI/CWI (TB3), and requires its TCK', () => {
		// TD1 81: TD2 follows, T=1; TD2 31: TA3 and TB3, for T=1
		const body = [0x80, 0x81, 0x31, 0xfe, 0x45];
		const atr = parseAtr(new Uint8Array([0x3b, ...body, xor(body)]))!;
		expect(atr.protocols).toEqual([1]);
		expect(atr.t1).toEqual({ ifsc: 254, bwi: 4, cwi: 5, crc: false });
		expect(parseAtr(new Uint8Array([0x3b, ...body]))).toBeNull();
		// no TDi: T=0, with T=1's defaults
		expect(atrOf(THAI_18).t1).toEqual({ ifsc: 32, bwi: 4, cwi: 13, crc: false });
	});

	it('takes a TA1 with a reserved F or D as the default 0x11, and rejects a malformed ATR', () => {
		expect(atrOf('3B 10 76')).toMatchObject({ ta1: 0x76, fidi: DEFAULT_FIDI }); // FI 7: reserved
		expect(atrOf('3B 10 9A')).toMatchObject({ ta1: 0x9a, fidi: DEFAULT_FIDI }); // DI A: reserved
		expect(atrOf('3B 10 90')).toMatchObject({ fidi: DEFAULT_FIDI }); // DI 0: reserved
		expect(chooseFiDi(atrOf('3B 10 76'), { defaultClock: 4000, maxDataRate: 1_000_000 })).toBe(DEFAULT_FIDI);
		expect(parseAtr(bytes('3B 79 96 00 00 54 48'))).toBeNull(); // historical bytes missing
		expect(parseAtr(bytes('3A 79 96 00 00'))).toBeNull(); // TS neither 3B nor 3F
		expect(parseAtr(bytes('3B'))).toBeNull();
	});
});

describe('the speed chosen (libccid)', () => {
	const thai = atrOf(THAI_18);
	it('counts the bit rate as 1000 × clock (kHz) × D / F', () => {
		expect(baudRate(0x96, 4000)).toBe(250000);
		expect(baudRate(0x11, 4000)).toBe(10752);
		expect(baudRate(0x96, 4800)).toBe(300000);
		expect(baudRate(0x76, 4000)).toBe(0);
	});
	it('takes TA1 when the reader is fast enough, a smaller D for a card with F = 512 that is too fast, else 0x11', () => {
		expect(chooseFiDi(thai, { defaultClock: 4800, maxDataRate: 826000 })).toBe(0x96); // ACR39U
		expect(chooseFiDi(thai, { defaultClock: 4000, maxDataRate: 344086 })).toBe(0x96); // GemPC Twin
		expect(chooseFiDi(thai, { defaultClock: 4000, maxDataRate: 129032 })).toBe(0x95); // ACR38U: 125000 bit/s
		expect(chooseFiDi(thai, { defaultClock: 4000, maxDataRate: 70000 })).toBe(0x94); // 62500 bit/s
		expect(chooseFiDi(thai, { defaultClock: 4000, maxDataRate: 10752 })).toBe(DEFAULT_FIDI);
		expect(chooseFiDi(atrOf(THAI_3B67), { defaultClock: 4000, maxDataRate: 826000 })).toBe(DEFAULT_FIDI);
		// a TA1 slower than the default is not asked for
		expect(chooseFiDi(atrOf('3B 10 21'), { defaultClock: 4000, maxDataRate: 826000 })).toBe(DEFAULT_FIDI);
	});
	it('builds the PPS request and accepts only an echo, or an answer without PPS1 (the default kept)', () => {
		const req = ppsRequest(0, 0x96);
		expect(Array.from(req)).toEqual([0xff, 0x10, 0x96, 0x79]);
		expect(ppsConfirmed(req, req)).toBe(0x96);
		expect(ppsConfirmed(req, bytes('FF 00 FF'))).toBe(DEFAULT_FIDI);
		expect(ppsConfirmed(req, bytes('FF 10 97 78'))).toBeNull(); // another PPS1
		expect(ppsConfirmed(req, bytes('FF 10 96 00'))).toBeNull(); // wrong PCK
		expect(ppsConfirmed(req, bytes('FF 11 96 78'))).toBeNull(); // another protocol
		expect(ppsConfirmed(req, bytes('FF 30 96 11 58'))).toBeNull(); // PPS2 not asked for
		expect(ppsConfirmed(req, bytes('FF 10'))).toBeNull();
		expect(ppsConfirmed(req, new Uint8Array())).toBeNull();
	});
	it('reads the reader’s clock and data rates from its class descriptor', () => {
		const rates = (p: ReaderProfile) => parseReaderRates((new FakeCcidReader(p) as unknown as { descriptor: Uint8Array }).descriptor);
		expect(rates(READERS.acr38u)).toEqual({ defaultClock: 4000, maximumClock: 4000, dataRate: 10752, maxDataRate: 129032, numDataRates: 0 });
		expect(rates(READERS.acr39u)).toMatchObject({ defaultClock: 4800, maximumClock: 16000, maxDataRate: 826000 });
		expect(rates(READERS.ct30)).toMatchObject({ defaultClock: 4800, maxDataRate: 825806, numDataRates: 53 });
	});
});

describe('the speed negotiated over WebUSB', () => {
	let debug: MockInstance<typeof console.debug>;
	beforeEach(() => {
		debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
	});
	afterEach(() => {
		debug.mockRestore();
	});

	const card = (atr?: string) => {
		const c = new FakeThaiCard();
		if (atr) c.atr = Array.from(bytes(atr));
		return c;
	};
	const read = async (profile: ReaderProfile, c = card(), photo = true) => {
		const dev = new FakeCcidReader(profile, c);
		const reader = await CcidReader.open(dev as unknown as USBDevice);
		const atr = await reader.powerOn();
		const data = await readThaiIdCard((a) => reader.transmit(a), { atr, photo });
		await reader.close();
		return { data, dev, reader };
	};

	it('a TPDU reader without automatic negotiation (CT30): PPS for 0x96, then SetParameters 0x96, and the whole card reads', async () => {
		const { data, dev, reader } = await read(READERS.ct30);
		expect(dev.calls.pps).toBe(1);
		expect(dev.calls.setParameters).toBe(1);
		expect(dev.parameters).toEqual([0x96, 0x00, 0x00, 0x0a, 0x00]);
		expect(dev.fidi).toBe(0x96);
		expect(reader.link).toEqual({ how: 'pps', fidi: 0x96, baud: 300000 });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
		expect(Array.from(data.photo!)).toEqual(DEFAULT_CARD.photo);
	});

	it('ACR38U (at most 129032 bit/s): TA1 0x96 is too fast, the card is offered 0x95 by PPS', async () => {
		const { data, dev, reader } = await read(READERS.acr38u);
		expect(dev.calls.pps).toBe(1);
		expect(dev.fidi).toBe(0x95);
		expect(reader.link).toMatchObject({ how: 'pps', fidi: 0x95, baud: 125000 });
		expect(data.th.first).toBe('สมชาย');
	});

	it('the ATR’s other parameters go into SetParameters: inverse convention, TC1, TC2', async () => {
		const { dev } = await read(READERS.ct30, card('3F D0 96 05 40 20'), false);
		expect(dev.parameters).toEqual([0x96, 0x02, 0x05, 0x20, 0x00]);
	});

	it('the fake reader is mute to a driver that sets a speed the card did not agree to by PPS, or that the reader cannot do', async () => {
		// SetParameters 0x96 with no PPS: the card is still at 0x11
		const dev = new FakeCcidReader(READERS.ct30, card());
		const reader = await CcidReader.open(dev as unknown as USBDevice);
		const atr = parseAtr((await reader.exchange(MSG.IccPowerOn)).data);
		await reader.exchange(MSG.SetParameters, t0Parameters(atr, 0x96));
		await expect(readThaiIdCard((a) => reader.transmit(a), { photo: false })).rejects.toBeInstanceOf(CardError);
		// the card's 0x96 agreed by PPS, on a reader that cannot go that fast
		const slow = new FakeCcidReader(READERS.acr38u, card());
		const r2 = await CcidReader.open(slow as unknown as USBDevice);
		await r2.exchange(MSG.IccPowerOn);
		expect(Array.from((await r2.exchange(MSG.XfrBlock, ppsRequest(0, 0x96))).data)).toEqual([0xff, 0x10, 0x96, 0x79]);
		await r2.exchange(MSG.SetParameters, t0Parameters(atr, 0x96));
		await expect(readThaiIdCard((a) => r2.transmit(a), { photo: false })).rejects.toBeInstanceOf(CardError);
	});

	it('a card that does not answer the PPS is powered off and on again and read at 0x11', async () => {
		const { data, dev, reader } = await read({ ...READERS.ct30, ppsReply: 'mute' });
		expect(dev.calls.pps).toBe(1);
		expect(dev.calls.powerOn).toBe(2);
		expect(dev.fidi).toBe(DEFAULT_FIDI);
		expect(dev.parameters![0]).toBe(DEFAULT_FIDI);
		expect(reader.link).toMatchObject({ how: 'reset', fidi: DEFAULT_FIDI });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a card answering the PPS with another PPS1 is powered off and on again and read at 0x11', async () => {
		const { data, dev } = await read({ ...READERS.acr38u, ppsReply: 'garbage' });
		expect(dev.calls.powerOn).toBe(2);
		expect(dev.fidi).toBe(DEFAULT_FIDI);
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a card answering the PPS without PPS1 keeps the default: SetParameters 0x11, no reset', async () => {
		const { data, dev, reader } = await read({ ...READERS.ct30, ppsReply: 'default' });
		expect(dev.calls.pps).toBe(1);
		expect(dev.calls.powerOn).toBe(1);
		expect(dev.parameters![0]).toBe(DEFAULT_FIDI);
		expect(reader.link).toMatchObject({ how: 'pps', fidi: DEFAULT_FIDI });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a reader that makes the PPS itself (dwFeatures 0x80: ACR39U, with 0x02 too) gets SetParameters 0x96 and no PPS over XfrBlock', async () => {
		const { data, dev, reader } = await read(READERS.acr39u);
		expect(dev.calls.pps).toBe(0);
		expect(dev.calls.setParameters).toBe(1);
		expect(dev.parameters![0]).toBe(0x96);
		expect(dev.fidi).toBe(0x96);
		expect(reader.link).toEqual({ how: 'reader-pps', fidi: 0x96, baud: 300000 });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
		// the same reader without 0x80 is sent the PPS
		const plain = await read({ ...READERS.acr39u, features: 0x00010032, needsSetParameters: true });
		expect(plain.dev.calls.pps).toBe(1);
		expect(plain.dev.fidi).toBe(0x96);
	});

	it('when the reader’s own PPS fails, the card is powered off and on again and read at 0x11', async () => {
		const { data, dev, reader } = await read({ ...READERS.acr39u, ppsReply: 'mute' });
		expect(dev.calls.powerOn).toBe(2);
		expect(dev.calls.setParameters).toBe(2);
		expect(dev.fidi).toBe(DEFAULT_FIDI);
		expect(reader.link).toMatchObject({ how: 'reset' });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a reader whose dwMaxDataRate allows nothing faster stays at 0x11: no PPS, SetParameters 0x11', async () => {
		const { data, dev, reader } = await read({ ...READERS.ct30, maxDataRate: 50000 });
		expect(dev.calls.pps).toBe(0);
		expect(dev.parameters).toEqual([0x11, 0x00, 0x00, 0x0a, 0x00]);
		expect(reader.link).toMatchObject({ how: 'default', fidi: DEFAULT_FIDI });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a reader that negotiates by itself (dwFeatures 0x40) is sent neither a PPS nor SetParameters', async () => {
		const { data, dev, reader } = await read({ ...READERS.ct30, features: 0x00010270, needsSetParameters: false });
		expect(dev.calls.pps).toBe(0);
		expect(dev.calls.setParameters).toBe(0);
		expect(dev.fidi).toBe(0x96); // its own negotiation, at power-on
		expect(reader.link).toEqual({ how: 'reader', fidi: null, baud: null });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a card without TA1 (3B 67 …) is not sent a PPS: SetParameters 0x11 as before', async () => {
		const { data, dev, reader } = await read(READERS.ct30, card(THAI_3B67));
		expect(dev.calls.pps).toBe(0);
		expect(dev.parameters).toEqual([0x11, 0x00, 0x00, 0x0a, 0x00]);
		expect(reader.link).toMatchObject({ how: 'default' });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a card in specific mode (TA2, b5 = 0) already works at TA1: no PPS, SetParameters with TA1', async () => {
		const { data, dev, reader } = await read(READERS.ct30, card('3B 90 96 10 00'));
		expect(dev.calls.pps).toBe(0);
		expect(dev.parameters![0]).toBe(0x96);
		expect(reader.link).toMatchObject({ how: 'specific', fidi: 0x96 });
		expect(data.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('an APDU-level reader (bR301) is left to set the speed itself', async () => {
		const { dev, reader } = await read(READERS.br301, card(), false);
		expect(dev.calls.pps + dev.calls.setParameters).toBe(0);
		expect(reader.link).toMatchObject({ how: 'reader', fidi: null });
	});

	it('logs one debug line with the time of the whole read and of the photo, and the speed, and nothing read from the card', async () => {
		const { data } = await read(READERS.ct30);
		expect(debug).toHaveBeenCalledTimes(1);
		const line = String(debug.mock.calls[0]![0]);
		expect(line).toMatch(/^card read in \d+ ms \(power-on \d+ ms, 59 commands, photo \d+ ms in 20 reads\); Fi\/Di 0x96 after PPS, 300000 bit\/s at 4800 kHz$/);
		for (const personal of [data.nationalId, data.th.first, data.th.last, data.en.first, data.en.last]) expect(line).not.toContain(personal);
		// without the photo, and at the reader's own speed
		debug.mockClear();
		await read(READERS.br301, card(), false);
		expect(debug).toHaveBeenCalledTimes(1);
		expect(String(debug.mock.calls[0]![0])).toMatch(/no photo\); speed set by the reader$/);
	});

	it('the photo’s time is the photo’s: a slow photo shows in it, not in the rest', async () => {
		const dev = new FakeCcidReader(READERS.ct30, card());
		const reader = await CcidReader.open(dev as unknown as USBDevice);
		const atr = await reader.powerOn();
		const slow = async (a: Uint8Array) => {
			// READ BINARY at the photo's offsets (0x017B onwards) takes 10 ms more
			if (a[1] === 0xb0 && ((a[2]! << 8) | a[3]!) >= 0x017b && ((a[2]! << 8) | a[3]!) < 0x1579) await new Promise((r) => setTimeout(r, 10));
			return reader.transmit(a);
		};
		await readThaiIdCard(slow, { atr });
		await reader.close();
		const [, photoMs] = /photo (\d+) ms/.exec(String(debug.mock.calls[0]![0]))!;
		expect(Number(photoMs)).toBeGreaterThanOrEqual(150);
	});
});
