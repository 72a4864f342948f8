import { describe, expect, it } from 'vitest';
import { bahtWords, thaiNumberWords } from './thai-words';

describe('Thai number words', () => {
	it.each([
		[0, 'ศูนย์'],
		[1, 'หนึ่ง'],
		[10, 'สิบ'],
		[11, 'สิบเอ็ด'],
		[20, 'ยี่สิบ'],
		[21, 'ยี่สิบเอ็ด'],
		[100, 'หนึ่งร้อย'],
		[101, 'หนึ่งร้อยเอ็ด'],
		[111, 'หนึ่งร้อยสิบเอ็ด'],
		[1_001, 'หนึ่งพันเอ็ด'],
		[1_000_000, 'หนึ่งล้าน'],
		[1_000_001, 'หนึ่งล้านเอ็ด'],
		[11_000_000, 'สิบเอ็ดล้าน'],
		[21_000_021, 'ยี่สิบเอ็ดล้านยี่สิบเอ็ด'],
		[962_366, 'เก้าแสนหกหมื่นสองพันสามร้อยหกสิบหก'],
		[1_000_000_000_000, 'หนึ่งล้านล้าน']
	])('%i → %s', (n, words) => expect(thaiNumberWords(n)).toBe(words));

	it('writes baht and satang as the form does', () => {
		expect(bahtWords(96_236_600)).toBe('เก้าแสนหกหมื่นสองพันสามร้อยหกสิบหกบาทถ้วน');
		expect(bahtWords(123_450)).toBe('หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์');
		expect(bahtWords(2_101)).toBe('ยี่สิบเอ็ดบาทหนึ่งสตางค์');
		expect(bahtWords(75)).toBe('เจ็ดสิบห้าสตางค์');
		expect(bahtWords(0)).toBe('ศูนย์บาทถ้วน');
		expect(() => bahtWords(-1)).toThrow(RangeError);
		expect(() => bahtWords(1.5)).toThrow(RangeError);
	});
});
