/**
 * The web app manifest (vite.config.ts hands it to @vite-pwa/sveltekit, which writes /manifest.webmanifest).
 * Icons come from static/icons/icon.svg (`npm run icons`); the install screenshots from `npm run screenshots:pwa`.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

const BRAND = '#0b4f8a';

export const webManifest: Partial<ManifestOptions> = {
	id: '/',
	name: 'ประกันสังคมออนไลน์',
	short_name: 'ประกันสังคม',
	description: 'ดูสิทธิ เงินสมทบ โรงพยาบาล และเงินออมชราภาพของคุณ ยื่นคำขอผู้ประกันตนมาตรา 40 และขอรับประโยชน์ทดแทนกรณีว่างงานออนไลน์',
	lang: 'th',
	dir: 'ltr',
	start_url: '/dashboard',
	scope: '/',
	display: 'standalone',
	orientation: 'any',
	theme_color: BRAND,
	background_color: '#ffffff',
	categories: ['government', 'finance'],
	icons: [
		{ src: '/icons/pwa-64x64.png', sizes: '64x64', type: 'image/png' },
		{ src: '/icons/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
		{ src: '/icons/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
		{ src: '/icons/maskable-icon-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
		{ src: '/icons/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	],
	screenshots: [
		{
			src: '/screenshots/dashboard-narrow.png',
			sizes: '720x1440',
			type: 'image/png',
			form_factor: 'narrow',
			label: 'หน้าแรก: สถานะ โรงพยาบาล เงินสมทบ และเงินออม'
		},
		{ src: '/screenshots/contributions-narrow.png', sizes: '720x1440', type: 'image/png', form_factor: 'narrow', label: 'ประวัติการส่งเงินสมทบรายเดือน' },
		{ src: '/screenshots/dashboard-wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'หน้าแรกบนคอมพิวเตอร์' }
	],
	shortcuts: [
		{ name: 'เงินสมทบของฉัน', short_name: 'เงินสมทบ', url: '/contributions', icons: [{ src: '/icons/pwa-192x192.png', sizes: '192x192', type: 'image/png' }] },
		{ name: 'โรงพยาบาลตามสิทธิ', short_name: 'โรงพยาบาล', url: '/hospital', icons: [{ src: '/icons/pwa-192x192.png', sizes: '192x192', type: 'image/png' }] }
	]
};
