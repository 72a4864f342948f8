/** Money is integer satang everywhere; this is the only place it becomes text. */
export function formatBaht(satang: number): string {
	const neg = satang < 0;
	const abs = Math.abs(satang);
	const baht = Math.floor(abs / 100);
	const st = abs % 100;
	return `${neg ? '-' : ''}${baht.toLocaleString('en-US')}.${String(st).padStart(2, '0')}`;
}
