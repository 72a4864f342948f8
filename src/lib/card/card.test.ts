/// <reference types="w3c-web-usb" />
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { parseCard, parseAddress, beToIso, decodeText, type RawCard } from './parse';
import { command, readThaiIdCard } from './apdu';
import { CcidReader, parseConfigDescriptor } from './ccid';
import { fromAgent } from './agent';
import { CardError, type CardData } from './model';
import { readCard, webUsbChooserSource, webUsbSource, type CardSource } from './sources';
import { DEFAULT_CARD, FakeCcidReader, FakeThaiCard, READERS, encodeTis620, fakeUsb, type CardFields } from '../../../tests/card/fake-card.mjs';

const field = (text: string, length: number) => {
	const b = new Uint8Array(length).fill(0x20);
	b.set(encodeTis620(text));
	return b;
};
const raw = (over: Partial<Record<keyof RawCard, string>> = {}): RawCard => ({
	cid: field(over.cid ?? '1103700123458', 13),
	thName: field((over.thName as string) ?? 'นาย#สมชาย##ใจดี', 100),
	enName: field((over.enName as string) ?? 'Mr.#Somchai##Jaidee', 100),
	birth: field((over.birth as string) ?? '25280327', 8),
	gender: field((over.gender as string) ?? '1', 1),
	issuer: field('ที่ว่าการอำเภอเมือง', 100),
	issue: field('25650110', 8),
	expiry: field((over.expiry as string) ?? '25740326', 8),
	address: field((over.address as string) ?? '140/44#หมู่ที่ 7####ตำบลกะทู้#อำเภอกะทู้#จังหวัดภูเก็ต', 160),
	photo: null
});

describe('card parser', () => {
	it('reads names, dates, gender and a provincial address from TIS-620 fields', () => {
		const c = parseCard(raw());
		expect(c.nationalId).toBe('1103700123458');
		expect(c.th).toEqual({ prefix: 'นาย', first: 'สมชาย', middle: '', last: 'ใจดี' });
		expect(c.en).toEqual({ prefix: 'Mr.', first: 'Somchai', middle: '', last: 'Jaidee' });
		expect(c.birthDate).toEqual({ iso: '1985-03-27', yearBE: 2528, month: 3, day: 27 });
		expect(c.gender).toBe('M');
		expect(c.issueDate).toBe('2022-01-10');
		expect(c.expiryDate).toBe('2031-03-26');
		expect(c.address).toMatchObject({ houseNo: '140/44', moo: '7', subdistrict: 'กะทู้', district: 'กะทู้', province: 'ภูเก็ต' });
	});
	it('keeps middle names in Thai and English', () => {
		const c = parseCard(raw({ thName: 'นางสาว#มาลี#ศรี#สุขใจ', enName: 'Miss#Malee#Sri#Sukjai' }));
		expect(c.th).toEqual({ prefix: 'นางสาว', first: 'มาลี', middle: 'ศรี', last: 'สุขใจ' });
		expect(c.en.middle).toBe('Sri');
	});
	it('splits a Bangkok address (แขวง / เขต, no จังหวัด)', () => {
		expect(parseAddress('99/1#หมู่ที่ 2##ซอยสุขใจ#ถนนพหลโยธิน#แขวงสามเสนใน#เขตพญาไท#กรุงเทพมหานคร')).toMatchObject({
			houseNo: '99/1',
			moo: '2',
			soi: 'ซอยสุขใจ',
			road: 'ถนนพหลโยธิน',
			subdistrict: 'สามเสนใน',
			district: 'พญาไท',
			province: 'กรุงเทพมหานคร'
		});
	});
	it('keeps subdistrict, district and province for a short address', () => {
		expect(parseAddress('12#ตำบลบ้านใหม่#อำเภอเมือง#จังหวัดเชียงใหม่')).toMatchObject({ houseNo: '12', subdistrict: 'บ้านใหม่', district: 'เมือง', province: 'เชียงใหม่' });
	});
	it('reads a lifelong card (99999999) as no expiry, and a birth date with month and day 00 as the year only', () => {
		const c = parseCard(raw({ expiry: '99999999', birth: '25000000' }));
		expect(c.expiryDate).toBeNull();
		expect(c.birthDate).toEqual({ iso: null, yearBE: 2500, month: null, day: null });
		expect(beToIso('25680229')).toBeNull(); // 2025 is not a leap year
	});
	it('reports a card whose ID fails the check digit as a read error', () => {
		expect(() => parseCard(raw({ cid: '1103700123459' }))).toThrow(CardError);
		try {
			parseCard(raw({ cid: '1103700123459' }));
		} catch (e) {
			expect((e as CardError).code).toBe('bad_card');
		}
	});
	it('keeps every photo byte (0x20 is JPEG data) and drops only what follows the end marker', () => {
		const jpeg = [0xff, 0xd8, 0x20, 0x00, 0x20, 0xff, 0xd9];
		const c = parseCard({ ...raw(), photo: new Uint8Array([...jpeg, 0x00, 0x00, 0x20]) });
		expect(Array.from(c.photo!)).toEqual(jpeg);
	});
	it('trims padding but keeps spaces inside', () => {
		expect(decodeText(new Uint8Array([...encodeTis620('ที่ว่าการ อำเภอ'), 0x20, 0x20, 0x00]))).toBe('ที่ว่าการ อำเภอ');
	});
});

describe('APDUs', () => {
	it('reads the whole card through SELECT, READ BINARY and GET RESPONSE, photo bytes untouched', async () => {
		const card = new FakeThaiCard();
		const c = await readThaiIdCard(async (apdu) => new Uint8Array(card.apdu(Array.from(apdu))));
		expect(c.nationalId).toBe(DEFAULT_CARD.cid);
		expect(c.address).toMatchObject({ subdistrict: 'สามเสนใน', district: 'พญาไท', province: 'กรุงเทพมหานคร' });
		expect(Array.from(c.photo!)).toEqual(DEFAULT_CARD.photo);
	});
	it('stops at a national ID that fails its check digit: nothing more is read (no photo)', async () => {
		const card = new FakeThaiCard({ ...DEFAULT_CARD, cid: '1103700123459' });
		const sent: number[][] = [];
		const reading = readThaiIdCard(async (apdu) => (sent.push(Array.from(apdu)), new Uint8Array(card.apdu(Array.from(apdu)))));
		await expect(reading).rejects.toMatchObject({ code: 'bad_card' });
		// SELECT, and the number's READ BINARY with its GET RESPONSE
		expect(sent.filter((a) => a[1] === 0xb0)).toHaveLength(1);
	});

	it('on 6Cxx after a 61xx, resends the GET RESPONSE (not the READ) with the right length, data not doubled', async () => {
		const sent: number[][] = [];
		const data = [0x31, 0x32, 0x33];
		const transmit = async (a: Uint8Array) => {
			sent.push(Array.from(a));
			if (a[1] === 0xb0) return new Uint8Array([0x61, 0x05]); // READ BINARY: 5 bytes waiting (the card is wrong)
			if (a[4] === 0x05) return new Uint8Array([0x6c, 0x03]); // GET RESPONSE 5: wrong length, use 3
			return new Uint8Array([...data, 0x90, 0x00]);
		};
		expect(Array.from(await command(transmit, new Uint8Array([0x80, 0xb0, 0x00, 0x04, 0x02, 0x00, 0x03])))).toEqual(data);
		expect(sent).toEqual([
			[0x80, 0xb0, 0x00, 0x04, 0x02, 0x00, 0x03],
			[0x00, 0xc0, 0x00, 0x00, 0x05],
			[0x00, 0xc0, 0x00, 0x00, 0x03]
		]);
	});
	it('resends with the length a 6Cxx reply asks for', async () => {
		const card = new FakeThaiCard();
		card.apdu([0x00, 0xa4, 0x04, 0x00, 0x08, 0xa0, 0, 0, 0, 0x54, 0x48, 0, 1]);
		expect(card.apdu([0x80, 0xb0, 0x00, 0x04, 0x02, 0x00, 0x0d])).toEqual([0x61, 0x0d]);
		// ask GET RESPONSE for 5 bytes: the card says 6C 0D, the command is resent with 0D
		const data = await command(async (a) => new Uint8Array(card.apdu(Array.from(a))), new Uint8Array([0x00, 0xc0, 0x00, 0x00, 0x05]));
		expect(new TextDecoder().decode(data)).toBe('1103700123458');
	});
	it('says when the applet is missing (not a Thai ID card)', async () => {
		await expect(readThaiIdCard(async () => new Uint8Array([0x6a, 0x82]))).rejects.toMatchObject({ code: 'bad_card' });
	});
});

describe('CCID over WebUSB', () => {
	const read = async (profile: (typeof READERS)[keyof typeof READERS], fields?: CardFields) => {
		const dev = new FakeCcidReader(profile, fields ? new FakeThaiCard(fields) : undefined);
		const reader = await CcidReader.open(dev as unknown as USBDevice);
		expect(await reader.waitForCard(1000)).toBe(true);
		const atr = await reader.powerOn();
		const card = await readThaiIdCard((a) => reader.transmit(a), { atr });
		await reader.close();
		return { card, dev };
	};
	it('finds the CCID interface and its features in the configuration descriptor', () => {
		const dev = new FakeCcidReader(READERS.acr38u) as unknown as { descriptor: Uint8Array };
		expect(parseConfigDescriptor(dev.descriptor)).toEqual({
			interfaceNumber: 0,
			bulkIn: 2,
			bulkOut: 2,
			interruptIn: 3,
			features: 0x00010030,
			maxMessageLength: 271,
			voltageSupport: 7
		});
	});
	it('ACR39U-like (TPDU, configures itself) with time extensions', async () => {
		const { card } = await read(READERS.acr39u);
		expect(card.th.first).toBe('สมชาย');
	});
	it('ACR38U-like (TPDU, needs SetParameters) with stale frames', async () => {
		const { card, dev } = await read(READERS.acr38u);
		expect(card.nationalId).toBe(DEFAULT_CARD.cid);
		expect(dev.calls.setParameters).toBe(1);
	});
	it('bR301-like (APDU level) with replies split over several transfers', async () => {
		const { card, dev } = await read(READERS.br301);
		expect(card.en.last).toBe('Jaidee');
		expect(dev.calls.setParameters).toBe(0);
	});
	it('waits for the card: "no card" from GetSlotStatus is a status, NotifySlotChange on the interrupt endpoint ends the wait', async () => {
		const dev = new FakeCcidReader({ ...READERS.acr39u, insertAfterMs: 50 });
		const reader = await CcidReader.open(dev as unknown as USBDevice);
		expect(await reader.cardPresent()).toBe(false);
		expect(await reader.waitForCard(2000)).toBe(true);
		const card = await readThaiIdCard((a) => reader.transmit(a), { atr: await reader.powerOn(), photo: false });
		expect(card.nationalId).toBe(DEFAULT_CARD.cid);
	});
	it('says "no card" when none is inserted in time', async () => {
		const dev = new FakeCcidReader({ ...READERS.acr39u, insertAfterMs: 10_000 });
		const reader = await CcidReader.open(dev as unknown as USBDevice);
		expect(await reader.waitForCard(100)).toBe(false);
		await expect(reader.powerOn()).rejects.toMatchObject({ code: 'no_card' });
	});
	it('a slow card may ask for more time as often as it needs: the limit is time without a word from it, not a number of frames', async () => {
		// 100 time extensions for every command (libccid waits them out; a limit of 64 frames gave up)
		const { card } = await read({ ...READERS.acr39u, timeExtensions: 100 });
		expect(card.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('a command with no reply in time is aborted (ABORT on the control pipe, then PC_to_RDR_Abort) before the next, whose reply it does not take', async () => {
		const dev = new FakeCcidReader({ ...READERS.acr39u, dropReplyTo: 1 });
		const reader = await CcidReader.open(dev as unknown as USBDevice, { readTimeoutMs: 100 });
		const atr = await reader.powerOn();
		await expect(reader.transmit(new Uint8Array([0x00, 0xc0, 0x00, 0x00, 0x02]))).rejects.toMatchObject({ code: 'io' });
		expect(dev.calls.abort).toBe(0);
		// the next command: the late read is the one that gets the abort's answer; the card reads as if nothing happened
		const card = await readThaiIdCard((a) => reader.transmit(a), { atr, photo: false });
		expect(card.nationalId).toBe(DEFAULT_CARD.cid);
		expect(dev.calls.abort).toBe(1);
	});

	it('never powers the card off while a command is outstanding: it is aborted first', async () => {
		const dev = new FakeCcidReader({ ...READERS.acr39u, dropReplyTo: 1 });
		const reader = await CcidReader.open(dev as unknown as USBDevice, { readTimeoutMs: 100 });
		await reader.powerOn();
		await expect(reader.transmit(new Uint8Array([0x00, 0xc0, 0x00, 0x00, 0x02]))).rejects.toMatchObject({ code: 'io' });
		await reader.close();
		expect(dev.calls.abort).toBe(1);
		expect(dev.calls.powerOffWhileBusy).toBe(0);
	});

	it('a transfer that ends in babble is an error for that frame, not the start of one; the next command is answered', async () => {
		const dev = new FakeCcidReader({ ...READERS.br301, babbleOnce: true });
		const reader = await CcidReader.open(dev as unknown as USBDevice, { readTimeoutMs: 200 });
		await expect(reader.cardPresent()).rejects.toMatchObject({ code: 'io' });
		expect(await reader.cardPresent()).toBe(true);
		const card = await readThaiIdCard((a) => reader.transmit(a), { atr: await reader.powerOn(), photo: false });
		expect(card.nationalId).toBe(DEFAULT_CARD.cid);
	});

	it('turns SecurityError on claimInterface into a "security" card error', async () => {
		await expect(CcidReader.open(new FakeCcidReader(READERS.blocked) as unknown as USBDevice)).rejects.toMatchObject({ code: 'security' });
	});
});

describe('card agent', () => {
	it('maps the go-thai-smartcard personal record', () => {
		const c = fromAgent({
			cid: '1103700123458',
			name: { prefix: 'นาย', first_name: 'สมชาย', middle_name: '', last_name: 'ใจดี' },
			name_eng: { prefix: 'Mr.', first_name: 'Somchai', middle_name: '', last_name: 'Jaidee' },
			dob: '1985-03-27',
			gender: '1',
			expire_date: '9999-12-31',
			address: {
				house_no: '99/1',
				moo: 'หมู่ที่ 2',
				subdistrict: 'แขวงสามเสนใน',
				district: 'เขตพญาไท',
				province: 'กรุงเทพมหานคร',
				address: '99/1 หมู่ที่ 2 แขวงสามเสนใน เขตพญาไท กรุงเทพมหานคร'
			}
		});
		expect(c.birthDate).toEqual({ iso: '1985-03-27', yearBE: 2528, month: 3, day: 27 });
		expect(c.expiryDate).toBeNull();
		expect(c.address).toMatchObject({ moo: '2', district: 'พญาไท' });
		expect(() => fromAgent({ cid: '1103700123459' })).toThrow(CardError);
	});
});

describe('the order of the card sources', () => {
	const card = { nationalId: DEFAULT_CARD.cid } as unknown as CardData;
	const agentAnswers = (calls: string[]): CardSource => ({
		id: 'agent',
		detect: async () => (calls.push('agent?'), true),
		read: async () => (calls.push('agent'), card)
	});
	const noAgent = (calls: string[]): CardSource => ({
		id: 'agent',
		detect: async () => (calls.push('agent?'), false),
		read: async () => card
	});
	/** A browser with WebUSB, no reader allowed yet, and a chooser the citizen closes (or one that offers `device`). */
	function browser(calls: string[], device?: unknown) {
		const store = new Map<string, string>();
		vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
		vi.stubGlobal('navigator', {
			usb: {
				getDevices: async () => [],
				requestDevice: async () => {
					calls.push('chooser');
					if (device) return device;
					throw new DOMException('No device selected.', 'NotFoundError');
				}
			}
		});
		onTestFinished(() => {
			vi.unstubAllGlobals();
		});
	}

	it('asks the card agent before showing the browser’s USB chooser (an ordinary page cannot claim most readers)', async () => {
		const calls: string[] = [];
		browser(calls);
		const r = await readCard([webUsbSource, agentAnswers(calls), webUsbChooserSource], () => {});
		expect(r.source).toBe('agent');
		expect(calls).toEqual(['agent?', 'agent']);
	});

	it('shows the chooser when no agent answers; a chooser closed without a choice is not shown again this session', async () => {
		const calls: string[] = [];
		browser(calls);
		await expect(readCard([webUsbSource, noAgent(calls), webUsbChooserSource], () => {})).rejects.toMatchObject({ code: 'agent_unavailable' });
		expect(calls).toEqual(['agent?', 'chooser']);
		await expect(readCard([webUsbSource, noAgent(calls), webUsbChooserSource], () => {})).rejects.toMatchObject({ code: 'agent_unavailable' });
		expect(calls).toEqual(['agent?', 'chooser', 'agent?']);
	});

	it('no chooser once the press is no longer fresh (a long wait for the agent): the browser would refuse it as if the person had', async () => {
		const calls: string[] = [];
		browser(calls);
		const nav = navigator as unknown as { userActivation?: { isActive: boolean } };
		nav.userActivation = { isActive: false };
		await expect(readCard([webUsbSource, noAgent(calls), webUsbChooserSource], () => {})).rejects.toMatchObject({ code: 'agent_unavailable' });
		expect(calls).toEqual(['agent?']);
		nav.userActivation = { isActive: true };
		await expect(readCard([webUsbSource, noAgent(calls), webUsbChooserSource], () => {})).rejects.toMatchObject({ code: 'agent_unavailable' });
		expect(calls).toEqual(['agent?', 'agent?', 'chooser']);
	});

	it('a reader allowed before is used at once, with no chooser and no agent', async () => {
		const calls: string[] = [];
		const dev = new FakeCcidReader(READERS.br301);
		vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: () => {} });
		vi.stubGlobal('navigator', { usb: fakeUsb([dev]) });
		onTestFinished(() => {
			vi.unstubAllGlobals();
		});
		const r = await readCard([webUsbSource, agentAnswers(calls), webUsbChooserSource], () => {});
		expect(r).toMatchObject({ source: 'webusb', card: { nationalId: DEFAULT_CARD.cid } });
		expect(calls).toEqual([]);
	});
});
