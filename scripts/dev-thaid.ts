/**
 * npm run dev:thaid [-- --port 4020 --redirect http://localhost:3000/login/thaid/callback/] — a local ThaID-shaped
 * OpenID Connect provider (scripts/lib/thaid-provider.ts) for development, with the demo registry's named people to
 * sign in as, and the settings to give the app. Never for production: it signs in whoever is picked.
 */
import { parseArgs } from 'node:util';
import { demoThaidPersons, startThaidProvider } from './lib/thaid-provider';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '4020' },
		redirect: { type: 'string', default: 'http://localhost:3000/login/thaid/callback/' },
		check: { type: 'boolean', default: false }
	}
});

const clientId = 'prakan-dev';
const clientSecret = 'prakan-dev-secret';
const provider = await startThaidProvider({ port: Number(values.port), clientId, clientSecret, redirectUris: [values.redirect!], persons: demoThaidPersons() });
console.log(`A local ThaID-shaped provider (development only) is at ${provider.issuer}. Start the app with:

THAID_ISSUER=${provider.issuer} THAID_CLIENT_ID=${clientId} THAID_CLIENT_SECRET=${clientSecret} THAID_REDIRECT_URI=${values.redirect} npm start
`);
// --check: started and answered; the benchmark scripts' test does the same for each script
if (values.check) {
	const r = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
	await provider.close();
	process.exit(r.ok ? 0 : 1);
}
process.on('SIGINT', () => void provider.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void provider.close().then(() => process.exit(0)));
