import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'test-counts/',
			'playwright-report/',
			'build-next/',
			'build-kiosk/'
		]
	},
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
		// a database call, a transaction or anything else that returns a promise is awaited (or handed on): a query
		// builder that is not awaited never runs, and a forgotten await reads a promise as if it were the value
		files: [
			'src/server/**/*.ts',
			'src/routes/**/*.ts',
			'src/hooks.server.ts',
			'scripts/lib/**/*.ts',
			'tests/support/**/*.ts',
			'tests/http/**/*.ts',
			'tests/unit/**/*.ts'
		],
		languageOptions: { parserOptions: { projectService: true } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
			'@typescript-eslint/await-thenable': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	}
);
