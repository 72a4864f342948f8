// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			user: import('$server/auth/session').SessionUser | null;
			session: import('$server/auth/session').SessionInfo | null;
			locale: 'th' | 'en';
			ip: string;
		}
	}
}

export {};
