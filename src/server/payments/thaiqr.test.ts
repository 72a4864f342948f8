import { describe, expect, it } from 'vitest';
import {
	billPaymentBarcode,
	billPaymentPayload,
	crc16,
	crcValid,
	parseTlv,
	signCallback,
	verifyCallback,
	BILL_PAYMENT_AID,
	CODE128_QUIET,
	code128Svg,
	code128Widths,
	qrSvg
} from './thaiqr';
import { decodeCode128, widthsFromBars } from '../../../tests/fixtures/code128';

describe('EMVCo / Thai QR', () => {
	it('computes CRC-16/CCITT-FALSE: the standard check value', () => {
		expect(crc16('123456789')).toBe('29B1');
	});
	it('matches published Thai QR payloads (pheerathach/promptpay tests)', () => {
		for (const published of [
			'00020101021129370016A0000006770101110113006600000000053037645406100.005802TH6304D19E',
			'00020101021129370016A0000006770101110113006600000000053037645802TH630456EA',
			'00020101021129370016A00000067701011101130066000000000530376454040.005802TH6304FB56'
		]) {
			expect(crc16(published.slice(0, -4))).toBe(published.slice(-4));
			expect(crcValid(published)).toBe(true);
		}
	});
	const bill = { billerId: '099400016000000', ref1: '3501100789014', ref2: 'S402569000123', amountSatang: 10_000 };
	it('builds a bill-payment payload with tag 30, THB, TH and a valid CRC', () => {
		const p = billPaymentPayload(bill);
		expect(crcValid(p)).toBe(true);
		const top = new Map(parseTlv(p));
		expect(top.get('00')).toBe('01');
		expect(top.get('01')).toBe('12');
		expect(top.get('53')).toBe('764');
		expect(top.get('54')).toBe('100.00');
		expect(top.get('58')).toBe('TH');
		expect(new Map(parseTlv(top.get('30')!))).toEqual(
			new Map([
				['00', BILL_PAYMENT_AID],
				['01', '099400016000000'],
				['02', '3501100789014'],
				['03', 'S402569000123']
			])
		);
		expect(crcValid(p.slice(0, -1) + (p.endsWith('0') ? '1' : '0'))).toBe(false);
	});
	it('refuses references a bank would not take', () => {
		expect(() => billPaymentPayload({ ...bill, ref2: 'S40-2569-000123' })).toThrow();
		expect(() => billPaymentPayload({ ...bill, billerId: '123' })).toThrow();
	});
	it('writes the counter-service barcode data and renders both codes as SVG', () => {
		expect(billPaymentBarcode(bill)).toBe('|099400016000000\r3501100789014\rS402569000123\r10000');
		expect(code128Svg(billPaymentBarcode(bill))).toMatch(/^<svg/);
		expect(qrSvg(billPaymentPayload(bill))).toMatch(/^<svg/);
	});
});

describe('the counter barcode (Code 128)', () => {
	// the slip of the demo section 40 member: biller, national ID, the all-digit reference 2, 100 baht
	const payload = '|099400016000000\r1100500567899\r402569000001\r10000';
	/** the bars of the SVG as [x, width] in modules, and the module count of its viewBox */
	const barsOf = (svg: string) => ({
		bars: [...svg.matchAll(/<rect x="(\d+)" width="(\d)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const),
		modules: Number(/viewBox="0 0 (\d+) /.exec(svg)![1])
	});

	it('decodes back to the slip data from the SVG bars, quiet zones of 10 modules included', () => {
		const { bars, modules } = barsOf(code128Svg(payload));
		const decoded = decodeCode128(widthsFromBars(bars, 1));
		expect(decoded.text).toBe(payload);
		expect(bars[0]![0]).toBe(CODE128_QUIET);
		expect(modules).toBe(decoded.modules + 2 * CODE128_QUIET);
	});

	it('packs the digit runs two to a symbol (code set C), reference 2 included', () => {
		const d = decodeCode128(code128Widths(payload));
		const inC = d.parts
			.filter((p) => p.set === 'C')
			.map((p) => p.text)
			.join('');
		// an odd run leaves one digit in code set A; reference 2 (12 digits) goes whole into code set C
		expect(inC).toBe('99400016000000' + '100500567899' + '402569000001' + '0000');
		// 420 modules: 38 symbols and the stop; an all-letters-and-digits encoding (code set B) would need 52 symbols
		expect(d.modules).toBe(420);
		// the old reference S402569000001 cost a symbol more, and its odd digit run one more again
		expect(decodeCode128(code128Widths(payload.replace('402569000001', 'S402569000001'))).modules).toBeGreaterThan(d.modules);
	});

	it('scaled to a phone held sideways (740 CSS px long), each module is at least 1.5 CSS px wide', () => {
		const { modules } = barsOf(code128Svg(payload));
		expect((740 - 32) / modules).toBeGreaterThanOrEqual(1.5);
	});
});

describe('payment callback signature', () => {
	const secret = 'x'.repeat(40);
	const body = '{"transactionId":"T1"}';
	const ts = '1800000000000';
	const sig = signCallback(secret, ts, body);
	it('accepts the right signature within 5 minutes', () => {
		expect(verifyCallback(secret, { signature: sig, timestamp: ts }, body, 1800000000000 + 299_000)).toEqual({ ok: true });
		expect(verifyCallback(secret, { signature: `sha256=${sig}`, timestamp: ts }, body, 1800000000000)).toEqual({ ok: true });
	});
	it('refuses an altered body, a wrong secret, a missing header and an old (replayed) call', () => {
		expect(verifyCallback(secret, { signature: sig, timestamp: ts }, body.replace('T1', 'T2'), 1800000000000)).toMatchObject({ reason: 'bad_signature' });
		expect(verifyCallback('y'.repeat(40), { signature: sig, timestamp: ts }, body, 1800000000000)).toMatchObject({ reason: 'bad_signature' });
		expect(verifyCallback(secret, { signature: null, timestamp: ts }, body, 1800000000000)).toMatchObject({ reason: 'missing' });
		expect(verifyCallback(secret, { signature: sig, timestamp: ts }, body, 1800000000000 + 301_000)).toMatchObject({ reason: 'stale' });
	});
});
