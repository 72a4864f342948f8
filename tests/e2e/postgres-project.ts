/**
 * Whether the end-to-end project on PostgreSQL (chromium-postgres: the tests tagged @postgres, on a PostgreSQL
 * database per worker) runs in this run: where PostgreSQL is installed, always under CI (REQUIRE_POSTGRES, set by
 * .ci/run, makes a missing one a failure), and not when E2E_POSTGRES=0 (a quick local run of one file). Otherwise the
 * project is left out and the run says so once.
 */
import { postgresMissing } from '../support/postgres';

export const POSTGRES_TAG = '@postgres';

export function postgresProject(): { run: true } | { run: false; why: string } {
	const missing = postgresMissing();
	if (missing && process.env.REQUIRE_POSTGRES) throw new Error(`PostgreSQL is required here: ${missing}`);
	if (missing) return { run: false, why: missing };
	if (process.env.E2E_POSTGRES === '0') return { run: false, why: 'E2E_POSTGRES=0' };
	return { run: true };
}
