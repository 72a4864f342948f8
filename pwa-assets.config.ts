/**
 * `npm run icons`: every app icon comes from the one source, static/icons/icon.svg (@vite-pwa/assets-generator).
 * Regular icons 64/192/512, maskable 192/512 (the shield inside the safe zone on the brand colour), the iOS home-screen
 * icon 180 (the favicon is static/favicon.svg). The output is committed; run it again after changing the source.
 */
import { defineConfig } from '@vite-pwa/assets-generator/config';

const brand = { background: '#0b4f8a', fit: 'contain' as const };

export default defineConfig({
	preset: {
		transparent: { sizes: [64, 192, 512] },
		maskable: { sizes: [192, 512], padding: 0.3, resizeOptions: brand },
		apple: { sizes: [180], padding: 0.3, resizeOptions: brand }
	},
	images: ['static/icons/icon.svg']
});
