/** The worker's local ThaID-shaped provider (the fixture starts it) as the end-to-end tests use it. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { workerApp } from './worker-app';
import type { Failure } from '../../scripts/lib/thaid-provider';
import type { Person } from '../support/people';

/** A registry person the worker's provider can sign in as (ThaID knows everyone with a national ID). */
export function knownToThaid(p: Person): Person {
	const birthdate = `${Number(p.year) - 543}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
	workerApp().thaid!.addPerson({
		pid: p.id,
		title: 'นาย',
		given_name: p.first,
		family_name: p.last,
		title_en: 'Mr.',
		given_name_en: 'Test',
		family_name_en: 'Person',
		birthdate
	});
	return p;
}

/** At ThaID's sign-in page: sign in as `p`, or fail as `failure` says. */
export async function atThaid(page: Page, p: Person, failure: Failure | '' = ''): Promise<void> {
	await expect(page).toHaveURL(new RegExp(`^${workerApp().thaid!.issuer}/api/v2/oauth2/auth/`));
	await page.getByRole('radio', { name: new RegExp(p.id) }).check();
	await page.getByLabel('จำลองความผิดพลาด').selectOption(failure);
	await page.getByRole('button', { name: 'ยืนยันตัวตน' }).click();
}

/**
 * After ThaID's first proof of an account opened by SMS: "yes, the account's number is mine" (the account is raised
 * then, and its other sessions end).
 */
export async function numberIsMine(page: Page): Promise<void> {
	await expect(page).toHaveURL(/\/profile\/phone\/check/);
	await page.getByRole('button', { name: 'ใช่ เบอร์ของฉัน' }).click();
}
