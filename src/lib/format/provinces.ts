import type { Locale } from '$lib/i18n';

/** Provinces used by the registry, Thai and English; the database stores the Thai name. */
export const PROVINCES: [string, string][] = [
	['กรุงเทพมหานคร', 'Bangkok'],
	['นนทบุรี', 'Nonthaburi'],
	['ปทุมธานี', 'Pathum Thani'],
	['สมุทรปราการ', 'Samut Prakan'],
	['ชลบุรี', 'Chon Buri'],
	['ระยอง', 'Rayong'],
	['เชียงใหม่', 'Chiang Mai'],
	['ขอนแก่น', 'Khon Kaen'],
	['นครราชสีมา', 'Nakhon Ratchasima'],
	['สงขลา', 'Songkhla'],
	['ภูเก็ต', 'Phuket'],
	['พระนครศรีอยุธยา', 'Phra Nakhon Si Ayutthaya']
];

const EN = new Map(PROVINCES);

/** A province in the page's language (the Thai name when no English one is known). */
export function provinceName(th: string, locale: Locale): string {
	return locale !== 'th' ? (EN.get(th) ?? th) : th;
}
