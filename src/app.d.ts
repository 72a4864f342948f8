// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference types="vite-plugin-pwa/client" />
declare global {
	/** the local card agent's WebSocket URL (build-time, see svelte.config.js) */
	const __CARD_AGENT_URL__: string;
	namespace App {
		/** adapter-node hands each request's Node request over (the developer pages read the socket's address) */
		interface Platform {
			req?: import('node:http').IncomingMessage;
		}
		interface Locals {
			user: import('$server/auth/session').SessionUser | null;
			session: import('$server/auth/session').SessionInfo | null;
			locale: import('$lib/paraglide/runtime').Locale;
			ip: string;
			/** a signed-in staff member (pages under /staff only) */
			staff: import('$server/staff/session').StaffMember | null;
			staffSession: import('$server/staff/session').StaffSessionInfo | null;
		}
	}
}

export {};
