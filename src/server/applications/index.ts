/**
 * Applications: import this module (not the kind modules one by one) so every kind's status effects are
 * registered before anything advances an application.
 */
import { approveDueHospitalChanges } from './hospital';
import { expireUnpaidSlips } from './section40';

export * from './store';

/** The automatic decisions, run hourly by the server and on demand by the CLI. */
export function runScheduledDecisions(today: string): { approved: string[]; expired: string[] } {
	return { approved: approveDueHospitalChanges(today), expired: expireUnpaidSlips(today) };
}
