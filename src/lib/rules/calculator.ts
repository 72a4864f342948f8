/**
 * The old-age calculator's inputs: one valibot schema shared by the page's server load (the GET form, without
 * JavaScript) and the browser (the live update). A wage is whole baht, digits with optional thousands commas or
 * spaces (0 to 1,000,000); the age of stopping work a whole number from 55 to 70. An empty field keeps its default;
 * anything else that does not fit is marked wrong (the page says how to fix it) and is never replaced by a default.
 */
import * as v from 'valibot';

export interface CalculatorInput {
	wageBaht: number;
	age: number;
}

export type CalculatorParse =
	{ ok: true; value: CalculatorInput; errors: Record<string, never> } | { ok: false; value: CalculatorInput; errors: CalculatorErrors };

/** The fields that do not fit. */
export type CalculatorErrors = { wage?: true; age?: true };

export const WAGE_MAX_BAHT = 1_000_000;
export const RETIRE_AGE_MIN = 55;
export const RETIRE_AGE_MAX = 70;

const WageField = v.pipe(
	v.string(),
	v.transform((s) => s.replace(/[,\s]/g, '')),
	v.regex(/^\d{1,7}$/),
	v.transform(Number),
	v.maxValue(WAGE_MAX_BAHT)
);

const AgeField = v.pipe(
	v.string(),
	v.transform((s) => s.trim()),
	v.regex(/^\d{1,3}$/),
	v.transform(Number),
	v.minValue(RETIRE_AGE_MIN),
	v.maxValue(RETIRE_AGE_MAX)
);

export const CalculatorSchema = v.object({ wage: v.optional(WageField), age: v.optional(AgeField) });

/** Parse what was typed (null or blank: the default). `value` holds the defaults for the fields in error. */
export function parseCalculator(wage: string | null, age: string | null, defaults: CalculatorInput): CalculatorParse {
	const blank = (s: string | null) => s === null || s.trim() === '';
	const errors: CalculatorErrors = {};
	const value = { ...defaults };
	const w = blank(wage) ? null : v.safeParse(CalculatorSchema.entries.wage, wage!);
	if (w && !w.success) errors.wage = true;
	else if (w?.output !== undefined) value.wageBaht = w.output;
	const a = blank(age) ? null : v.safeParse(CalculatorSchema.entries.age, age!);
	if (a && !a.success) errors.age = true;
	else if (a?.output !== undefined) value.age = a.output;
	return Object.keys(errors).length ? { ok: false, value, errors } : { ok: true, value, errors: {} };
}
