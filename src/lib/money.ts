/** Money is integer satang everywhere: arithmetic that keeps it so, and the only place it becomes text. */

/** Division rounded half up to the satang (amounts are never negative). */
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

/** Satang as baht text: 123456 → "1,234.56". */
export function formatBaht(satang: number): string {
	const neg = satang < 0;
	const abs = Math.abs(satang);
	const baht = Math.floor(abs / 100);
	const st = abs % 100;
	return `${neg ? '-' : ''}${baht.toLocaleString('en-US')}.${String(st).padStart(2, '0')}`;
}
