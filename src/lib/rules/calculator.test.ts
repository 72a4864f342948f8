import { describe, expect, it } from 'vitest';
import { parseCalculator } from './calculator';

const d = { wageBaht: 17_500, age: 55 };

describe('the old-age calculator input', () => {
	it('accepts whole baht with thousands commas or spaces, and a whole age from 55 to 70', () => {
		expect(parseCalculator('12,000', '60', d)).toEqual({ ok: true, value: { wageBaht: 12_000, age: 60 }, errors: {} });
		expect(parseCalculator(' 1 000 000 ', ' 70 ', d)).toEqual({ ok: true, value: { wageBaht: 1_000_000, age: 70 }, errors: {} });
		expect(parseCalculator('0', '55', d)).toEqual({ ok: true, value: { wageBaht: 0, age: 55 }, errors: {} });
	});
	it('an empty field keeps its default', () => {
		expect(parseCalculator(null, '', d)).toEqual({ ok: true, value: d, errors: {} });
	});
	it('refuses what is not a plain amount, with the message for that field', () => {
		for (const wage of ['abc', '-1', '1e3', '0x10', '12.5', '1,000,001', 'Infinity'])
			expect(parseCalculator(wage, '60', d), wage).toEqual({ ok: false, value: { wageBaht: 17_500, age: 60 }, errors: { wage: true } });
	});
	it('refuses an age outside 55–70 or not a whole number', () => {
		for (const age of ['54', '71', '60.5', 'sixty', '6e1'])
			expect(parseCalculator('9000', age, d), age).toEqual({ ok: false, value: { wageBaht: 9_000, age: 55 }, errors: { age: true } });
		expect(parseCalculator('abc', '40', d).errors).toEqual({ wage: true, age: true });
	});
});
