import { hash, verify } from '@node-rs/argon2';
import { checkPassword, type PasswordProblem, type PersonalFacts } from '$lib/validation/password';
import type { FieldErrors, Msg } from '$lib/validation/messages';
import { isCommonPassword } from './common-passwords';

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password.normalize('NFC'));
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;
/** Spend the same time on an unknown account as on a known one, so timing tells nothing. */
export async function verifyDummy(password: string): Promise<void> {
	dummyHash ??= hashPassword('dummy-password-for-timing');
	await verifyPassword(await dummyHash, password);
}

export function passwordProblem(password: string, facts: PersonalFacts): PasswordProblem | null {
	return checkPassword(password, facts, isCommonPassword);
}

/**
 * The one message for a new password and its confirmation, as every form shows it: the password's own problem first,
 * then `extra` (a rule of that form, e.g. not the staff username), then a confirmation that differs. Empty when fine.
 */
export function newPasswordErrors(password: string, confirm: string, facts: PersonalFacts, extra: Msg | null = null): FieldErrors {
	const problem = passwordProblem(password, facts);
	if (problem) return { password: `err_password_${problem}` };
	if (extra) return { password: extra };
	if (password !== confirm) return { passwordConfirm: 'err_password_confirm' };
	return {};
}
