/**
 * The server's clock. Everything that depends on time (codes, sessions, lockouts) asks here,
 * so tests can move time forward. The offset can only be changed through /dev/clock when DEV_CLOCK is on.
 */
import { isoDateInBangkok } from '../lib/format/date';

let offsetMs = 0;

export function now(): number {
	return Date.now() + offsetMs;
}

export function setClockOffset(ms: number): void {
	offsetMs = ms;
}

export function clockOffset(): number {
	return offsetMs;
}

/** Today's date in Thailand: every rule is evaluated on it. */
export function today(): string {
	return isoDateInBangkok(now());
}
