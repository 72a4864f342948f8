/** A day typed as "วว/ดด/ปปปป" in the Buddhist Era (e.g. 26/11/2569) → ISO, or null when it is not a real date. */
export function parseBeDay(s: string): string | null {
	const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(s);
	if (!m) return null;
	const y = Number(m[3]) - 543;
	if (y < 1900 || y > 2200) return null;
	const iso = `${y}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** ISO → "26/11/2569" */
export function formatBeDay(iso: string): string {
	const [y, mo, d] = iso.split('-');
	return `${d}/${mo}/${Number(y) + 543}`;
}
