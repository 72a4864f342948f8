/**
 * A hospital change declared by a move (sso-rules.md, "Medical rights and hospital"): outside the yearly window, or a
 * second time in a year, the citizen may change because they moved workplace or home; the new hospital must then be
 * in the province of the new workplace or home. Pure functions with `today` passed in.
 */
import { addDays } from './periods';
import { nextWorkingDay } from './workdays';
import { PROVINCES } from '../format/provinces';

export const MOVE_KINDS = ['workplace', 'home'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/**
 * How long ago a declared move may be: 90 days. The SSO sources name no limit (sso-rules-sources.md: the list of
 * mid-year reasons was not verified), so this is the portal's bound: the exception is for a recent move, and every
 * citizen meets a yearly change window (16 Dec – 31 Mar) at most about nine months after any date.
 */
export const MOVE_MAX_DAYS_AGO = 90;

export interface MoveDeclaration {
	movedWhat?: string;
	province?: string;
	movedOn?: string;
}

export type MoveProblem = 'moved_what' | 'province' | 'moved_on_missing' | 'moved_on_future' | 'moved_on_too_old';

/** The first thing wrong with a declared move, or null: which move, a real province, a date not after today and not more than 90 days ago. */
export function moveProblem(d: MoveDeclaration, today: string): MoveProblem | null {
	if (!(MOVE_KINDS as readonly string[]).includes(d.movedWhat ?? '')) return 'moved_what';
	if (!PROVINCES.some(([th]) => th === d.province)) return 'province';
	if (!d.movedOn || !/^\d{4}-\d{2}-\d{2}$/.test(d.movedOn)) return 'moved_on_missing';
	if (d.movedOn > today) return 'moved_on_future';
	if (d.movedOn < earliestMoveDate(today)) return 'moved_on_too_old';
	return null;
}

/** The earliest move date accepted today. */
export function earliestMoveDate(today: string): string {
	return addDays(today, -MOVE_MAX_DAYS_AGO);
}

/** The province the new hospital must be in: the new workplace's or home's after a declared move, else the workplace's. */
export function requiredProvince(a: { moved?: boolean; province?: string }, workProvince: string | null): string | null {
	return (a.moved ? a.province : workProvince) ?? null;
}

/**
 * When a change sent today is decided and takes effect: the scheduled job decides every change sent on an earlier
 * day, so the decision comes the next day, and the new hospital applies from the next business day after it.
 */
export function hospitalChangeDates(submittedOn: string): { decidedOn: string; appliesFrom: string } {
	const decidedOn = addDays(submittedOn, 1);
	return { decidedOn, appliesFrom: nextWorkingDay(decidedOn) };
}
