/**
 * The one way a national ID is shown on every page (citizen, staff, hospital, employer): 1-1005-00567-89-9, the
 * 1-4-5-2-1 grouping printed on the Thai ID card. Spaces and dashes as typed are ignored; anything that is not 13 digits
 * is shown as it is (never cut or padded). CSV exports keep the 13 digits without dashes.
 */
export function formatNationalId(id: string): string {
	const d = id.replace(/[\s\-–]/g, '');
	if (!/^\d{13}$/.test(d)) return id;
	return `${d[0]}-${d.slice(1, 5)}-${d.slice(5, 10)}-${d.slice(10, 12)}-${d[12]}`;
}
