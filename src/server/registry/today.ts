import { now } from '../clock';
import { isoDateInBangkok } from '$lib/format/date';

/** Today's date in Thailand: every rule is evaluated on it. */
export function today(): string {
	return isoDateInBangkok(now());
}
