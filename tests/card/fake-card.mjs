/**
 * Test doubles for reading a Thai ID card, used by the unit tests (imported) and by the end-to-end tests
 * (injected into the page with addInitScript, `export` removed): a card memory built from the documented layout
 * (thai-id-card.md §1.2), a card that answers the APDUs, and a fake WebUSB CCID reader holding it.
 * Written here from the CCID 1.1 message formats, independently of the app's driver.
 */

/** TIS-620: U+0E01–U+0E3A → 0xA1–0xDA, U+0E3F–U+0E5B → 0xDF–0xFB, ASCII as is. */
export function encodeTis620(text) {
	const out = [];
	for (const ch of text) {
		const c = ch.codePointAt(0);
		if (c < 0x80) out.push(c);
		else if (c >= 0x0e01 && c <= 0x0e5b) out.push(c - 0x0e01 + 0xa1);
		else throw new Error(`not TIS-620: ${ch}`);
	}
	return out;
}

/** A real 90 × 108 JPEG (a grey silhouette), so the page can show the photo. */
export const PHOTO_B64 =
	'/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCABsAFoDASIAAhEBAxEB/8QAGwABAAIDAQEAAAAAAAAAAAAAAAUGAQIEAwf/xAAxEAACAgECAwUHAwUAAAAAAAAAAQIDBAURBhIhMUJRYXETIjJBUoGRFLHhc6HB0fD/xAAWAQEBAQAAAAAAAAAAAAAAAAAAAQL/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwC2AA2yAAAAAAAAAAAAAAAAAEPr2pyxKlRS9rrFu2u6gOnM1fEw3yzs55ruQ6tEfLieHN7uLJrxc9v8Fcbbe7e7ZgIt2Lr+HfJRm5Uyf19n5JRNSSaaafY0fPSb4f1OVV0cS6Tdc3tBvuvw9ALQAAoAAAAAFJ1i13apkN92XKvt0LsUrWanVqmQn3pcy+/UI4QAAMptNNPZowZScmklu30QF+x7Pa49Vj78FL8o9Dzx6/ZY9Vb7kFH8I9AoAAAAAEPr+mvLqV9K3urXYu8iYAHz1pp7NbNGC6ZukYma3KcHCx9+HRv1I58MR36ZbS/p/wAhFcJvh/TJW3Ry7otVwe8E18T8fREli8P4lDUrOa6S+rs/BKpJLZLZIDIACgAAAAAaW210wc7ZxhFfOT2ODVtWrwIckNp3tdI+Hmyq5WXfl2c99jm/kvkvRBFlv4hwqntXz2vxitl/c5nxPDfpiya85/wVwAWmriTFlJKyqyvz6NEnjZmPlLei2M9u1J9V9ihm9dk6pqdcnCS7Gns0B9ABA6RrvtZKjNklJ/DZ2J+TJ0KyAABx6pnRwMR2NbzfSEfFnYVDiDLeRqEq0/cp91evz/7yAjrbJ3WSssk5Tk922aABAAAAAALTw/qbyK/0tz3tgvdb7y/2VY9sW+eLk13Q+KD39fIC+g1rnGyuM4veMkmvQ2CtbJclcpvsimygTm7JynJ7yk22/MvOc9sDIa7VVL9mUQIAAAAAAAAAAC5aDa7dKq37Y7x/D6EiQ/DD302fla/2RMBX/9k=';
const PHOTO = Array.from(atob(PHOTO_B64), (c) => c.charCodeAt(0));

export const DEFAULT_CARD = {
	cid: '1103700123458',
	th: 'นาย#สมชาย##ใจดี',
	en: 'Mr.#Somchai##Jaidee',
	birth: '25280327',
	gender: '1',
	issuer: 'ที่ว่าการอำเภอเมืองนนทบุรี/นนทบุรี',
	issue: '25650110',
	expiry: '25740326',
	address: '99/1#หมู่ที่ 2####แขวงสามเสนใน#เขตพญาไท#กรุงเทพมหานคร',
	photo: PHOTO
};

const LAYOUT = {
	cid: [0x0004, 13],
	th: [0x0011, 100],
	en: [0x0075, 100],
	birth: [0x00d9, 8],
	gender: [0x00e1, 1],
	issuer: [0x00f6, 100],
	issue: [0x0167, 8],
	expiry: [0x016f, 8],
	address: [0x1579, 160]
};

/** The card's memory: fields at their offsets, space-padded; the photo at 0x017B, then zeros. */
export function buildCardMemory(fields = DEFAULT_CARD) {
	const mem = new Uint8Array(0x1700).fill(0x20);
	for (const [name, [offset, length]] of Object.entries(LAYOUT)) {
		const bytes = encodeTis620(fields[name]);
		if (bytes.length > length) throw new Error(`${name} too long`);
		mem.set(bytes, offset);
	}
	mem.fill(0, 0x017b, 0x1579);
	mem.set(fields.photo ?? PHOTO, 0x017b);
	return mem;
}

/** The default card's person as the go-thai-smartcard agent sends it (payload.personal of smc-data), without a photo. */
export const AGENT_PERSONAL = {
	cid: '1103700123458',
	name: { prefix: 'นาย', first_name: 'สมชาย', middle_name: '', last_name: 'ใจดี', full_name: 'นาย สมชาย ใจดี' },
	name_eng: { prefix: 'Mr.', first_name: 'Somchai', middle_name: '', last_name: 'Jaidee', full_name: 'Mr. Somchai Jaidee' },
	dob: '1985-03-27',
	gender: '1',
	card_issuer: 'ที่ว่าการอำเภอเมือง',
	issue_date: '2022-01-10',
	expire_date: '2031-03-26',
	address: {
		house_no: '99/1',
		moo: 'หมู่ที่ 2',
		soi: '',
		street: '',
		subdistrict: 'แขวงสามเสนใน',
		district: 'เขตพญาไท',
		province: 'กรุงเทพมหานคร',
		address: '99/1 หมู่ที่ 2 แขวงสามเสนใน เขตพญาไท กรุงเทพมหานคร'
	}
};

const AID = [0xa0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x01];

/** F and D by the FI and DI codes of TA1 or PPS1 (ISO/IEC 7816-3 tables 7 and 8); 0 = reserved. */
export const F_TABLE = [372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0];
export const D_TABLE = [0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0];

/** The bit rate of Fi/Di `fidi` at `clockKhz` (f × D / F). */
export function bitRate(fidi, clockKhz) {
	const f = F_TABLE[fidi >> 4];
	const d = D_TABLE[fidi & 0x0f];
	return f && d ? Math.floor((clockKhz * 1000 * d) / f) : 0;
}

const xor = (bytes) => bytes.reduce((a, b) => a ^ b, 0);

/** The interface bytes of an ATR by name (TA1, TB1, TC1, TD1, TA2, …), read along T0 and the TDi chain. */
export function atrInterfaceBytes(atr) {
	const bytes = {};
	let y = atr[1] >> 4;
	let p = 2;
	for (let i = 1; ; i++) {
		for (const [bit, name] of [
			[1, 'TA'],
			[2, 'TB'],
			[4, 'TC'],
			[8, 'TD']
		])
			if (y & bit) bytes[name + i] = atr[p++];
		if (bytes['TD' + i] === undefined) return bytes;
		y = bytes['TD' + i] >> 4;
	}
}

/**
 * A Thai ID card answering SELECT, READ BINARY (→ 61 LL) and GET RESPONSE (wrong Le → 6C LL). As a card on a reader it
 * also has a speed: after a reset it talks at Fi/Di 0x11 (or at TA1's in specific mode, TA2 present), and a PPS as the
 * first exchange after the ATR may switch it to one TA1 allows (ISO/IEC 7816-3 §9). A PPS it cannot make sense of
 * leaves it mute until the next reset (`lost`).
 */
export class FakeThaiCard {
	constructor(fields = DEFAULT_CARD) {
		this.mem = buildCardMemory(fields);
		this.pending = null;
		this.selected = false;
		this.atr = [0x3b, 0x79, 0x96, 0x00, 0x00, 0x54, 0x48, 0x20, 0x4e, 0x49, 0x44, 0x20, 0x31, 0x38];
		this.speed = 0x11;
		this.ppsWindow = false;
		this.lost = false;
	}
	/** Cold reset: the ATR; the card is at the default speed (TA1's in specific mode) and may take a PPS next. */
	reset() {
		const ib = atrInterfaceBytes(this.atr);
		this.pending = null;
		this.selected = false;
		this.lost = false;
		// specific mode (TA2) with b5 = 0: the card works with TA1's values at once, and takes no PPS
		this.speed = ib.TA2 !== undefined && !(ib.TA2 & 0x10) && ib.TA1 !== undefined ? ib.TA1 : 0x11;
		this.ppsWindow = ib.TA2 === undefined;
		return this.atr;
	}
	/** The protocols the ATR offers (T=0 when no TDi names one). */
	protocols() {
		const ib = atrInterfaceBytes(this.atr);
		const named = Object.entries(ib).flatMap(([k, v]) => (k.startsWith('TD') && (v & 0x0f) !== 0x0f ? [v & 0x0f] : []));
		return named.length ? named : [0];
	}
	/** Whether a PPS1 of `fidi` is one the card takes: F from 372 up to TA1's F, D from 1 up to TA1's D. */
	accepts(fidi) {
		const ta1 = atrInterfaceBytes(this.atr).TA1 ?? 0x11;
		const f = F_TABLE[fidi >> 4];
		const d = D_TABLE[fidi & 0x0f];
		return !!f && !!d && f <= (F_TABLE[ta1 >> 4] || 372) && d <= (D_TABLE[ta1 & 0x0f] || 1);
	}
	/**
	 * Answer a PPS request: `echo` (the request back: its PPS1 taken, or, for a PPS1 the card cannot take, an answer
	 * without PPS1: the default kept), `default` (always the answer without PPS1), `mute` (no answer) or `garbage` (a PPS
	 * with another PPS1). null = no answer. A request out of turn or malformed, no answer and garbage leave the card lost.
	 */
	pps(request, reply = 'echo') {
		const inTurn = this.ppsWindow;
		this.ppsWindow = false;
		const length = 3 + [0x10, 0x20, 0x40].filter((b) => request[1] & b).length;
		const wellFormed = request.length === length && request[0] === 0xff && xor(request) === 0 && this.protocols().includes(request[1] & 0x0f);
		if (!inTurn || !wellFormed || reply === 'mute') {
			this.lost = true;
			return null;
		}
		const pps1 = request[1] & 0x10 ? request[2] : 0x11;
		if (reply === 'garbage') {
			this.lost = true;
			const answer = [0xff, 0x10 | (request[1] & 0x0f), pps1 ^ 0x01];
			return [...answer, xor(answer)];
		}
		if (reply === 'default' || !this.accepts(pps1)) {
			this.speed = 0x11;
			const answer = [0xff, request[1] & 0x0f];
			return [...answer, xor(answer)];
		}
		this.speed = pps1;
		return [...request];
	}
	apdu(cmd) {
		this.ppsWindow = false;
		const [cla, ins, p1, p2] = cmd;
		if (cla === 0x00 && ins === 0xa4) {
			const ok = cmd.length === 13 && AID.every((b, i) => cmd[5 + i] === b);
			this.selected = ok;
			return ok ? [0x61, 0x0a] : [0x6a, 0x82];
		}
		if (cla === 0x80 && ins === 0xb0) {
			if (!this.selected) return [0x69, 0x86];
			const offset = ((p1 & 0x7f) << 8) | p2;
			const len = cmd[6];
			this.pending = Array.from(this.mem.slice(offset, offset + len));
			return [0x61, len];
		}
		if (cla === 0x00 && ins === 0xc0) {
			if (!this.pending) return [0x69, 0x85];
			const le = cmd[4];
			if (le !== this.pending.length) return [0x6c, this.pending.length];
			const data = this.pending;
			this.pending = null;
			return [...data, 0x90, 0x00];
		}
		return [0x6d, 0x00];
	}
}

/**
 * Reader profiles: dwFeatures, clocks (kHz) and dwMaxDataRate (bit/s) from libccid's readers/*.txt. bNumDataRatesSupported
 * is 0 for all but the CT30 (which lists its rates; the fake does not answer GET_DATA_RATES).
 */
const ACR39U = {
	name: 'ACS ACR39U',
	vendorId: 0x072f,
	productId: 0xb100,
	features: 0x000100b2,
	defaultClock: 4800,
	maximumClock: 16000,
	maxDataRate: 826000
};

export const READERS = {
	acr39u: { ...ACR39U, timeExtensions: 2 },
	acr38u: {
		name: 'ACS ACR38U-CCID',
		vendorId: 0x072f,
		productId: 0x90cc,
		features: 0x00010030,
		defaultClock: 4000,
		maximumClock: 4000,
		maxDataRate: 129032,
		needsSetParameters: true,
		staleFrames: true
	},
	br301: {
		name: 'Feitian bR301',
		vendorId: 0x096e,
		productId: 0x061a,
		features: 0x000404be,
		defaultClock: 3700,
		maximumClock: 3700,
		maxDataRate: 318280,
		splitAt: 64
	},
	ct30: {
		name: 'Gemalto IDBridge CT30',
		vendorId: 0x08e6,
		productId: 0x3437,
		features: 0x00010230,
		defaultClock: 4800,
		maximumClock: 4800,
		maxDataRate: 825806,
		numDataRates: 53,
		needsSetParameters: true
	},
	blocked: { ...ACR39U, name: 'ACS ACR39U (ordinary page)', securityError: true }
};

const le32 = (n) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

const DEFAULT_CLOCK = 4000;
const DEFAULT_MAX_DATA_RATE = 344086;

function configDescriptor(profile) {
	const clock = profile.defaultClock ?? DEFAULT_CLOCK;
	const ccid = new Array(54).fill(0);
	ccid[0] = 54;
	ccid[1] = 0x21;
	ccid[2] = 0x10; // bcdCCID 1.10
	ccid[3] = 0x01;
	ccid[4] = 0; // one slot
	ccid[5] = 0x07; // 5 V, 3 V, 1.8 V
	ccid.splice(6, 4, ...le32(0x03)); // T=0 and T=1
	ccid.splice(10, 4, ...le32(clock)); // dwDefaultClock, kHz
	ccid.splice(14, 4, ...le32(profile.maximumClock ?? clock)); // dwMaximumClock
	ccid[18] = 0; // bNumClockSupported
	ccid.splice(19, 4, ...le32(bitRate(0x11, clock))); // dwDataRate: Fi/Di 0x11 at the default clock
	ccid.splice(23, 4, ...le32(profile.maxDataRate ?? DEFAULT_MAX_DATA_RATE)); // dwMaxDataRate
	ccid[27] = profile.numDataRates ?? 0; // bNumDataRatesSupported
	ccid.splice(28, 4, ...le32(254)); // dwMaxIFSD
	ccid.splice(40, 4, ...le32(profile.features));
	ccid.splice(44, 4, ...le32(271));
	const iface = [9, 0x04, 0, 0, 3, 0x0b, 0, 0, 0];
	const eps = [
		[7, 0x05, 0x02, 0x02, 64, 0, 0],
		[7, 0x05, 0x82, 0x02, 64, 0, 0],
		[7, 0x05, 0x83, 0x03, 8, 0, 16]
	].flat();
	const body = [...iface, ...ccid, ...eps];
	const total = 9 + body.length;
	return [9, 0x02, total & 0xff, total >> 8, 1, 1, 0, 0x80, 50, ...body];
}

/**
 * A WebUSB USBDevice that behaves like a CCID reader with a Thai card inserted. The link to the card (CCID 1.1 §5.1,
 * dwFeatures): a TPDU reader passes a PPS (an XfrBlock starting 0xFF) to the card as it is and is set to a Fi/Di by
 * SetParameters; a reader that makes the PPS itself (0x80, or that negotiates by itself, 0x40) makes one when
 * SetParameters asks for a Fi/Di the card is not at; a 0x40 reader also negotiates TA1 at power-on. A reader at a
 * Fi/Di other than the card's, or faster than its dwMaxDataRate, gets no answer from the card (ICC mute).
 * Profile switches: `ppsReply` ('default' | 'mute' | 'garbage') is how the card answers a PPS.
 */
export class FakeCcidReader {
	constructor(profile, card = new FakeThaiCard()) {
		this.profile = profile;
		this.card = card;
		this.productName = profile.name;
		this.manufacturerName = 'Fake';
		this.vendorId = profile.vendorId;
		this.productId = profile.productId;
		this.serialNumber = 'TEST';
		this.opened = false;
		this.configuration = null;
		this.configurations = [
			{
				configurationValue: 1,
				interfaces: [{ interfaceNumber: 0, claimed: false, alternates: [{ interfaceClass: 0x0b, interfaceSubclass: 0, interfaceProtocol: 0, endpoints: [] }] }]
			}
		];
		this.outbox = [];
		this.partial = null;
		this.powered = false;
		this.configured = false;
		// a reader may start empty: the card goes in after insertAfterMs (announced on the interrupt endpoint)
		this.present = profile.insertAfterMs === undefined;
		this.calls = { claimInterface: 0, powerOn: 0, setParameters: 0, xfrBlock: 0, pps: 0, abort: 0, powerOffWhileBusy: 0 };
		// faults: the reader answers nothing to XfrBlock number `dropReplyTo` (a read for it waits for the next frame, as a
		// real bulk-IN read does); one bulk read ends in 'babble' (`babbleOnce`)
		this.waiting = [];
		this.busy = null;
		this.descriptor = new Uint8Array(configDescriptor(profile));
		// the Fi/Di the reader talks to the card at (0x11 after each power-on), and the last T=0 parameters it was given
		this.fidi = 0x11;
		this.parameters = null;
	}
	async open() {
		this.opened = true;
	}
	async close() {
		this.opened = false;
	}
	async selectConfiguration() {
		this.configuration = this.configurations[0];
	}
	async claimInterface() {
		this.calls.claimInterface++;
		if (this.profile.securityError) throw new DOMException('The requested interface implements a protected class.', 'SecurityError');
	}
	async releaseInterface() {}
	async controlTransferOut(setup) {
		// CCID ABORT (class request 1, wValue = slot | seq << 8): the command is forgotten, PC_to_RDR_Abort follows
		if (setup.requestType === 'class' && setup.request === 0x01) {
			this.calls.abort++;
			this.busy = null;
			return { status: 'ok', bytesWritten: 0 };
		}
		return { status: 'stall', bytesWritten: 0 };
	}
	async controlTransferIn(setup, length) {
		if (setup.request !== 0x06 || setup.value !== 0x0200) return { status: 'stall', data: new DataView(new ArrayBuffer(0)) };
		const d = this.descriptor.slice(0, length);
		return { status: 'ok', data: new DataView(d.buffer) };
	}
	frame(type, seq, data, status = 0, error = 0, extra = 0) {
		return [type, ...le32(data.length), 0, seq, status, error, extra, ...data];
	}
	async transferOut(endpoint, buffer) {
		const cmd = Array.from(new Uint8Array(buffer.buffer ?? buffer, buffer.byteOffset ?? 0, buffer.byteLength));
		const [type] = cmd;
		const len = cmd[1] | (cmd[2] << 8) | (cmd[3] << 16) | (cmd[4] << 24);
		const seq = cmd[6];
		const data = cmd.slice(10, 10 + len);
		const icc = this.powered ? 0x00 : 0x01;
		const push = (f) => {
			const waiter = this.waiting.shift();
			if (waiter) waiter(f);
			else this.outbox.push(f);
		};
		if (type === 0x63 && this.busy !== null) this.calls.powerOffWhileBusy++;
		if (this.profile.staleFrames) push(this.frame(0x81, (seq + 255) & 0xff, [], icc));
		// no card: real readers answer "command failed, ICC mute, no ICC" (bStatus 0x42, bError 0xFE)
		if (!this.present && type !== 0x63) push(this.frame(type === 0x62 || type === 0x6f ? 0x80 : 0x81, seq, [], 0x42, 0xfe));
		else if (type === 0x65) push(this.frame(0x81, seq, [], icc));
		else if (type === 0x62) {
			this.calls.powerOn++;
			for (let i = 0; i < (this.profile.timeExtensions ?? 0); i++) push(this.frame(0x80, seq, [], 0x80 | icc, 1));
			this.powered = true;
			this.configured = false;
			this.fidi = 0x11;
			const atr = this.card.reset();
			if (this.profile.features & 0x40) this.negotiate();
			push(this.frame(0x80, seq, atr, 0x00));
		} else if (type === 0x61) {
			this.calls.setParameters++;
			// bProtocolNum 0 and the 5-byte T=0 structure; anything else is refused (bError 7: the offset of bProtocolNum)
			if (cmd[7] !== 0 || data.length !== 5) push(this.frame(0x82, seq, [], 0x40 | icc, 7));
			// a reader that makes the PPS itself does, for a Fi/Di the card is not at: no valid answer, the command fails (ICC mute)
			else if (this.profile.features & 0xc0 && this.powered && data[0] !== this.card.speed && !this.autoPps(data[0])) {
				push(this.frame(0x82, seq, [], 0x40, 0xfe));
			} else {
				this.parameters = data;
				// a reader whose PPS the card answered without PPS1 stays at the default, and says so in its answer
				if (!(this.profile.features & 0xc0) || data[0] === this.card.speed) this.fidi = data[0];
				this.configured = true;
				push(this.frame(0x82, seq, [this.fidi, ...data.slice(1)], 0x00 | icc, 0, cmd[7]));
			}
		} else if (type === 0x72) {
			push(this.frame(0x81, seq, [], icc));
		} else if (type === 0x6f) {
			this.calls.xfrBlock++;
			const pps = data[0] === 0xff;
			if (pps) this.calls.pps++;
			// the reader is stuck on this one: no reply at all
			if (this.calls.xfrBlock === this.profile.dropReplyTo) this.busy = seq;
			else if (!this.powered) push(this.frame(0x80, seq, [], 0x41, 0xfe));
			// a TPDU reader that does not configure itself cannot exchange APDUs until SetParameters (a PPS comes before it)
			else if (this.profile.needsSetParameters && !this.configured && !pps) push(this.frame(0x80, seq, [], 0x40, 0xfd));
			// the card does not understand the reader: no answer
			else if (!this.inStep()) push(this.frame(0x80, seq, [], 0x40, 0xfe));
			else if (pps) {
				const answer = this.card.pps(data, this.profile.ppsReply);
				push(answer ? this.frame(0x80, seq, answer, 0x00) : this.frame(0x80, seq, [], 0x40, 0xfe));
			} else {
				for (let i = 0; i < (this.profile.timeExtensions ?? 0); i++) push(this.frame(0x80, seq, [], 0x80, 1));
				push(this.frame(0x80, seq, this.card.apdu(data), 0x00));
			}
		} else if (type === 0x63) {
			this.powered = false;
			push(this.frame(0x81, seq, [], 0x01));
		} else push(this.frame(0x81, seq, [], 0x40 | icc, 0x00));
		return { status: 'ok', bytesWritten: cmd.length };
	}
	/** The card answers only a reader at its own Fi/Di, within the reader's data rate, and only while it is not lost. */
	inStep() {
		const rate = bitRate(this.fidi, this.profile.defaultClock ?? DEFAULT_CLOCK);
		return !this.card.lost && this.fidi === this.card.speed && rate > 0 && rate <= (this.profile.maxDataRate ?? DEFAULT_MAX_DATA_RATE);
	}
	/** The reader's own PPS to `fidi` (features 0x80 / 0x40): true when the card answered with a valid PPS (the Fi/Di it took, or the default). */
	autoPps(fidi) {
		const request = [0xff, 0x10, fidi];
		request.push(xor(request));
		const answer = this.card.pps(request, this.profile.ppsReply);
		const echoed = answer && answer.length === 4 && answer.every((b, i) => b === request[i]);
		const kept = answer && answer.length === 3 && answer[0] === 0xff && !(answer[1] & 0x10) && xor(answer) === 0;
		if (!echoed && !kept) {
			this.card.lost = true;
			return false;
		}
		this.fidi = echoed ? fidi : 0x11;
		return true;
	}
	/** A reader that negotiates by itself (0x40): at power-on, TA1 when the card is in negotiable mode and the reader can go that fast; after a failed PPS it resets the card and stays at the default. */
	negotiate() {
		const { TA1, TA2 } = atrInterfaceBytes(this.card.atr);
		if (TA1 === undefined || TA2 !== undefined || TA1 === 0x11) return;
		if (bitRate(TA1, this.profile.defaultClock ?? DEFAULT_CLOCK) > (this.profile.maxDataRate ?? DEFAULT_MAX_DATA_RATE)) return;
		if (!this.autoPps(TA1)) {
			this.card.reset();
			this.fidi = 0x11;
		}
	}
	async transferIn(endpoint, length) {
		if (endpoint === 3) {
			if (this.present || this.profile.insertAfterMs === undefined) return new Promise(() => {}); // no slot change
			await new Promise((r) => setTimeout(r, this.profile.insertAfterMs));
			this.present = true;
			return { status: 'ok', data: new DataView(new Uint8Array([0x50, 0x03]).buffer) }; // NotifySlotChange: slot 0 present, changed
		}
		if (this.profile.babbleOnce && !this.babbled) {
			this.babbled = true;
			// what came before the overrun looks like a whole frame (a slot status of the first command saying "no card"),
			// which a driver must not take as the reply
			return { status: 'babble', data: new DataView(new Uint8Array(this.frame(0x81, 0, [], 0x42, 0xfe)).buffer) };
		}
		// a reader that may hold a reply back: a read waits for the next frame (the fake's other readers answer at once)
		if (!this.partial && !this.outbox.length && this.profile.dropReplyTo !== undefined) this.partial = await new Promise((r) => this.waiting.push(r));
		if (!this.partial) this.partial = this.outbox.shift() ?? [];
		const max = Math.min(length, this.profile.splitAt ?? length);
		const part = this.partial.slice(0, max);
		this.partial = this.partial.length > max ? this.partial.slice(max) : null;
		return { status: 'ok', data: new DataView(new Uint8Array(part).buffer) };
	}
}

/** A navigator.usb with the given devices (already allowed) or none (requestDevice → NotFoundError). */
export function fakeUsb(devices) {
	return {
		getDevices: async () => devices,
		requestDevice: async () => {
			if (devices[0]) return devices[0];
			throw new DOMException('No device selected.', 'NotFoundError');
		},
		addEventListener() {},
		removeEventListener() {}
	};
}

/** A navigator.smartCard (Web Smart Card API, as ChromeOS Isolated Web Apps have it) with one reader holding the card. */
export function fakeSmartCard(card = new FakeThaiCard()) {
	const readerName = 'Fake PC/SC Reader 00 00';
	return {
		async establishContext() {
			return {
				async listReaders() {
					return [readerName];
				},
				async getStatusChange() {
					return [{ readerName, eventState: { present: true } }];
				},
				async connect() {
					return {
						activeProtocol: 't0',
						connection: {
							async transmit(apdu) {
								const bytes = apdu instanceof ArrayBuffer ? new Uint8Array(apdu) : new Uint8Array(apdu.buffer, apdu.byteOffset, apdu.byteLength);
								return new Uint8Array(card.apdu(Array.from(bytes))).buffer;
							},
							async status() {
								return { answerToReset: new Uint8Array(card.atr).buffer };
							},
							async disconnect() {}
						}
					};
				}
			};
		}
	};
}
