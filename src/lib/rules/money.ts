/** Integer money helpers: amounts are satang; fractions of a satang round half up (amounts are never negative). */
export function divRound(numerator: number, denominator: number): number {
	return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Mean of amounts, rounded half up to the satang. */
export function meanSatang(xs: readonly number[]): number {
	if (xs.length === 0) return 0;
	return divRound(
		xs.reduce((a, b) => a + b, 0),
		xs.length
	);
}
