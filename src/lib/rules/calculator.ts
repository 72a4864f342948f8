/** The old-age calculator's inputs: shared by the page (GET form, no JavaScript) and the browser (live update). */
export interface CalculatorInput {
	wageBaht: number;
	age: number;
}

export type CalculatorParse =
	{ ok: true; value: CalculatorInput; errors: Record<string, never> } | { ok: false; value: CalculatorInput; errors: { wage?: string; age?: string } };

export function parseCalculator(wage: string | null, age: string | null, defaults: CalculatorInput): CalculatorParse {
	const errors: { wage?: string; age?: string } = {};
	let w = defaults.wageBaht;
	let a = defaults.age;
	if (wage !== null && wage.trim() !== '') {
		const n = Number(wage.replace(/[,\s]/g, ''));
		if (!Number.isFinite(n) || n < 0 || n > 1_000_000) errors.wage = 'err_calc_wage';
		else w = Math.round(n);
	}
	if (age !== null && age.trim() !== '') {
		const n = Number(age.trim());
		if (!Number.isInteger(n) || n < 55 || n > 70) errors.age = 'err_calc_age';
		else a = n;
	}
	const value = { wageBaht: w, age: a };
	return Object.keys(errors).length ? { ok: false, value, errors } : { ok: true, value, errors: {} };
}
