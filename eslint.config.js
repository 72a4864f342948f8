import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** Browser code (src/lib, and every route file that is not server-only) must not import src/server. */
const noServerImports = {
	'no-restricted-imports': [
		'error',
		{
			patterns: [
				{ group: ['$server', '$server/*'], message: 'src/server is server-only: load the data in a +page.server.ts or +server.ts instead.' },
				{ group: ['**/server/**', '../server', '../../server'], message: 'src/server is server-only.' },
				{ group: ['better-sqlite3', 'twilio', '@node-rs/argon2', 'drizzle-orm', 'drizzle-orm/*'], message: 'Server-only package in browser code.' }
			]
		}
	]
};

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/paraglide/', 'data/', 'test-results/', 'test-counts/', 'playwright-report/', 'build-next/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			// the app is served at the root (no paths.base), so plain links are correct and work without JavaScript
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		files: ['src/lib/**', 'src/routes/**/*.svelte', 'src/routes/**/+page.ts', 'src/routes/**/+layout.ts', 'src/hooks.client.ts', 'src/hooks.ts'],
		ignores: ['**/*.test.ts'], // unit tests run in Node, never in the browser
		rules: noServerImports
	}
);
